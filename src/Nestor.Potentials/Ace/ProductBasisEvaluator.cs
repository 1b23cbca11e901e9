using System.Runtime.CompilerServices;

namespace Nestor.Potentials.Ace;

/// <summary>
/// Evaluates a <see cref="ProductBasis"/> from a complex atomic base A: the site energy sum_k c_k Re(AA_k), optionally
/// Re(AA_k) per function (for committees) and the adjoint w_v = d(sum_k c_k AA_k)/dA_v (for forces), by prefix and
/// suffix products inside each function. Stateless and thread-safe.
/// </summary>
public sealed class ProductBasisEvaluator
{
    private readonly int[] _start, _index;

    /// <summary>Creates the evaluator for <paramref name="basis"/>.</summary>
    public ProductBasisEvaluator(ProductBasis basis)
    {
        Basis = basis;
        _start = basis.Starts;
        _index = basis.Indices;
    }

    /// <summary>The basis.</summary>
    public ProductBasis Basis { get; }

    /// <summary>
    /// Returns sum_k c_k Re(AA_k). When <paramref name="wRe"/> is non-empty, fills the adjoint w (real and imaginary
    /// parts, one per one-particle function). When <paramref name="realAA"/> is non-empty, adds Re(AA_k) into it.
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> aRe, ReadOnlySpan<double> aIm, ReadOnlySpan<double> c,
        Span<double> wRe, Span<double> wIm, Span<double> realAA)
    {
        bool adj = wRe.Length > 0, keep = realAA.Length > 0;
        if (adj) { wRe[..Basis.OneParticleCount].Clear(); wIm[..Basis.OneParticleCount].Clear(); }
        int nf = _start.Length - 1;
        double e = 0;
        Span<double> pr = stackalloc double[Basis.MaxOrder + 1], pi = stackalloc double[Basis.MaxOrder + 1];
        for (int k = 0; k < nf; k++)
        {
            int s = _start[k], nu = _start[k + 1] - s;
            double ck = c[k];
            double aar, aai;
            switch (nu)
            {
                case 1:
                {
                    int i0 = _index[s];
                    aar = aRe[i0]; aai = aIm[i0];
                    if (adj) wRe[i0] += ck;
                    break;
                }
                case 2:
                {
                    int i0 = _index[s], i1 = _index[s + 1];
                    double r0 = aRe[i0], m0 = aIm[i0], r1 = aRe[i1], m1 = aIm[i1];
                    aar = r0 * r1 - m0 * m1; aai = r0 * m1 + m0 * r1;
                    if (adj)
                    {
                        wRe[i0] += ck * r1; wIm[i0] += ck * m1;
                        wRe[i1] += ck * r0; wIm[i1] += ck * m0;
                    }
                    break;
                }
                case 3:
                {
                    int i0 = _index[s], i1 = _index[s + 1], i2 = _index[s + 2];
                    double r0 = aRe[i0], m0 = aIm[i0], r1 = aRe[i1], m1 = aIm[i1], r2 = aRe[i2], m2 = aIm[i2];
                    double p01r = r0 * r1 - m0 * m1, p01i = r0 * m1 + m0 * r1;
                    aar = p01r * r2 - p01i * m2; aai = p01r * m2 + p01i * r2;
                    if (adj)
                    {
                        double s12r = r1 * r2 - m1 * m2, s12i = r1 * m2 + m1 * r2;
                        double p02r = r0 * r2 - m0 * m2, p02i = r0 * m2 + m0 * r2;
                        wRe[i0] += ck * s12r; wIm[i0] += ck * s12i;
                        wRe[i1] += ck * p02r; wIm[i1] += ck * p02i;
                        wRe[i2] += ck * p01r; wIm[i2] += ck * p01i;
                    }
                    break;
                }
                case 4:
                {
                    int i0 = _index[s], i1 = _index[s + 1], i2 = _index[s + 2], i3 = _index[s + 3];
                    double r0 = aRe[i0], m0 = aIm[i0], r1 = aRe[i1], m1 = aIm[i1];
                    double r2 = aRe[i2], m2 = aIm[i2], r3 = aRe[i3], m3 = aIm[i3];
                    double p01r = r0 * r1 - m0 * m1, p01i = r0 * m1 + m0 * r1;
                    double s23r = r2 * r3 - m2 * m3, s23i = r2 * m3 + m2 * r3;
                    aar = p01r * s23r - p01i * s23i; aai = p01r * s23i + p01i * s23r;
                    if (adj)
                    {
                        // d/dA0 = A1 A2 A3, d/dA1 = A0 A2 A3, d/dA2 = A0 A1 A3, d/dA3 = A0 A1 A2
                        Mul(r1, m1, s23r, s23i, out double d0r, out double d0i);
                        Mul(r0, m0, s23r, s23i, out double d1r, out double d1i);
                        Mul(p01r, p01i, r3, m3, out double d2r, out double d2i);
                        Mul(p01r, p01i, r2, m2, out double d3r, out double d3i);
                        wRe[i0] += ck * d0r; wIm[i0] += ck * d0i;
                        wRe[i1] += ck * d1r; wIm[i1] += ck * d1i;
                        wRe[i2] += ck * d2r; wIm[i2] += ck * d2i;
                        wRe[i3] += ck * d3r; wIm[i3] += ck * d3i;
                    }
                    break;
                }
                default:
                {
                    // general order: prefix products, then suffix sweep for the adjoint
                    pr[0] = 1; pi[0] = 0;
                    for (int a = 0; a < nu; a++)
                        Mul(pr[a], pi[a], aRe[_index[s + a]], aIm[_index[s + a]], out pr[a + 1], out pi[a + 1]);
                    aar = pr[nu]; aai = pi[nu];
                    if (adj)
                    {
                        double sr = 1, si = 0;
                        for (int a = nu - 1; a >= 0; a--)
                        {
                            int ia = _index[s + a];
                            Mul(pr[a], pi[a], sr, si, out double dr, out double di);
                            wRe[ia] += ck * dr; wIm[ia] += ck * di;
                            Mul(sr, si, aRe[ia], aIm[ia], out sr, out si);
                        }
                    }
                    break;
                }
            }
            e += ck * aar;
            if (keep) realAA[k] += aar;
        }
        return e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mul(double ar, double ai, double br, double bi, out double cr, out double ci)
    {
        cr = ar * br - ai * bi;
        ci = ar * bi + ai * br;
    }
}
