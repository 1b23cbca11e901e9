using System.Runtime.CompilerServices;

namespace Nestor.Potentials.Ace;

/// <summary>
/// Evaluates a <see cref="ProductBasis"/> from a complex atomic base A: the site energy sum_k c_k Re(AA_k), optionally
/// Re(AA_k) per function (for committees) and the adjoint w_v = d(sum_k c_k AA_k)/dA_v (for forces), by prefix and
/// suffix products inside each function. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// When the one-particle basis is closed under conjugation (A_conj(v) = s_v conj(A_v), true for the Y_l^-m partners
/// of a real radial basis), a product function and its conjugate partner have Re(AA) equal up to the sign
/// prod s_v, so they are merged into one function with the combined coefficient: exact, and about 30% fewer
/// products for the released Mg models. Coefficient vectors are mapped onto the merged functions by <see cref="Merge"/>.
/// </remarks>
public sealed class ProductBasisEvaluator
{
    private readonly int[] _start, _index;        // merged functions
    private readonly int[] _src1, _src2;          // source function(s) of each merged function; _src2 = -1 when single
    private readonly double[] _sign2;
    private readonly int[] _orderStart;           // merged functions of order nu: _orderStart[nu] .. _orderStart[nu+1]-1

    /// <summary>Creates the evaluator; with <paramref name="conjugate"/> (partner index per one-particle function) and
    /// <paramref name="conjugateSign"/> (s_v) conjugate product pairs are merged.</summary>
    public ProductBasisEvaluator(ProductBasis basis, int[]? conjugate = null, int[]? conjugateSign = null)
    {
        Basis = basis;
        int n = basis.Count;
        var lookup = new Dictionary<string, int>(n);
        static string Key(ReadOnlySpan<int> t) => string.Join(",", t.ToArray());
        for (int k = 0; k < n; k++) lookup[Key(basis.Factors(k))] = k;
        var used = new bool[n];
        var start = new List<int> { 0 };
        var index = new List<int>();
        var src1 = new List<int>(); var src2 = new List<int>(); var sign2 = new List<double>();
        for (int k = 0; k < n; k++)
        {
            if (used[k]) continue;
            used[k] = true;
            var f = basis.Factors(k);
            int partner = -1; double sign = 1;
            if (conjugate is not null)
            {
                var p = new int[f.Length];
                for (int a = 0; a < f.Length; a++) { p[a] = conjugate[f[a]]; sign *= conjugateSign![f[a]]; }
                Array.Sort(p);
                if (lookup.TryGetValue(Key(p), out int q) && q != k && !used[q]) { partner = q; used[q] = true; }
            }
            index.AddRange(f.ToArray());
            start.Add(index.Count);
            src1.Add(k); src2.Add(partner); sign2.Add(sign);
        }
        _start = [.. start]; _index = [.. index];
        _src1 = [.. src1]; _src2 = [.. src2]; _sign2 = [.. sign2];
        MaxOrder = basis.MaxOrder;
        _orderStart = new int[MaxOrder + 2];
        int cur = 0;
        for (int nu = 1; nu <= MaxOrder + 1; nu++)
        {
            while (cur < Count && _start[cur + 1] - _start[cur] < nu) cur++;
            _orderStart[nu] = cur;
        }
        _orderStart[MaxOrder + 1] = Count;
    }

    /// <summary>The basis.</summary>
    public ProductBasis Basis { get; }

    /// <summary>Number of (merged) functions evaluated.</summary>
    public int Count => _src1.Length;

    /// <summary>Largest correlation order.</summary>
    public int MaxOrder { get; }

    /// <summary>Number of merged functions of each order 1..MaxOrder (index 0 unused).</summary>
    public int[] CountByOrder()
    {
        var c = new int[MaxOrder + 1];
        for (int nu = 1; nu <= MaxOrder; nu++) c[nu] = _orderStart[nu + 1] - _orderStart[nu];
        return c;
    }

    /// <summary>Maps coefficients of the basis functions onto the merged functions.</summary>
    public double[] Merge(ReadOnlySpan<double> c)
    {
        if (c.Length != Basis.Count) throw new ArgumentException($"{c.Length} coefficients for {Basis.Count} functions");
        var m = new double[Count];
        for (int f = 0; f < Count; f++)
            m[f] = c[_src1[f]] + (_src2[f] >= 0 ? _sign2[f] * c[_src2[f]] : 0.0);
        return m;
    }

    /// <summary>
    /// Returns sum_f c_f Re(AA_f) with merged coefficients <paramref name="c"/>. When <paramref name="wRe"/> is non-empty,
    /// fills the adjoint w (one per one-particle function). When <paramref name="realAA"/> is non-empty, adds Re(AA_f).
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> aRe, ReadOnlySpan<double> aIm, ReadOnlySpan<double> c,
        Span<double> wRe, Span<double> wIm, Span<double> realAA)
    {
        bool adj = wRe.Length > 0, keep = realAA.Length > 0;
        if (adj) { wRe[..Basis.OneParticleCount].Clear(); wIm[..Basis.OneParticleCount].Clear(); }
        double e = 0;
        var idx = _index;
        // order 1
        for (int f = _orderStart[1]; f < _orderStart[2]; f++)
        {
            int i0 = idx[_start[f]];
            double aar = aRe[i0];
            e += c[f] * aar;
            if (keep) realAA[f] += aar;
            if (adj) wRe[i0] += c[f];
        }
        // order 2
        if (MaxOrder >= 2)
            for (int f = _orderStart[2]; f < _orderStart[3]; f++)
            {
                int s = _start[f];
                int i0 = idx[s], i1 = idx[s + 1];
                double r0 = aRe[i0], m0 = aIm[i0], r1 = aRe[i1], m1 = aIm[i1];
                double aar = r0 * r1 - m0 * m1;
                double ck = c[f];
                e += ck * aar;
                if (keep) realAA[f] += aar;
                if (adj)
                {
                    wRe[i0] += ck * r1; wIm[i0] += ck * m1;
                    wRe[i1] += ck * r0; wIm[i1] += ck * m0;
                }
            }
        // order 3
        if (MaxOrder >= 3)
            for (int f = _orderStart[3]; f < _orderStart[4]; f++)
            {
                int s = _start[f];
                int i0 = idx[s], i1 = idx[s + 1], i2 = idx[s + 2];
                double r0 = aRe[i0], m0 = aIm[i0], r1 = aRe[i1], m1 = aIm[i1], r2 = aRe[i2], m2 = aIm[i2];
                double p01r = r0 * r1 - m0 * m1, p01i = r0 * m1 + m0 * r1;
                double aar = p01r * r2 - p01i * m2;
                double ck = c[f];
                e += ck * aar;
                if (keep) realAA[f] += aar;
                if (adj)
                {
                    double s12r = r1 * r2 - m1 * m2, s12i = r1 * m2 + m1 * r2;
                    double p02r = r0 * r2 - m0 * m2, p02i = r0 * m2 + m0 * r2;
                    wRe[i0] += ck * s12r; wIm[i0] += ck * s12i;
                    wRe[i1] += ck * p02r; wIm[i1] += ck * p02i;
                    wRe[i2] += ck * p01r; wIm[i2] += ck * p01i;
                }
            }
        // order 4
        if (MaxOrder >= 4)
            for (int f = _orderStart[4]; f < _orderStart[5]; f++)
            {
                int s = _start[f];
                int i0 = idx[s], i1 = idx[s + 1], i2 = idx[s + 2], i3 = idx[s + 3];
                double r0 = aRe[i0], m0 = aIm[i0], r1 = aRe[i1], m1 = aIm[i1];
                double r2 = aRe[i2], m2 = aIm[i2], r3 = aRe[i3], m3 = aIm[i3];
                double p01r = r0 * r1 - m0 * m1, p01i = r0 * m1 + m0 * r1;
                double s23r = r2 * r3 - m2 * m3, s23i = r2 * m3 + m2 * r3;
                double aar = p01r * s23r - p01i * s23i;
                double ck = c[f];
                e += ck * aar;
                if (keep) realAA[f] += aar;
                if (adj)
                {
                    double cs23r = ck * s23r, cs23i = ck * s23i, cp01r = ck * p01r, cp01i = ck * p01i;
                    wRe[i0] += r1 * cs23r - m1 * cs23i; wIm[i0] += r1 * cs23i + m1 * cs23r;
                    wRe[i1] += r0 * cs23r - m0 * cs23i; wIm[i1] += r0 * cs23i + m0 * cs23r;
                    wRe[i2] += r3 * cp01r - m3 * cp01i; wIm[i2] += r3 * cp01i + m3 * cp01r;
                    wRe[i3] += r2 * cp01r - m2 * cp01i; wIm[i3] += r2 * cp01i + m2 * cp01r;
                }
            }
        // higher orders: prefix products, then a suffix sweep for the adjoint
        if (MaxOrder >= 5)
        {
            Span<double> pr = stackalloc double[MaxOrder + 1], pi = stackalloc double[MaxOrder + 1];
            for (int f = _orderStart[5]; f < Count; f++)
            {
                int s = _start[f], nu = _start[f + 1] - s;
                double ck = c[f];
                pr[0] = 1; pi[0] = 0;
                for (int a = 0; a < nu; a++)
                    Mul(pr[a], pi[a], aRe[idx[s + a]], aIm[idx[s + a]], out pr[a + 1], out pi[a + 1]);
                e += ck * pr[nu];
                if (keep) realAA[f] += pr[nu];
                if (!adj) continue;
                double sr = 1, si = 0;
                for (int a = nu - 1; a >= 0; a--)
                {
                    int ia = idx[s + a];
                    Mul(pr[a], pi[a], sr, si, out double dr, out double di);
                    wRe[ia] += ck * dr; wIm[ia] += ck * di;
                    Mul(sr, si, aRe[ia], aIm[ia], out sr, out si);
                }
            }
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
