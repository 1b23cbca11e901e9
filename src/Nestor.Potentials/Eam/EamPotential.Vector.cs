using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Nestor.Atoms;
using Nestor.Atoms.Neighbours;

namespace Nestor.Potentials.Eam;

public sealed partial class EamPotential
{
    /// <summary>True when <see cref="ComputeSerialVector"/> can run: one element, and AVX2 with FMA.</summary>
    private bool VectorPath => _ne == 1 && UseSimd && Avx2.IsSupported && Fma.IsSupported;

    /// <summary>Tests turn this off to compare the SIMD path with the scalar one.</summary>
    internal bool UseSimd { get; set; } = true;

    /// <summary>
    /// The serial half-list evaluation with the pair arithmetic in AVX2, for single-element potentials: the same sums
    /// as <see cref="ComputeSerial"/> in a different order (equal to rounding). Stages, each a small loop over flat
    /// arrays: (1) four list entries at a time, displacements and squared distances, the pairs within the cutoff
    /// compacted by a permutation (no branches); (2) four pairs at a time, the spline rows of their knots loaded and
    /// transposed, densities, pair energies and force coefficients; (3) densities summed per atom, embedding;
    /// (4) four pairs at a time the pair forces and the virial; (5) forces summed per atom. Sums over pairs into
    /// atoms go to four banks (pair index mod 4), so consecutive pairs with the same neighbour (images of one atom)
    /// do not wait on each other's stores.
    /// </summary>
    private unsafe void ComputeSerialVector(Structure s, Quantities q, PotentialResult result, EamWorkspace ws, NeighbourList list)
    {
        int n = s.Count;
        var (startArr, indexArr, _, _, _, _) = list.Raw;
        bool wantF = (q & Quantities.Forces) != 0, wantV = (q & Quantities.Virial) != 0, wantA = (q & Quantities.AtomEnergies) != 0;
        bool deriv = wantF || wantV;
        int m;
        double epair, eemb = 0;

        fixed (double* pos = ws.Local, shifts = ws.Shifts, dx = ws.Dx, dy = ws.Dy, dz = ws.Dz, r2 = ws.R2)
        fixed (int* start = startArr, index = indexArr, code = ws.Image, pi = ws.PairI, pj = ws.J, row = ws.RowStart)
            m = Displacements(n, pos, shifts, start, index, code, _rc * _rc, pi, pj, dx, dy, dz, r2, row);

        fixed (double* r2 = ws.R2, table = _pair[0], rhoa = ws.RhoPair, phia = ws.PhiPair, ca = ws.A, cc = ws.C)
            epair = PairTerms(m, r2, table, _rdr, _nr - 1, rhoa, wantA ? phia : null, deriv ? ca : null, deriv ? cc : null);

        var rho = ws.Rho;
        var bank = ws.RhoBank;
        fixed (double* rhoa = ws.RhoPair, b = bank)
        fixed (int* pj = ws.J, row = ws.RowStart)
            SumToAtoms(n, row, rhoa, pj, b);
        for (int i = 0; i < n; i++) rho[i] = bank[4 * i] + bank[4 * i + 1] + bank[4 * i + 2] + bank[4 * i + 3];

        var ae = result.AtomEnergies;
        if (wantA)
        {
            fixed (double* phia = ws.PhiPair, b = bank)
            fixed (int* pj = ws.J, row = ws.RowStart)
                SumToAtoms(n, row, phia, pj, b);
            for (int i = 0; i < n; i++) ae[i] += 0.5 * (bank[4 * i] + bank[4 * i + 1] + bank[4 * i + 2] + bank[4 * i + 3]);
        }
        var types = ws.Types;
        var fpArr = ws.Fp;
        for (int i = 0; i < n; i++)
        {
            double f = Embed(types[i], rho[i], out fpArr[i]);
            eemb += f;
            if (wantA) ae[i] += f;
        }
        result.Energy = eemb + epair;
        if (!deriv) return;

        Span<double> virial = stackalloc double[6];
        fixed (double* fp = fpArr, dx = ws.Dx, dy = ws.Dy, dz = ws.Dz, ca = ws.A, cc = ws.C, v = virial)
        fixed (int* pi = ws.PairI, pj = ws.J)
            PairForces(m, fp, pi, pj, dx, dy, dz, ca, cc, v);
        if (wantV) SetVirial(result.Virial, virial[0], virial[1], virial[2], virial[3], virial[4], virial[5]);
        if (!wantF) return;
        var fb = ws.ForceBank;
        fixed (double* fx = ws.Dx, fy = ws.Dy, fz = ws.Dz, b = fb)
        fixed (int* pj = ws.J, row = ws.RowStart)
            SumForces(n, row, fx, fy, fz, pj, b);
        var force = result.Forces;
        for (int i = 0; i < 3 * n; i++) force[i] += fb[i] + fb[3 * n + i] + fb[6 * n + i] + fb[9 * n + i];
    }

    /// <summary>
    /// Stage 1: displacements (to dx, dy, dz) and squared distances (r2) of the list entries, four at a time, with the
    /// pairs within the cutoff packed to the front by a permutation; the rest of a row entry by entry, written always
    /// and kept by advancing the count. Pads one vector past the end (atom 0, a distance inside the table) for the
    /// 4-wide stages. Returns the number of pairs kept.
    /// </summary>
    private static unsafe int Displacements(int n, double* pos, double* shifts, int* start, int* index, int* code, double rc2,
        int* pi, int* pj, double* dx, double* dy, double* dz, double* r2, int* row)
    {
        int w = 0;
        var vrc2 = Vector256.Create(rc2);
        ref var perm = ref MemoryMarshal_GetArrayDataReference(PackDoubles);
        ref var perm4 = ref MemoryMarshal_GetArrayDataReference(PackInts);
        for (int i = 0; i < n; i++)
        {
            row[i] = w;
            // lane 3 of the loads is the next coordinate in memory (a spare element follows the last triple): unused
            var xi = Avx.LoadVector256(pos + 3 * i);
            var vi = Vector128.Create(i);
            int k = start[i], end = start[i + 1];
            for (; k + 4 <= end; k += 4)
            {
                int* jk = index + k, ck = code + k;
                var d0 = Avx.Subtract(Avx.LoadVector256(pos + 3 * jk[0]), xi) + Avx.LoadVector256(shifts + 3 * ck[0]);
                var d1 = Avx.Subtract(Avx.LoadVector256(pos + 3 * jk[1]), xi) + Avx.LoadVector256(shifts + 3 * ck[1]);
                var d2 = Avx.Subtract(Avx.LoadVector256(pos + 3 * jk[2]), xi) + Avx.LoadVector256(shifts + 3 * ck[2]);
                var d3 = Avx.Subtract(Avx.LoadVector256(pos + 3 * jk[3]), xi) + Avx.LoadVector256(shifts + 3 * ck[3]);
                Transpose(d0, d1, d2, d3, out var x, out var y, out var z, out _);
                var rr = Fma.MultiplyAdd(z, z, Fma.MultiplyAdd(y, y, Avx.Multiply(x, x)));
                int hits = Avx.MoveMask(Avx.CompareLessThan(rr, vrc2));
                var p = Unsafe.Add(ref perm, hits);
                Avx.Store(dx + w, Avx2.PermuteVar8x32(x.AsSingle(), p).AsDouble());
                Avx.Store(dy + w, Avx2.PermuteVar8x32(y.AsSingle(), p).AsDouble());
                Avx.Store(dz + w, Avx2.PermuteVar8x32(z.AsSingle(), p).AsDouble());
                Avx.Store(r2 + w, Avx2.PermuteVar8x32(rr.AsSingle(), p).AsDouble());
                Sse2.Store(pj + w, Avx.PermuteVar(Sse2.LoadVector128(jk).AsSingle(), Unsafe.Add(ref perm4, hits)).AsInt32());
                Sse2.Store(pi + w, vi);
                w += BitOperations.PopCount((uint)hits);
            }
            for (; k < end; k++)
            {
                int j = index[k];
                var d = Avx.Subtract(Avx.LoadVector256(pos + 3 * j), xi) + Avx.LoadVector256(shifts + 3 * code[k]);
                double ex = d.ToScalar(), ey = d.GetElement(1), ez = d.GetElement(2);
                double rr = ex * ex + ey * ey + ez * ez;
                dx[w] = ex; dy[w] = ey; dz[w] = ez; r2[w] = rr;
                pi[w] = i; pj[w] = j;
                w += rr < rc2 ? 1 : 0;
            }
        }
        row[n] = w;
        for (int k = w; k < w + 4; k++)
        {
            pi[k] = 0; pj[k] = 0;
            dx[k] = dy[k] = dz[k] = 0;
            r2[k] = 0.25 * rc2;
        }
        return w;
    }

    private static ref T MemoryMarshal_GetArrayDataReference<T>(T[] a) => ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(a);

    // per 4-bit hit mask, the permutations moving the hit lanes to the front: for 4 doubles (as 8 floats) and 4 ints
    private static readonly Vector256<int>[] PackDoubles = MakePack(doubles: true);
    private static readonly Vector128<int>[] PackInts = MakePack(doubles: false).Select(v => v.GetLower()).ToArray();

    private static Vector256<int>[] MakePack(bool doubles)
    {
        var t = new Vector256<int>[16];
        var p = new int[8];
        for (int mask = 0; mask < 16; mask++)
        {
            int k = 0;
            for (int lane = 0; lane < 4; lane++) if ((mask >> lane & 1) != 0) p[k++] = lane;
            while (k < 4) p[k++] = 0;
            if (doubles) t[mask] = Vector256.Create(2 * p[0], 2 * p[0] + 1, 2 * p[1], 2 * p[1] + 1, 2 * p[2], 2 * p[2] + 1, 2 * p[3], 2 * p[3] + 1);
            else t[mask] = Vector256.Create(p[0], p[1], p[2], p[3], 0, 0, 0, 0);
        }
        return t;
    }

    /// <summary>
    /// Stage 2: for the kept pairs, four at a time, the density rho(r) (to rhoa), pair energy phi(r) (summed, and to
    /// phia when given) and the force coefficients rho'(r)/r (ca) and phi'(r)/r (cc) when given. Lanes past
    /// <paramref name="m"/> add nothing to the energy and give zero coefficients.
    /// </summary>
    private static unsafe double PairTerms(int m, double* r2a, double* table, double rdrScalar, int lastKnot,
        double* rhoa, double* phia, double* ca, double* cc)
    {
        var esum = Vector256<double>.Zero;
        int full = m & ~3;
        for (int k = 0; k < full; k += 4)
            esum = Avx.Add(esum, PairTerms4(k, masked: false, default, r2a, table, rdrScalar, lastKnot, rhoa, phia, ca, cc));
        if (full < m)
        {
            // the last, partial vector: its lanes past m (padding) add nothing and get zero coefficients
            var keep = Avx.CompareLessThan(Vector256.Create(0.0, 1.0, 2.0, 3.0), Vector256.Create((double)(m - full)));
            esum = Avx.Add(esum, PairTerms4(full, masked: true, keep, r2a, table, rdrScalar, lastKnot, rhoa, phia, ca, cc));
        }
        return HorizontalSum(esum);
    }

    /// <summary>Stage 2 for pairs k .. k + 3; returns their pair energies (lanes outside <paramref name="keep"/> zero when masked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<double> PairTerms4(int k, bool masked, Vector256<double> keep, double* r2a, double* table,
        double rdrScalar, int lastKnot, double* rhoa, double* phia, double* ca, double* cc)
    {
        var one = Vector256.Create(1.0);
        var rdr = Vector256.Create(rdrScalar);
        var r = Avx.Sqrt(Avx.LoadVector256(r2a + k));
        var p = Fma.MultiplyAdd(r, rdr, one);
        var kn = Sse41.Min(Avx.ConvertToVector128Int32WithTruncation(p), Vector128.Create(lastKnot));
        p = Avx.Min(Avx.Subtract(p, Avx.ConvertToVector256Double(kn)), one);
        var ko = Sse2.ShiftLeftLogical(kn, 4); // PairStride = 16 doubles per knot
        double* t0 = table + ko.ToScalar(), t1 = table + ko.GetElement(1), t2 = table + ko.GetElement(2), t3 = table + ko.GetElement(3);
        // rows: [c0 c1 c2 c3 c4 c5 c6 - c8 c9 c10 c11 c12 c13 c14 -]; the value coefficients c3..c6 (density) and
        // c11..c14 (r phi) are loaded four at a time and transposed; the derivatives follow from them,
        // d/dr = ((3 c3 p + 2 c4) p + c5) / dr, which LAMMPS tabulates as c0..c2 (equal to rounding)
        Transpose(Avx.LoadVector256(t0 + 3), Avx.LoadVector256(t1 + 3), Avx.LoadVector256(t2 + 3), Avx.LoadVector256(t3 + 3),
            out var c3, out var c4, out var c5, out var c6);
        Transpose(Avx.LoadVector256(t0 + 11), Avx.LoadVector256(t1 + 11), Avx.LoadVector256(t2 + 11), Avx.LoadVector256(t3 + 11),
            out var e3, out var e4, out var e5, out var e6);
        Avx.Store(rhoa + k, Fma.MultiplyAdd(Fma.MultiplyAdd(Fma.MultiplyAdd(c3, p, c4), p, c5), p, c6)); // lanes past m never read
        var recip = Avx.Divide(one, r);
        var phi = Avx.Multiply(Fma.MultiplyAdd(Fma.MultiplyAdd(Fma.MultiplyAdd(e3, p, e4), p, e5), p, e6), recip);
        if (masked) phi = Avx.And(phi, keep);
        if (phia != null) Avx.Store(phia + k, phi);
        if (ca != null)
        {
            var two = Vector256.Create(2.0);
            var three = Vector256.Create(3.0);
            var drho = Avx.Multiply(Fma.MultiplyAdd(Fma.MultiplyAdd(Avx.Multiply(three, c3), p, Avx.Multiply(two, c4)), p, c5), rdr);
            var dphi = Avx.Multiply(Fma.MultiplyAdd(Fma.MultiplyAdd(Avx.Multiply(three, e3), p, Avx.Multiply(two, e4)), p, e5), rdr);
            var a = Avx.Multiply(drho, recip);
            var c = Avx.Multiply(Fma.MultiplySubtract(dphi, recip, Avx.Multiply(phi, recip)), recip);
            if (masked) { a = Avx.And(a, keep); c = Avx.And(c, keep); }
            Avx.Store(ca + k, a);
            Avx.Store(cc + k, c);
        }
        return phi;
    }

    /// <summary>
    /// Stage 3: the pair values v summed into both atoms: bank[4 j + (k mod 4)] += v[k] for each pair k of row i,
    /// and the row's sum (four lanes at a time) into bank[4 i]. Banks are cleared first.
    /// </summary>
    private static unsafe void SumToAtoms(int n, int* row, double* v, int* pj, double* bank)
    {
        new Span<double>(bank, 4 * n).Clear();
        var lane = Vector256.Create(0L, 1L, 2L, 3L);
        for (int i = 0; i < n; i++)
        {
            int k0 = row[i], k1 = row[i + 1];
            var sum = Vector256<double>.Zero;
            for (int k = k0; k < k1; k += 4)
            {
                // the last vector of a row reads into the next row (or the padding): mask those lanes
                var inRow = Avx2.CompareGreaterThan(Vector256.Create((long)(k1 - k)), lane).AsDouble();
                sum = Avx.Add(sum, Avx.And(Avx.LoadVector256(v + k), inRow));
            }
            for (int k = k0; k < k1; k++) bank[4 * pj[k] + (k & 3)] += v[k];
            bank[4 * i] += HorizontalSum(sum);
        }
    }

    /// <summary>
    /// Stage 4: fpair = -((fp_i + fp_j) rho'/r + phi'/r) four pairs at a time; the pair force replaces the
    /// displacement in (dx, dy, dz), and the virial sum_pairs d (x) f goes to v (xx, yy, zz, xy, xz, yz).
    /// </summary>
    private static unsafe void PairForces(int m, double* fp, int* pi, int* pj, double* dxa, double* dya, double* dza,
        double* ca, double* cc, double* v)
    {
        var axx = Vector256<double>.Zero; var ayy = axx; var azz = axx; var axy = axx; var axz = axx; var ayz = axx;
        for (int k = 0; k < m; k += 4)
        {
            var fpi = Avx2.GatherVector256(fp, Sse2.LoadVector128(pi + k), 8);
            var fpj = Avx2.GatherVector256(fp, Sse2.LoadVector128(pj + k), 8);
            // lanes past m have rho'/r = phi'/r = 0, so fpair = 0
            var fpair = Avx.Subtract(Vector256<double>.Zero, Fma.MultiplyAdd(Avx.Add(fpi, fpj), Avx.LoadVector256(ca + k), Avx.LoadVector256(cc + k)));
            var dx = Avx.LoadVector256(dxa + k);
            var dy = Avx.LoadVector256(dya + k);
            var dz = Avx.LoadVector256(dza + k);
            var fx = Avx.Multiply(dx, fpair);
            var fy = Avx.Multiply(dy, fpair);
            var fz = Avx.Multiply(dz, fpair);
            axx = Fma.MultiplyAdd(dx, fx, axx); ayy = Fma.MultiplyAdd(dy, fy, ayy); azz = Fma.MultiplyAdd(dz, fz, azz);
            axy = Fma.MultiplyAdd(dx, fy, axy); axz = Fma.MultiplyAdd(dx, fz, axz); ayz = Fma.MultiplyAdd(dy, fz, ayz);
            Avx.Store(dxa + k, fx); Avx.Store(dya + k, fy); Avx.Store(dza + k, fz);
        }
        v[0] = HorizontalSum(axx); v[1] = HorizontalSum(ayy); v[2] = HorizontalSum(azz);
        v[3] = HorizontalSum(axy); v[4] = HorizontalSum(axz); v[5] = HorizontalSum(ayz);
    }

    /// <summary>
    /// Stage 5: each pair force on j (+) into bank (k mod 4), laid out as 4 blocks of 3 n, and each row's sum
    /// (four lanes at a time) on i (-). Banks are cleared first.
    /// </summary>
    private static unsafe void SumForces(int n, int* row, double* fx, double* fy, double* fz, int* pj, double* bank)
    {
        new Span<double>(bank, 12 * n).Clear();
        var lane = Vector256.Create(0L, 1L, 2L, 3L);
        for (int i = 0; i < n; i++)
        {
            int k0 = row[i], k1 = row[i + 1];
            var sx = Vector256<double>.Zero; var sy = sx; var sz = sx;
            for (int k = k0; k < k1; k += 4)
            {
                var inRow = Avx2.CompareGreaterThan(Vector256.Create((long)(k1 - k)), lane).AsDouble();
                sx = Avx.Add(sx, Avx.And(Avx.LoadVector256(fx + k), inRow));
                sy = Avx.Add(sy, Avx.And(Avx.LoadVector256(fy + k), inRow));
                sz = Avx.Add(sz, Avx.And(Avx.LoadVector256(fz + k), inRow));
            }
            for (int k = k0; k < k1; k++)
            {
                double* b = bank + (k & 3) * 3 * n + 3 * pj[k];
                b[0] += fx[k]; b[1] += fy[k]; b[2] += fz[k];
            }
            bank[3 * i] -= HorizontalSum(sx); bank[3 * i + 1] -= HorizontalSum(sy); bank[3 * i + 2] -= HorizontalSum(sz);
        }
    }

    /// <summary>4x4 transpose: rows a, b, c, d become columns r0 = (a0, b0, c0, d0), ...</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector256<double> a, Vector256<double> b, Vector256<double> c, Vector256<double> d,
        out Vector256<double> r0, out Vector256<double> r1, out Vector256<double> r2, out Vector256<double> r3)
    {
        var t0 = Avx.UnpackLow(a, b);   // a0 b0 a2 b2
        var t1 = Avx.UnpackHigh(a, b);  // a1 b1 a3 b3
        var t2 = Avx.UnpackLow(c, d);   // c0 d0 c2 d2
        var t3 = Avx.UnpackHigh(c, d);  // c1 d1 c3 d3
        r0 = Avx.Permute2x128(t0, t2, 0x20);
        r1 = Avx.Permute2x128(t1, t3, 0x20);
        r2 = Avx.Permute2x128(t0, t2, 0x31);
        r3 = Avx.Permute2x128(t1, t3, 0x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double HorizontalSum(Vector256<double> v)
    {
        var h = Sse2.Add(v.GetLower(), v.GetUpper());
        return h.ToScalar() + h.GetElement(1);
    }
}
