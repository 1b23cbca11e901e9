using System.Runtime.Intrinsics;

namespace Nestor.Potentials.Ace;

/// <summary>
/// Complex orthonormal spherical harmonics Y_l^m with the Condon-Shortley phase (ACE1's <c>SHBasis</c>), l = 0..maxL,
/// stored at flat index l^2 + l + m (order Y00, Y1-1, Y10, Y11, Y2-2, ...), with Cartesian gradients.
/// </summary>
/// <remarks>
/// Pole-safe form: for m &gt;= 0, Y_l^m(u) = Q_l^m(u_z) (u_x + i u_y)^m / sqrt 2 with u = R/|R| and
/// Q_l^m = Pbar_l^m / sin^m(theta), a polynomial in cos(theta) obtained from the normalised associated Legendre
/// recurrences with the sin(theta) factors dropped. The gradient is the gradient in u projected on the tangent plane,
/// divided by r; nothing divides by sin(theta). Y_l^-m = (-1)^m conj(Y_l^m).
/// </remarks>
public sealed class SphericalHarmonics
{
    private readonly double[] _al, _bl; // recurrence coefficients a_lm, b_lm at index l(l+1)/2 + m
    private readonly double[] _diag1, _diag0; // sqrt(2l+1) and -sqrt(1 + 1/(2l))

    /// <summary>Creates the basis up to degree <paramref name="maxL"/> (0..20).</summary>
    public SphericalHarmonics(int maxL)
    {
        if (maxL < 0 || maxL > 20) throw new ArgumentException($"spherical harmonics maxL must be 0..20, got {maxL}");
        MaxL = maxL;
        int nt = (maxL + 1) * (maxL + 2) / 2;
        _al = new double[nt]; _bl = new double[nt];
        _diag1 = new double[maxL + 1]; _diag0 = new double[maxL + 1];
        for (int l = 1; l <= maxL; l++) { _diag1[l] = Math.Sqrt(2 * l + 1.0); _diag0[l] = -Math.Sqrt(1 + 1.0 / (2 * l)); }
        for (int l = 2; l <= maxL; l++)
            for (int m = 0; m <= l - 2; m++)
            {
                _al[Tri(l, m)] = Math.Sqrt((4.0 * l * l - 1) / ((double)l * l - (double)m * m));
                _bl[Tri(l, m)] = -Math.Sqrt(((l - 1.0) * (l - 1) - (double)m * m) / (4.0 * (l - 1) * (l - 1) - 1));
            }
    }

    /// <summary>Largest degree l.</summary>
    public int MaxL { get; }

    /// <summary>Number of functions, (maxL + 1)^2.</summary>
    public int Count => (MaxL + 1) * (MaxL + 1);

    /// <summary>Flat index of (l, m).</summary>
    public static int Index(int l, int m) => l * l + l + m;

    private static int Tri(int l, int m) => l * (l + 1) / 2 + m;

    /// <summary>
    /// Evaluates Y at the direction of R = (x, y, z) (any length &gt; 0). Fills real and imaginary parts
    /// (<see cref="Count"/> each) and, when the gradient spans are non-empty, dY/dR (3 per function: x, y, z).
    /// <paramref name="scratch"/> needs 2 (maxL+1)(maxL+2)/2 + 2 (maxL + 2) doubles.
    /// </summary>
    public void Evaluate(double x, double y, double z, Span<double> re, Span<double> im,
        Span<double> gRe, Span<double> gIm, Span<double> scratch)
    {
        int L = MaxL;
        int nt = (L + 1) * (L + 2) / 2;
        var q = scratch[..nt];
        var dq = scratch.Slice(nt, nt);
        var wr = scratch.Slice(2 * nt, L + 2);      // Re (ux + i uy)^m
        var wi = scratch.Slice(2 * nt + L + 2, L + 2);
        double r = Math.Sqrt(x * x + y * y + z * z);
        double inv = 1.0 / r;
        double ux = x * inv, uy = y * inv, uz = z * inv;
        bool grad = gRe.Length > 0;

        // Q_l^m(uz) and dQ/duz
        q[0] = 1.0 / Math.Sqrt(2 * Math.PI); dq[0] = 0;
        for (int l = 1; l <= L; l++)
        {
            int ll = Tri(l, l), lm1 = Tri(l - 1, l - 1);
            for (int m = 0; m <= l - 2; m++)
            {
                int t = Tri(l, m), t1 = Tri(l - 1, m), t2 = Tri(l - 2, m);
                double a = _al[t], b = _bl[t];
                q[t] = a * (uz * q[t1] + b * q[t2]);
                dq[t] = a * (q[t1] + uz * dq[t1] + b * dq[t2]);
            }
            // m = l - 1 and m = l
            q[Tri(l, l - 1)] = Math.Sqrt(2 * l + 1.0) * uz * q[lm1];
            dq[Tri(l, l - 1)] = Math.Sqrt(2 * l + 1.0) * (q[lm1] + uz * dq[lm1]);
            q[ll] = -Math.Sqrt(1 + 1.0 / (2 * l)) * q[lm1];
            dq[ll] = -Math.Sqrt(1 + 1.0 / (2 * l)) * dq[lm1];
        }
        // powers of w = ux + i uy
        wr[0] = 1; wi[0] = 0;
        for (int m = 1; m <= L; m++)
        {
            wr[m] = wr[m - 1] * ux - wi[m - 1] * uy;
            wi[m] = wr[m - 1] * uy + wi[m - 1] * ux;
        }
        const double s2 = 0.70710678118654752440; // 1/sqrt 2
        for (int l = 0; l <= L; l++)
        {
            for (int m = 0; m <= l; m++)
            {
                double qq = q[Tri(l, m)] * s2;
                double yr = qq * wr[m], yi = qq * wi[m];
                int ip = Index(l, m), imn = Index(l, -m);
                re[ip] = yr; im[ip] = yi;
                double sg = (m & 1) == 0 ? 1.0 : -1.0;
                if (m > 0) { re[imn] = sg * yr; im[imn] = -sg * yi; }
                if (!grad) continue;
                // gradient in u: dF/dux = Q m w^(m-1), dF/duy = i Q m w^(m-1), dF/duz = Q' w^m (all / sqrt 2)
                double gxr = 0, gxi = 0, gyr = 0, gyi = 0;
                if (m > 0)
                {
                    gxr = qq * m * wr[m - 1]; gxi = qq * m * wi[m - 1];
                    gyr = -gxi; gyi = gxr;
                }
                double dqq = dq[Tri(l, m)] * s2;
                double gzr = dqq * wr[m], gzi = dqq * wi[m];
                // project on the tangent plane and divide by r
                double pr = ux * gxr + uy * gyr + uz * gzr, pi = ux * gxi + uy * gyi + uz * gzi;
                double ax = (gxr - pr * ux) * inv, ay = (gyr - pr * uy) * inv, az = (gzr - pr * uz) * inv;
                double bx = (gxi - pi * ux) * inv, by = (gyi - pi * uy) * inv, bz = (gzi - pi * uz) * inv;
                gRe[3 * ip] = ax; gRe[3 * ip + 1] = ay; gRe[3 * ip + 2] = az;
                gIm[3 * ip] = bx; gIm[3 * ip + 1] = by; gIm[3 * ip + 2] = bz;
                if (m > 0)
                {
                    gRe[3 * imn] = sg * ax; gRe[3 * imn + 1] = sg * ay; gRe[3 * imn + 2] = sg * az;
                    gIm[3 * imn] = -sg * bx; gIm[3 * imn + 1] = -sg * by; gIm[3 * imn + 2] = -sg * bz;
                }
            }
        }
    }

    /// <summary>Number of (l, m &gt;= 0) entries, (maxL + 1)(maxL + 2)/2; entry (l, m) is at l(l+1)/2 + m.</summary>
    public int HalfCount => (MaxL + 1) * (MaxL + 2) / 2;

    /// <summary>Index of (l, m &gt;= 0) in the half layout of <see cref="EvaluateHalf"/>.</summary>
    public static int HalfIndex(int l, int m) => l * (l + 1) / 2 + m;

    /// <summary>
    /// Like <see cref="Evaluate"/> for m &gt;= 0 only (Y_l^-m = (-1)^m conj Y_l^m gives the rest), in the half layout
    /// l(l+1)/2 + m; gradients (3 per entry) when <paramref name="gRe"/> is non-empty. <paramref name="scratch"/> as for
    /// <see cref="Evaluate"/>.
    /// </summary>
    public void EvaluateHalf(double x, double y, double z, Span<double> re, Span<double> im,
        Span<double> gRe, Span<double> gIm, Span<double> scratch)
    {
        int L = MaxL;
        int nt = (L + 1) * (L + 2) / 2;
        var q = scratch[..nt];
        var dq = scratch.Slice(nt, nt);
        var wr = scratch.Slice(2 * nt, L + 2);
        var wi = scratch.Slice(2 * nt + L + 2, L + 2);
        double inv = 1.0 / Math.Sqrt(x * x + y * y + z * z);
        double ux = x * inv, uy = y * inv, uz = z * inv;
        const double q00 = 0.39894228040143267794; // 1/sqrt(2 pi)
        q[0] = q00; dq[0] = 0;
        for (int l = 1; l <= L; l++)
        {
            int lm1 = Tri(l - 1, l - 1);
            for (int m = 0; m <= l - 2; m++)
            {
                int t = Tri(l, m), t1 = Tri(l - 1, m), t2 = Tri(l - 2, m);
                double a = _al[t], b = _bl[t];
                q[t] = a * (uz * q[t1] + b * q[t2]);
                dq[t] = a * (q[t1] + uz * dq[t1] + b * dq[t2]);
            }
            double c1 = _diag1[l], c2 = _diag0[l];
            q[Tri(l, l - 1)] = c1 * uz * q[lm1];
            dq[Tri(l, l - 1)] = c1 * (q[lm1] + uz * dq[lm1]);
            q[Tri(l, l)] = c2 * q[lm1];
            dq[Tri(l, l)] = c2 * dq[lm1];
        }
        wr[0] = 1; wi[0] = 0;
        for (int m = 1; m <= L; m++)
        {
            wr[m] = wr[m - 1] * ux - wi[m - 1] * uy;
            wi[m] = wr[m - 1] * uy + wi[m - 1] * ux;
        }
        const double s2 = 0.70710678118654752440;
        bool grad = gRe.Length > 0;
        for (int l = 0; l <= L; l++)
        {
            for (int m = 0; m <= l; m++)
            {
                int j = Tri(l, m);
                double qq = q[j] * s2;
                double yr = qq * wr[m], yi = qq * wi[m];
                re[j] = yr; im[j] = yi;
                if (!grad) continue;
                double gxr = 0, gxi = 0;
                if (m > 0) { gxr = qq * m * wr[m - 1]; gxi = qq * m * wi[m - 1]; }
                double gyr = -gxi, gyi = gxr;
                double dqq = dq[j] * s2;
                double gzr = dqq * wr[m], gzi = dqq * wi[m];
                double pr = ux * gxr + uy * gyr + uz * gzr, pi = ux * gxi + uy * gyi + uz * gzi;
                int g = 3 * j;
                gRe[g] = (gxr - pr * ux) * inv; gRe[g + 1] = (gyr - pr * uy) * inv; gRe[g + 2] = (gzr - pr * uz) * inv;
                gIm[g] = (gxi - pi * ux) * inv; gIm[g + 1] = (gyi - pi * uy) * inv; gIm[g + 2] = (gzi - pi * uz) * inv;
            }
        }
    }

    /// <summary>
    /// <see cref="EvaluateHalf"/> for four directions at once (SIMD over the lanes), in structure-of-arrays layout:
    /// entry j of lane l goes to re[j stride + a + l]; gradient component d of entry j to g[(3j + d) stride + a + l].
    /// </summary>
    public void EvaluateHalf4(Vector256<double> x, Vector256<double> y, Vector256<double> z, Span<double> re, Span<double> im,
        Span<double> gRe, Span<double> gIm, int stride, int a)
    {
        int L = MaxL;
        int nt = (L + 1) * (L + 2) / 2;
        Span<Vector256<double>> q = stackalloc Vector256<double>[nt];
        Span<Vector256<double>> dq = stackalloc Vector256<double>[nt];
        Span<Vector256<double>> wr = stackalloc Vector256<double>[L + 1];
        Span<Vector256<double>> wi = stackalloc Vector256<double>[L + 1];
        var inv = Vector256<double>.One / Vector256.Sqrt(x * x + y * y + z * z);
        var ux = x * inv; var uy = y * inv; var uz = z * inv;
        q[0] = Vector256.Create(0.39894228040143267794); dq[0] = Vector256<double>.Zero;
        for (int l = 1; l <= L; l++)
        {
            int lm1 = Tri(l - 1, l - 1);
            for (int m = 0; m <= l - 2; m++)
            {
                int t = Tri(l, m), t1 = Tri(l - 1, m), t2 = Tri(l - 2, m);
                var av = Vector256.Create(_al[t]); var bv = Vector256.Create(_bl[t]);
                q[t] = av * (uz * q[t1] + bv * q[t2]);
                dq[t] = av * (q[t1] + uz * dq[t1] + bv * dq[t2]);
            }
            var c1 = Vector256.Create(_diag1[l]); var c2 = Vector256.Create(_diag0[l]);
            q[Tri(l, l - 1)] = c1 * uz * q[lm1];
            dq[Tri(l, l - 1)] = c1 * (q[lm1] + uz * dq[lm1]);
            q[Tri(l, l)] = c2 * q[lm1];
            dq[Tri(l, l)] = c2 * dq[lm1];
        }
        wr[0] = Vector256<double>.One; wi[0] = Vector256<double>.Zero;
        for (int m = 1; m <= L; m++)
        {
            wr[m] = wr[m - 1] * ux - wi[m - 1] * uy;
            wi[m] = wr[m - 1] * uy + wi[m - 1] * ux;
        }
        var s2 = Vector256.Create(0.70710678118654752440);
        bool grad = gRe.Length > 0;
        for (int l = 0; l <= L; l++)
        {
            for (int m = 0; m <= l; m++)
            {
                int j = Tri(l, m);
                var qq = q[j] * s2;
                (qq * wr[m]).CopyTo(re.Slice(j * stride + a, 4));
                (qq * wi[m]).CopyTo(im.Slice(j * stride + a, 4));
                if (!grad) continue;
                Vector256<double> gxr = default, gxi = default;
                if (m > 0) { var mv = Vector256.Create((double)m); gxr = qq * mv * wr[m - 1]; gxi = qq * mv * wi[m - 1]; }
                var gyr = -gxi; var gyi = gxr;
                var dqq = dq[j] * s2;
                var gzr = dqq * wr[m]; var gzi = dqq * wi[m];
                var pr = ux * gxr + uy * gyr + uz * gzr; var pi = ux * gxi + uy * gyi + uz * gzi;
                int g = 3 * j * stride + a;
                ((gxr - pr * ux) * inv).CopyTo(gRe.Slice(g, 4));
                ((gyr - pr * uy) * inv).CopyTo(gRe.Slice(g + stride, 4));
                ((gzr - pr * uz) * inv).CopyTo(gRe.Slice(g + 2 * stride, 4));
                ((gxi - pi * ux) * inv).CopyTo(gIm.Slice(g, 4));
                ((gyi - pi * uy) * inv).CopyTo(gIm.Slice(g + stride, 4));
                ((gzi - pi * uz) * inv).CopyTo(gIm.Slice(g + 2 * stride, 4));
            }
        }
    }

    /// <summary>Scratch length needed by <see cref="Evaluate"/>.</summary>
    public int ScratchLength => (MaxL + 1) * (MaxL + 2) + 2 * (MaxL + 2);
}
