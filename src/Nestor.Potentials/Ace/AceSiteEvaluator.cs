using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nestor.Potentials.Ace;

/// <summary>
/// The fast site-energy evaluation of an <see cref="AceManyBody"/>. The atomic base is accumulated only for m &gt;= 0,
/// in blocks of consecutive n for each (l, m) (so each neighbour adds R_n(r) Y_l^m as a SIMD axpy); the m &lt; 0 entries
/// follow from A_(n,l,-m) = (-1)^m conj A_(n,l,m). The product basis is evaluated with conjugate pairs merged, and the
/// adjoint is folded back onto the m &gt;= 0 blocks, w~_m = w_m + (-1)^m conj w_(-m), so the force contraction per
/// neighbour is again one SIMD dot product per block. Immutable and thread-safe; per-call state is in
/// <see cref="AceSiteScratch"/>.
/// </summary>
internal sealed class AceSiteEvaluator
{
    public readonly AceManyBody Model;
    public readonly ProductBasisEvaluator Products;
    public readonly double[] Coefficients;       // merged
    public readonly double[][] Members;          // merged, per committee member
    public readonly int K, NH, NC, NF;           // radial functions, (l, m>=0) entries, compact A entries, full A entries
    private readonly int[] _bT, _bR, _bLen, _bOff; // blocks: half-SH index, radial start, length, compact offset
    private readonly int[] _fullSrc;             // full one-particle index -> compact index
    private readonly double[] _fullSign;         // +-1: sign of the conjugated copy for m < 0
    private readonly bool[] _fullNeg;            // true when m < 0

    public AceSiteEvaluator(AceManyBody model)
    {
        Model = model;
        var op = model.OneParticle;
        K = model.Radial.Count;
        NH = model.Angular.HalfCount;
        NF = op.Count;
        // conjugation map in the full (file) index space
        var conj = new int[NF];
        var sign = new int[NF];
        for (int v = 0; v < NF; v++)
        {
            conj[v] = op.IndexOf(op.N[v], op.L[v], -op.M[v]);
            sign[v] = (op.M[v] & 1) == 0 ? 1 : -1;
        }
        bool closed = conj.All(c => c >= 0);
        // compact blocks: (l, |m|) with runs of consecutive n, from the m >= 0 entries (or the |m| partner)
        var entries = new SortedSet<(int t, int n)>();
        for (int v = 0; v < NF; v++)
            entries.Add((SphericalHarmonics.HalfIndex(op.L[v], Math.Abs(op.M[v])), op.N[v]));
        var bT = new List<int>(); var bR = new List<int>(); var bLen = new List<int>(); var bOff = new List<int>();
        var compactOf = new Dictionary<(int, int), int>();
        int nc = 0;
        foreach (var (t, n) in entries)
        {
            int last = bT.Count - 1;
            if (last >= 0 && bT[last] == t && bR[last] + bLen[last] == n - 1) bLen[last]++;
            else { bT.Add(t); bR.Add(n - 1); bLen.Add(1); bOff.Add(nc); }
            compactOf[(t, n)] = nc++;
        }
        _bT = [.. bT]; _bR = [.. bR]; _bLen = [.. bLen]; _bOff = [.. bOff];
        NC = nc;
        _fullSrc = new int[NF]; _fullSign = new double[NF]; _fullNeg = new bool[NF];
        for (int v = 0; v < NF; v++)
        {
            _fullSrc[v] = compactOf[(SphericalHarmonics.HalfIndex(op.L[v], Math.Abs(op.M[v])), op.N[v])];
            _fullNeg[v] = op.M[v] < 0;
            _fullSign[v] = sign[v];
        }
        // the compact form needs every m < 0 entry to be the conjugate copy: always true by construction of A
        Products = closed ? new ProductBasisEvaluator(model.Products, conj, sign) : new ProductBasisEvaluator(model.Products);
        Coefficients = Products.Merge(model.Coefficients);
        Members = new double[model.CommitteeSize][];
        for (int j = 0; j < model.CommitteeSize; j++) Members[j] = Products.Merge(model.Member(j));
    }

    public AceSiteScratch NewScratch(int pairK) => new(K, NH, NC, NF, Model.Angular.ScratchLength, pairK);

    /// <summary>Radial and angular values of the first <paramref name="nn"/> neighbour slots (sc.Dx/Dy/Dz/Rn).</summary>
    public void Prepare(AceSiteScratch sc, int nn, bool grad)
    {
        Model.Radial.EvaluateMany(sc.Rn.AsSpan(0, nn), sc.R.AsSpan(0, nn * K), sc.DR.AsSpan(0, nn * K));
        var sh = Model.Angular;
        for (int a = 0; a < nn; a++)
            sh.EvaluateHalf(sc.Dx[a], sc.Dy[a], sc.Dz[a], sc.YRe.AsSpan(a * NH, NH), sc.YIm.AsSpan(a * NH, NH),
                grad ? sc.GRe.AsSpan(3 * a * NH, 3 * NH) : Span<double>.Empty, grad ? sc.GIm.AsSpan(3 * a * NH, 3 * NH) : Span<double>.Empty,
                sc.ShScratch);
    }

    /// <summary>
    /// The ACE site energy from the <paramref name="nn"/> prepared neighbour slots; with <paramref name="grad"/>,
    /// writes dE/dR for each slot into sc.GX/GY/GZ; adds Re(AA_f) into <paramref name="realAA"/> when non-empty.
    /// </summary>
    public double Evaluate(AceSiteScratch sc, int nn, bool grad, Span<double> realAA)
    {
        var aRe = sc.ARe; var aIm = sc.AIm;
        Array.Clear(aRe, 0, NC); Array.Clear(aIm, 0, NC);
        int nb = _bT.Length;
        for (int a = 0; a < nn; a++)
        {
            int rb = a * K, yb = a * NH;
            for (int b = 0; b < nb; b++)
            {
                double yr = sc.YRe[yb + _bT[b]], yi = sc.YIm[yb + _bT[b]];
                Axpy2(yr, yi, sc.R.AsSpan(rb + _bR[b], _bLen[b]), aRe.AsSpan(_bOff[b], _bLen[b]), aIm.AsSpan(_bOff[b], _bLen[b]));
            }
        }
        // full A
        var fRe = sc.FRe; var fIm = sc.FIm;
        for (int v = 0; v < NF; v++)
        {
            int c = _fullSrc[v];
            if (_fullNeg[v]) { fRe[v] = _fullSign[v] * aRe[c]; fIm[v] = -_fullSign[v] * aIm[c]; }
            else { fRe[v] = aRe[c]; fIm[v] = aIm[c]; }
        }
        double e = Products.Evaluate(fRe, fIm, Coefficients, grad ? sc.WRe : Span<double>.Empty, grad ? sc.WIm : Span<double>.Empty, realAA);
        if (!grad) return e;

        // fold the adjoint onto the compact entries: w~ = w_m + s conj(w_-m)
        var wcRe = sc.WcRe; var wcIm = sc.WcIm;
        Array.Clear(wcRe, 0, NC); Array.Clear(wcIm, 0, NC);
        for (int v = 0; v < NF; v++)
        {
            int c = _fullSrc[v];
            if (_fullNeg[v]) { wcRe[c] += _fullSign[v] * sc.WRe[v]; wcIm[c] -= _fullSign[v] * sc.WIm[v]; }
            else { wcRe[c] += sc.WRe[v]; wcIm[c] += sc.WIm[v]; }
        }
        // dE/dR_a = Re sum_c w~_c (R'_n Y u + R_n grad Y)
        for (int a = 0; a < nn; a++)
        {
            int rb = a * K, yb = a * NH;
            double radial = 0, gx = 0, gy = 0, gz = 0;
            for (int b = 0; b < nb; b++)
            {
                int len = _bLen[b], off = _bOff[b], t = yb + _bT[b];
                Dot4(wcRe.AsSpan(off, len), wcIm.AsSpan(off, len), sc.R.AsSpan(rb + _bR[b], len), sc.DR.AsSpan(rb + _bR[b], len),
                    out double w0r, out double w0i, out double w1r, out double w1i);
                radial += w1r * sc.YRe[t] - w1i * sc.YIm[t];
                int g = 3 * t;
                gx += w0r * sc.GRe[g] - w0i * sc.GIm[g];
                gy += w0r * sc.GRe[g + 1] - w0i * sc.GIm[g + 1];
                gz += w0r * sc.GRe[g + 2] - w0i * sc.GIm[g + 2];
            }
            double inv = 1.0 / sc.Rn[a];
            sc.GX[a] = radial * sc.Dx[a] * inv + gx;
            sc.GY[a] = radial * sc.Dy[a] * inv + gy;
            sc.GZ[a] = radial * sc.Dz[a] * inv + gz;
        }
        return e;
    }

    /// <summary>re += yr x, im += yi x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Axpy2(double yr, double yi, ReadOnlySpan<double> x, Span<double> re, Span<double> im)
    {
        int n = x.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vr = new Vector<double>(yr); var vi = new Vector<double>(yi);
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            var rv = MemoryMarshal.Cast<double, Vector<double>>(re);
            var iv = MemoryMarshal.Cast<double, Vector<double>>(im);
            for (int k = 0; k < xv.Length; k++) { rv[k] += vr * xv[k]; iv[k] += vi * xv[k]; }
            i = xv.Length * Vector<double>.Count;
        }
        for (; i < n; i++) { re[i] += yr * x[i]; im[i] += yi * x[i]; }
    }

    /// <summary>(wr . p, wi . p, wr . q, wi . q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dot4(ReadOnlySpan<double> wr, ReadOnlySpan<double> wi, ReadOnlySpan<double> p, ReadOnlySpan<double> q,
        out double a, out double b, out double c, out double d)
    {
        int n = p.Length, i = 0;
        a = b = c = d = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var wrv = MemoryMarshal.Cast<double, Vector<double>>(wr);
            var wiv = MemoryMarshal.Cast<double, Vector<double>>(wi);
            var pv = MemoryMarshal.Cast<double, Vector<double>>(p);
            var qv = MemoryMarshal.Cast<double, Vector<double>>(q);
            Vector<double> sa = default, sb = default, sc = default, sd = default;
            for (int k = 0; k < pv.Length; k++)
            {
                sa += wrv[k] * pv[k]; sb += wiv[k] * pv[k];
                sc += wrv[k] * qv[k]; sd += wiv[k] * qv[k];
            }
            a = Vector.Sum(sa); b = Vector.Sum(sb); c = Vector.Sum(sc); d = Vector.Sum(sd);
            i = pv.Length * Vector<double>.Count;
        }
        for (; i < n; i++) { a += wr[i] * p[i]; b += wi[i] * p[i]; c += wr[i] * q[i]; d += wi[i] * q[i]; }
    }
}
