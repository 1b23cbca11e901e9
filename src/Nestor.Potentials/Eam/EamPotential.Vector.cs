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
    /// as <see cref="ComputeSerial"/> in a different order (equal to rounding). Stages, each a small loop: (1) every
    /// list entry's displacement and squared distance, the pairs within the cutoff compacted without branches;
    /// (2) four pairs at a time, the spline rows of their knots loaded and transposed, densities, pair energies and
    /// force coefficients; (3) densities summed per atom, embedding; (4) four pairs at a time the pair forces and
    /// the virial; (5) forces summed per atom.
    /// </summary>
    private unsafe void ComputeSerialVector(Structure s, Quantities q, PotentialResult result, EamWorkspace ws, NeighbourList list)
    {
        int n = s.Count;
        var (startArr, indexArr, _, _, _, _) = list.Raw;
        bool wantF = (q & Quantities.Forces) != 0, wantV = (q & Quantities.Virial) != 0, wantA = (q & Quantities.AtomEnergies) != 0;
        bool deriv = wantF || wantV;
        int m;
        double epair, eemb = 0;

        fixed (double* pos = ws.Local, shifts = ws.Shifts, d4 = ws.D4)
        fixed (int* start = startArr, index = indexArr, code = ws.Image, pi = ws.PairI, pj = ws.J, row = ws.RowStart)
            m = Displacements(n, pos, shifts, start, index, code, _rc * _rc, pi, pj, d4, row);

        fixed (double* d4 = ws.D4, table = _pair[0], rhoa = ws.RhoPair, phia = ws.PhiPair, ca = ws.A, cc = ws.C)
            epair = PairTerms(m, d4, table, _rdr, _nr - 1, rhoa, wantA ? phia : null, deriv ? ca : null, deriv ? cc : null);

        var rho = ws.Rho;
        var pjArr = ws.J;
        var rowArr = ws.RowStart;
        var rhoPair = ws.RhoPair;
        for (int i = 0; i < n; i++)
        {
            double rhoi = 0;
            for (int k = rowArr[i]; k < rowArr[i + 1]; k++)
            {
                double v = rhoPair[k];
                rhoi += v;
                rho[pjArr[k]] += v;
            }
            rho[i] += rhoi;
        }
        var ae = result.AtomEnergies;
        if (wantA)
        {
            var phiPair = ws.PhiPair;
            for (int i = 0; i < n; i++)
                for (int k = rowArr[i]; k < rowArr[i + 1]; k++) { ae[i] += 0.5 * phiPair[k]; ae[pjArr[k]] += 0.5 * phiPair[k]; }
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
        fixed (double* fp = fpArr, d4 = ws.D4, ca = ws.A, cc = ws.C, v = virial)
        fixed (int* pi = ws.PairI, pj = ws.J)
            PairForces(m, fp, pi, pj, d4, ca, cc, v);
        if (wantV) SetVirial(result.Virial, virial[0], virial[1], virial[2], virial[3], virial[4], virial[5]);
        if (!wantF) return;
        var force = result.Forces;
        var d = ws.D4;
        for (int i = 0; i < n; i++)
        {
            double fix = 0, fiy = 0, fiz = 0;
            for (int k = rowArr[i]; k < rowArr[i + 1]; k++)
            {
                int j = pjArr[k];
                double fx = d[4 * k], fy = d[4 * k + 1], fz = d[4 * k + 2];
                fix -= fx; fiy -= fy; fiz -= fz;
                force[3 * j] += fx; force[3 * j + 1] += fy; force[3 * j + 2] += fz;
            }
            force[3 * i] += fix; force[3 * i + 1] += fiy; force[3 * i + 2] += fiz;
        }
    }

    /// <summary>
    /// Stage 1: each entry's displacement and squared distance as (dx, dy, dz, r^2) at d4[4 w]; every entry is
    /// written and w advances only for pairs within the cutoff. Pads one vector past the end (atom 0, a distance
    /// inside the table) for the 4-wide stages. Returns the number of pairs kept.
    /// </summary>
    private static unsafe int Displacements(int n, double* pos, double* shifts, int* start, int* index, int* code, double rc2,
        int* pi, int* pj, double* d4, int* row)
    {
        int w = 0;
        for (int i = 0; i < n; i++)
        {
            row[i] = w;
            var xi = Vector256.Create(pos[3 * i], pos[3 * i + 1], pos[3 * i + 2], 0.0);
            int end = start[i + 1];
            for (int k = start[i]; k < end; k++)
            {
                int j = index[k];
                // (x_j, y_j, z_j, next) - (x_i, y_i, z_i, 0) + (sx, sy, sz, next): lane 3 is overwritten below
                var d = Avx.LoadVector256(pos + 3 * j) - xi + Avx.LoadVector256(shifts + 3 * code[k]);
                double r2 = d.GetElement(0) * d.GetElement(0) + d.GetElement(1) * d.GetElement(1) + d.GetElement(2) * d.GetElement(2);
                Avx.Store(d4 + 4 * w, d.WithElement(3, r2));
                pi[w] = i; pj[w] = j;
                w += r2 < rc2 ? 1 : 0;
            }
        }
        row[n] = w;
        for (int k = w; k < w + 4; k++)
        {
            pi[k] = 0; pj[k] = 0;
            d4[4 * k] = d4[4 * k + 1] = d4[4 * k + 2] = 0;
            d4[4 * k + 3] = 0.25 * rc2;
        }
        return w;
    }

    /// <summary>
    /// Stage 2: for the kept pairs, four at a time, the density rho(r) (to rhoa), pair energy phi(r) (summed, and to
    /// phia when given) and the force coefficients rho'(r)/r (ca) and phi'(r)/r (cc) when given. Lanes past
    /// <paramref name="m"/> give zeros.
    /// </summary>
    private static unsafe double PairTerms(int m, double* d4, double* table, double rdrScalar, int lastKnot,
        double* rhoa, double* phia, double* ca, double* cc)
    {
        var one = Vector256.Create(1.0);
        var rdr = Vector256.Create(rdrScalar);
        var last = Vector128.Create(lastKnot);
        var lane = Vector256.Create(0.0, 1.0, 2.0, 3.0);
        var count = Vector256.Create((double)m);
        var esum = Vector256<double>.Zero;
        int* knot = stackalloc int[4];
        for (int k = 0; k < m; k += 4)
        {
            // r^2 of the four pairs: lane 3 of each (dx, dy, dz, r^2)
            var r2 = Vector256.Create(d4[4 * k + 3], d4[4 * k + 7], d4[4 * k + 11], d4[4 * k + 15]);
            var r = Avx.Sqrt(r2);
            var p = Fma.MultiplyAdd(r, rdr, one);
            var kn = Sse41.Min(Avx.ConvertToVector128Int32WithTruncation(p), last);
            p = Avx.Min(Avx.Subtract(p, Avx.ConvertToVector256Double(kn)), one);
            Sse2.Store(knot, Sse2.ShiftLeftLogical(kn, 4)); // PairStride = 16 doubles per knot
            double* t0 = table + knot[0], t1 = table + knot[1], t2 = table + knot[2], t3 = table + knot[3];
            // rows: [c0 c1 c2 c3 | c4 c5 c6 - | c8 c9 c10 c11 | c12 c13 c14 -], transposed four at a time
            Transpose(Avx.LoadVector256(t0), Avx.LoadVector256(t1), Avx.LoadVector256(t2), Avx.LoadVector256(t3),
                out var c0, out var c1, out var c2, out var c3);
            Transpose(Avx.LoadVector256(t0 + 4), Avx.LoadVector256(t1 + 4), Avx.LoadVector256(t2 + 4), Avx.LoadVector256(t3 + 4),
                out var c4, out var c5, out var c6, out _);
            Transpose(Avx.LoadVector256(t0 + 8), Avx.LoadVector256(t1 + 8), Avx.LoadVector256(t2 + 8), Avx.LoadVector256(t3 + 8),
                out var e0, out var e1, out var e2, out var e3);
            Transpose(Avx.LoadVector256(t0 + 12), Avx.LoadVector256(t1 + 12), Avx.LoadVector256(t2 + 12), Avx.LoadVector256(t3 + 12),
                out var e4, out var e5, out var e6, out _);
            var keep = Avx.CompareLessThan(Avx.Add(lane, Vector256.Create((double)k)), count);
            var rhoV = Fma.MultiplyAdd(Fma.MultiplyAdd(Fma.MultiplyAdd(c3, p, c4), p, c5), p, c6);
            var recip = Avx.Divide(one, r);
            var phi = Avx.And(Avx.Multiply(Fma.MultiplyAdd(Fma.MultiplyAdd(Fma.MultiplyAdd(e3, p, e4), p, e5), p, e6), recip), keep);
            esum = Avx.Add(esum, phi);
            Avx.Store(rhoa + k, rhoV); // lanes past m are never read
            if (phia != null) Avx.Store(phia + k, phi);
            if (ca != null)
            {
                var drho = Fma.MultiplyAdd(Fma.MultiplyAdd(c0, p, c1), p, c2);
                var dphi = Fma.MultiplyAdd(Fma.MultiplyAdd(e0, p, e1), p, e2);
                var phip = Fma.MultiplySubtract(dphi, recip, Avx.Multiply(phi, recip));
                Avx.Store(ca + k, Avx.And(Avx.Multiply(drho, recip), keep));
                Avx.Store(cc + k, Avx.And(Avx.Multiply(phip, recip), keep));
            }
        }
        return HorizontalSum(esum);
    }

    /// <summary>
    /// Stage 4: fpair = -((fp_i + fp_j) rho'/r + phi'/r) four pairs at a time; the pair force (x, y, z) replaces the
    /// displacement in d4, and the virial sum_pairs d (x) f goes to v (xx, yy, zz, xy, xz, yz).
    /// </summary>
    private static unsafe void PairForces(int m, double* fp, int* pi, int* pj, double* d4, double* ca, double* cc, double* v)
    {
        var axx = Vector256<double>.Zero; var ayy = axx; var azz = axx; var axy = axx; var axz = axx; var ayz = axx;
        for (int k = 0; k < m; k += 4)
        {
            var fpi = Avx2.GatherVector256(fp, Sse2.LoadVector128(pi + k), 8);
            var fpj = Avx2.GatherVector256(fp, Sse2.LoadVector128(pj + k), 8);
            // lanes past m have rho'/r = phi'/r = 0, so fpair = 0
            var fpair = Avx.Subtract(Vector256<double>.Zero, Fma.MultiplyAdd(Avx.Add(fpi, fpj), Avx.LoadVector256(ca + k), Avx.LoadVector256(cc + k)));
            double* b = d4 + 4 * k;
            Transpose(Avx.LoadVector256(b), Avx.LoadVector256(b + 4), Avx.LoadVector256(b + 8), Avx.LoadVector256(b + 12),
                out var dx, out var dy, out var dz, out _);
            var fx = Avx.Multiply(dx, fpair);
            var fy = Avx.Multiply(dy, fpair);
            var fz = Avx.Multiply(dz, fpair);
            axx = Fma.MultiplyAdd(dx, fx, axx); ayy = Fma.MultiplyAdd(dy, fy, ayy); azz = Fma.MultiplyAdd(dz, fz, azz);
            axy = Fma.MultiplyAdd(dx, fy, axy); axz = Fma.MultiplyAdd(dx, fz, axz); ayz = Fma.MultiplyAdd(dy, fz, ayz);
            Transpose(fx, fy, fz, Vector256<double>.Zero, out var f0, out var f1, out var f2, out var f3);
            Avx.Store(b, f0); Avx.Store(b + 4, f1); Avx.Store(b + 8, f2); Avx.Store(b + 12, f3);
        }
        v[0] = HorizontalSum(axx); v[1] = HorizontalSum(ayy); v[2] = HorizontalSum(azz);
        v[3] = HorizontalSum(axy); v[4] = HorizontalSum(axz); v[5] = HorizontalSum(ayz);
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
