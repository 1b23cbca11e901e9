namespace Nestor.Fitting.Solvers;

/// <summary>How ordinary least squares is solved.</summary>
public enum LeastSquaresMethod
{
    /// <summary>Back-substitution on the triangular factor R c = Q^T y (ridge: sqrt(lambda) I rows folded into R).</summary>
    Qr,
    /// <summary>From the SVD: c = V diag(s_i / (s_i^2 + lambda)) U^T y, directions with s_i below rcond * s_max dropped.</summary>
    Svd,
}

/// <summary>Least squares with optional ridge (Tikhonov) regularisation: min |A c - y|^2 + lambda |c|^2.</summary>
public static class LeastSquares
{
    /// <summary>Solves with the QR factor. Throws when R is singular (use ridge or the SVD).</summary>
    public static LinearSolution SolveQr(ReducedProblem p, double ridge = 0, double[]? preconditioner = null)
    {
        if (!(ridge >= 0)) throw new ArgumentException("the ridge parameter must be non-negative");
        int m = p.Parameters;
        var r = p.R;
        var z = p.Z;
        if (ridge > 0)
        {
            // fold sqrt(lambda) I (with zero targets) into the augmented factor [R z]
            int w = m + 1;
            var aug = new double[w * w];
            for (int i = 0; i < m; i++)
            {
                Array.Copy(p.R, i * m, aug, i * w, m);
                aug[i * w + m] = p.Z[i];
            }
            var blk = new double[48 * w];
            double sl = Math.Sqrt(ridge);
            var fs = new QrReduction.FoldScratch(w);
            for (int i0 = 0; i0 < m; i0 += 48)
            {
                int b = Math.Min(48, m - i0);
                Array.Clear(blk);
                for (int i = 0; i < b; i++) blk[i * w + i0 + i] = sl;
                QrReduction.Fold(aug, blk, b, w, i0, fs);
            }
            r = new double[m * m];
            z = new double[m];
            for (int i = 0; i < m; i++) { Array.Copy(aug, i * w, r, i * m, m); z[i] = aug[i * w + m]; }
        }
        double dmax = 0;
        for (int i = 0; i < m; i++) dmax = Math.Max(dmax, Math.Abs(r[i * m + i]));
        var c = new double[m];
        for (int i = m - 1; i >= 0; i--)
        {
            double d = r[i * m + i];
            if (Math.Abs(d) <= 1e-13 * dmax || dmax == 0)
                throw new FittingException($"least squares by QR: the design matrix is rank deficient (|R[{i},{i}]| = {Math.Abs(d):G3} vs max {dmax:G3}); use ridge regularisation, the SVD solver or BLR");
            double acc = z[i];
            for (int k = i + 1; k < m; k++) acc -= r[i * m + k] * c[k];
            c[i] = acc / d;
        }
        if (preconditioner is not null) for (int k = 0; k < m; k++) c[k] /= preconditioner[k];
        return new LinearSolution(ridge > 0 ? FormattableString.Invariant($"lsq:qr,ridge={ridge:G6}") : "lsq:qr", c);
    }

    /// <summary>Solves with the SVD (pseudo-inverse with relative cutoff <paramref name="rcond"/> when ridge is 0).</summary>
    public static LinearSolution SolveSvd(SvdProblem p, double ridge = 0, double rcond = 1e-12, double[]? preconditioner = null)
    {
        if (!(ridge >= 0)) throw new ArgumentException("the ridge parameter must be non-negative");
        double smax = p.S.Length > 0 ? p.S.Max() : 0;
        var c = p.Combine(i =>
        {
            double s = p.S[i];
            if (ridge == 0) return s > rcond * smax ? 1 / s : 0;
            return s / (s * s + ridge);
        });
        if (preconditioner is not null) for (int k = 0; k < c.Length; k++) c[k] /= preconditioner[k];
        return new LinearSolution(ridge > 0 ? FormattableString.Invariant($"lsq:svd,ridge={ridge:G6}") : "lsq:svd", c);
    }
}
