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
    private bool VectorPath => _valueRows is not null && UseSimd && Avx2.IsSupported && Fma.IsSupported;

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
        var sc = ws.Pairs;
        sc.EnsureAtoms(n);
        sc.EnsureEntries(list.EntryCount);
        int m;
        double epair, eemb = 0;

        fixed (double* pos = ws.Local, shifts = ws.Shifts, dx = sc.Dx, dy = sc.Dy, dz = sc.Dz, r2 = sc.R2)
        fixed (int* start = startArr, index = indexArr, code = ws.Image, pi = sc.PairI, pj = sc.PairJ, row = sc.RowStart)
            m = PairKernels.Displacements(n, pos, shifts, start, index, code, _rc * _rc, pi, pj, dx, dy, dz, r2, row);

        fixed (double* r2 = sc.R2, rows = _valueRows, rhoa = sc.Value, phia = ws.PhiPair, ca = ws.A, cc = ws.C)
            epair = PairTerms(m, r2, rows + _valueRowsOffset, _rdr, _nr - 1, rhoa, wantA ? phia : null, deriv ? ca : null, deriv ? cc : null);

        var rho = ws.Rho;
        var bank = sc.Bank;
        fixed (double* rhoa = sc.Value, b = bank)
        fixed (int* pj = sc.PairJ, row = sc.RowStart)
            PairKernels.SumToAtoms(n, row, rhoa, pj, b);
        for (int i = 0; i < n; i++) rho[i] = bank[4 * i] + bank[4 * i + 1] + bank[4 * i + 2] + bank[4 * i + 3];

        var ae = result.AtomEnergies;
        if (wantA)
        {
            fixed (double* phia = ws.PhiPair, b = bank)
            fixed (int* pj = sc.PairJ, row = sc.RowStart)
                PairKernels.SumToAtoms(n, row, phia, pj, b);
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

        PairKernels.VirialSums virial;
        fixed (double* fp = fpArr, dx = sc.Dx, dy = sc.Dy, dz = sc.Dz, ca = ws.A, cc = ws.C)
        fixed (int* pi = sc.PairI, pj = sc.PairJ)
            virial = PairForces(m, fp, pi, pj, dx, dy, dz, ca, cc);
        if (wantV) virial.WriteTo(result.Virial);
        if (!wantF) return;
        var fb = sc.ForceBank;
        fixed (double* fx = sc.Dx, fy = sc.Dy, fz = sc.Dz, b = fb)
        fixed (int* pj = sc.PairJ, row = sc.RowStart)
            PairKernels.SumForces(n, row, fx, fy, fz, pj, b);
        PairKernels.ReduceForceBanks(n, fb, result.Forces);
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
        return PairKernels.HorizontalSum(esum);
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
        // knots 1 .. last; a NaN distance converts to int.MinValue and is held at knot 1 (its values stay NaN through p)
        var kn = Sse41.Max(Sse41.Min(Avx.ConvertToVector128Int32WithTruncation(p), Vector128.Create(lastKnot)), Vector128.Create(1));
        p = Avx.Min(one, Avx.Subtract(p, Avx.ConvertToVector256Double(kn))); // this operand order passes a NaN on
        var ko = Sse2.ShiftLeftLogical(kn, 3); // 8 doubles (one cache line) per knot
        double* t0 = table + ko.ToScalar(), t1 = table + ko.GetElement(1), t2 = table + ko.GetElement(2), t3 = table + ko.GetElement(3);
        // rows: [c3 c4 c5 c6 e3 e4 e5 e6], the value coefficients of the density and of r phi, loaded four at a time
        // and transposed; the derivatives follow from them, d/dr = ((3 c3 p + 2 c4) p + c5) / dr, which LAMMPS
        // tabulates separately (equal to rounding)
        PairKernels.Transpose(Avx.LoadAlignedVector256(t0), Avx.LoadAlignedVector256(t1), Avx.LoadAlignedVector256(t2), Avx.LoadAlignedVector256(t3),
            out var c3, out var c4, out var c5, out var c6);
        PairKernels.Transpose(Avx.LoadAlignedVector256(t0 + 4), Avx.LoadAlignedVector256(t1 + 4), Avx.LoadAlignedVector256(t2 + 4), Avx.LoadAlignedVector256(t3 + 4),
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
    /// Stage 4: fpair = -((fp_i + fp_j) rho'/r + phi'/r) four pairs at a time; the pair force replaces the
    /// displacement in (dx, dy, dz), and the virial is summed.
    /// </summary>
    private static unsafe PairKernels.VirialSums PairForces(int m, double* fp, int* pi, int* pj, double* dxa, double* dya, double* dza,
        double* ca, double* cc)
    {
        var virial = new PairKernels.VirialSums();
        for (int k = 0; k < m; k += 4)
        {
            var fpi = Avx2.GatherVector256(fp, Sse2.LoadVector128(pi + k), 8);
            var fpj = Avx2.GatherVector256(fp, Sse2.LoadVector128(pj + k), 8);
            // lanes past m have rho'/r = phi'/r = 0, so fpair = 0
            var fpair = Avx.Subtract(Vector256<double>.Zero, Fma.MultiplyAdd(Avx.Add(fpi, fpj), Avx.LoadVector256(ca + k), Avx.LoadVector256(cc + k)));
            virial.AddPairForces(dxa, dya, dza, k, fpair);
        }
        return virial;
    }
}
