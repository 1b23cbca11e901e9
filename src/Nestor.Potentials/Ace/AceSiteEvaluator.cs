using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    public AceSiteScratch NewScratch(int pairK) => new(K, NH, NC, NF, pairK);

    /// <summary>Radial and angular values of the neighbour slots 0 .. sc.Stride-1 (sc.Dx/Dy/Dz/Rn, padded).</summary>
    public void Prepare(AceSiteScratch sc, bool grad)
    {
        int S = sc.Stride;
        Model.Radial.EvaluateSoA(sc.Rn.AsSpan(0, S), sc.R, sc.DR, S);
        var sh = Model.Angular;
        for (int a = 0; a < S; a += 4)
            sh.EvaluateHalf4(Vector256.Create<double>(sc.Dx.AsSpan(a, 4)), Vector256.Create<double>(sc.Dy.AsSpan(a, 4)),
                Vector256.Create<double>(sc.Dz.AsSpan(a, 4)), sc.YRe, sc.YIm,
                grad ? sc.GRe : Span<double>.Empty, grad ? sc.GIm : Span<double>.Empty, S, a);
    }

    /// <summary>
    /// The ACE site energy from the prepared neighbour slots; with <paramref name="grad"/>, adds dE/dR of each slot
    /// into sc.GX/GY/GZ; adds Re(AA_f) into <paramref name="realAA"/> when non-empty.
    /// </summary>
    public double Evaluate(AceSiteScratch sc, bool grad, Span<double> realAA)
    {
        int S = sc.Stride, nv = S / 4;
        var aRe = sc.ARe; var aIm = sc.AIm;
        int nb = _bT.Length;
        // A_c = sum_a R_n(a) Y_t(a): one SIMD dot product over the neighbours per compact entry
        for (int b = 0; b < nb; b++)
        {
            var yr = MemoryMarshal.Cast<double, Vector256<double>>(sc.YRe.AsSpan(_bT[b] * S, S));
            var yi = MemoryMarshal.Cast<double, Vector256<double>>(sc.YIm.AsSpan(_bT[b] * S, S));
            for (int i = 0; i < _bLen[b]; i++)
            {
                var rr = MemoryMarshal.Cast<double, Vector256<double>>(sc.R.AsSpan((_bR[b] + i) * S, S));
                Vector256<double> sr = default, si = default;
                for (int v = 0; v < nv; v++) { sr += yr[v] * rr[v]; si += yi[v] * rr[v]; }
                aRe[_bOff[b] + i] = Vector256.Sum(sr);
                aIm[_bOff[b] + i] = Vector256.Sum(si);
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
        // dE/dR_a = Re sum_c w~_c (R'_n Y u + R_n grad Y), SIMD over neighbours
        var R = MemoryMarshal.Cast<double, Vector256<double>>(sc.R.AsSpan(0, K * S));
        var DR = MemoryMarshal.Cast<double, Vector256<double>>(sc.DR.AsSpan(0, K * S));
        var YR = MemoryMarshal.Cast<double, Vector256<double>>(sc.YRe.AsSpan(0, NH * S));
        var YI = MemoryMarshal.Cast<double, Vector256<double>>(sc.YIm.AsSpan(0, NH * S));
        var GR = MemoryMarshal.Cast<double, Vector256<double>>(sc.GRe.AsSpan(0, 3 * NH * S));
        var GI = MemoryMarshal.Cast<double, Vector256<double>>(sc.GIm.AsSpan(0, 3 * NH * S));
        var dx = MemoryMarshal.Cast<double, Vector256<double>>(sc.Dx.AsSpan(0, S));
        var dy = MemoryMarshal.Cast<double, Vector256<double>>(sc.Dy.AsSpan(0, S));
        var dz = MemoryMarshal.Cast<double, Vector256<double>>(sc.Dz.AsSpan(0, S));
        var rn = MemoryMarshal.Cast<double, Vector256<double>>(sc.Rn.AsSpan(0, S));
        var GX = MemoryMarshal.Cast<double, Vector256<double>>(sc.GX.AsSpan(0, S));
        var GY = MemoryMarshal.Cast<double, Vector256<double>>(sc.GY.AsSpan(0, S));
        var GZ = MemoryMarshal.Cast<double, Vector256<double>>(sc.GZ.AsSpan(0, S));
        for (int v = 0; v < nv; v++)
        {
            Vector256<double> radial = default, gx = default, gy = default, gz = default;
            for (int b = 0; b < nb; b++)
            {
                Vector256<double> w0r = default, w0i = default, w1r = default, w1i = default;
                int off = _bOff[b], r0 = _bR[b];
                for (int i = 0; i < _bLen[b]; i++)
                {
                    var wr = Vector256.Create(wcRe[off + i]); var wi = Vector256.Create(wcIm[off + i]);
                    var rr = R[(r0 + i) * nv + v]; var dr = DR[(r0 + i) * nv + v];
                    w0r += wr * rr; w0i += wi * rr; w1r += wr * dr; w1i += wi * dr;
                }
                int t = _bT[b];
                radial += w1r * YR[t * nv + v] - w1i * YI[t * nv + v];
                int g = 3 * t * nv + v;
                gx += w0r * GR[g] - w0i * GI[g];
                gy += w0r * GR[g + nv] - w0i * GI[g + nv];
                gz += w0r * GR[g + 2 * nv] - w0i * GI[g + 2 * nv];
            }
            var f = radial / rn[v];
            GX[v] += f * dx[v] + gx;
            GY[v] += f * dy[v] + gy;
            GZ[v] += f * dz[v] + gz;
        }
        return e;
    }
}
