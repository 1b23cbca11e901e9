using MathNet.Numerics.LinearAlgebra;

namespace Nestor.Fitting.Solvers;

/// <summary>
/// The thin SVD of a (possibly preconditioned) design matrix, A = U S V^T, with b = U^T y: the form in which
/// ridge regression and Bayesian linear regression have closed-form solutions. Obtained from the triangular factor
/// (SVD of the M x M matrix R = U_r S V^T, so U = Q U_r and b = U_r^T z) and therefore never forms U.
/// </summary>
public sealed class SvdProblem
{
    private SvdProblem(int observations, int parameters, double[] s, double[] v, double[] b, double residualSquared, double yNormSquared)
    {
        Observations = observations; Parameters = parameters; S = s; V = v; B = b;
        ResidualSquared = residualSquared; YNormSquared = yNormSquared;
    }

    /// <summary>N_obs.</summary>
    public int Observations { get; }

    /// <summary>M.</summary>
    public int Parameters { get; }

    /// <summary>Singular values, descending, M of them (zeros included when rank &lt; M).</summary>
    public double[] S { get; }

    /// <summary>Right singular vectors, M x M row-major: V[k * M + i] is component k of vector i.</summary>
    public double[] V { get; }

    /// <summary>b = U^T y, length M.</summary>
    public double[] B { get; }

    /// <summary>|y|^2 - |b|^2: the part of |y|^2 no linear combination of the columns reaches.</summary>
    public double ResidualSquared { get; }

    /// <summary>|y|^2.</summary>
    public double YNormSquared { get; }

    /// <summary>The SVD of a reduced problem (MathNet's managed SVD of the M x M factor).</summary>
    public static SvdProblem FromReduced(ReducedProblem p)
    {
        int m = p.Parameters;
        var r = Matrix<double>.Build.Dense(m, m, (i, j) => p.R[i * m + j]);
        var svd = r.Svd(computeVectors: true);
        var s = svd.S.ToArray();
        var u = svd.U;
        var vt = svd.VT;
        var v = new double[m * m];
        for (int k = 0; k < m; k++)
            for (int i = 0; i < m; i++) v[k * m + i] = vt[i, k];
        var b = new double[m];
        for (int i = 0; i < m; i++)
        {
            double acc = 0;
            for (int k = 0; k < m; k++) acc += u[k, i] * p.Z[k];
            b[i] = acc;
        }
        // |b| = |z| because U_r is square and orthogonal, so the residual stays that of the reduction
        return new SvdProblem(p.Observations, m, s, v, b, Math.Max(p.ResidualSquared, 0), p.YNormSquared);
    }

    /// <summary>The SVD of a small dense row-major matrix directly (reference path for tests and tiny problems).</summary>
    public static SvdProblem FromDense(double[] a, double[] y, int rows, int cols)
    {
        var am = Matrix<double>.Build.Dense(rows, cols, (i, j) => a[i * cols + j]);
        var svd = am.Svd(computeVectors: true);
        int r = Math.Min(rows, cols);
        var s = new double[cols];
        for (int i = 0; i < r; i++) s[i] = svd.S[i];
        var v = new double[cols * cols];
        for (int k = 0; k < cols; k++)
            for (int i = 0; i < cols; i++) v[k * cols + i] = svd.VT[i, k];
        var b = new double[cols];
        double bb = 0, yy = 0;
        for (int i = 0; i < r; i++)
        {
            double acc = 0;
            for (int k = 0; k < rows; k++) acc += svd.U[k, i] * y[k];
            b[i] = acc;
            bb += acc * acc;
        }
        foreach (double t in y) yy += t * t;
        return new SvdProblem(rows, cols, s, v, b, Math.Max(yy - bb, 0), yy);
    }

    /// <summary>V diag(d) b: the coefficient vector whose components along the singular directions are d_i b_i.</summary>
    internal double[] Combine(Func<int, double> d)
    {
        int m = Parameters;
        var g = new double[m];
        for (int i = 0; i < m; i++) g[i] = d(i) * B[i];
        var c = new double[m];
        for (int k = 0; k < m; k++)
        {
            double acc = 0;
            for (int i = 0; i < m; i++) acc += V[k * m + i] * g[i];
            c[k] = acc;
        }
        return c;
    }
}
