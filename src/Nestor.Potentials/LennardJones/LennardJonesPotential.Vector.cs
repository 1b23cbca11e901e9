using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Nestor.Atoms;
using Nestor.Atoms.Neighbours;

namespace Nestor.Potentials.LennardJones;

public sealed partial class LennardJonesPotential
{
    /// <summary>True when <see cref="ComputeVector"/> can run (AVX2 with FMA).</summary>
    private bool VectorPath => UseSimd && Avx2.IsSupported && Fma.IsSupported;

    /// <summary>Tests turn this off to compare the SIMD path with the scalar one.</summary>
    internal bool UseSimd { get; set; } = true;

    /// <summary>
    /// The half-list evaluation in AVX2: the pairs within the cutoff packed by <see cref="PairKernels.Displacements"/>,
    /// then four pairs at a time the shifted 12-6 energy, fpair = 24 eps (2 (s/r)^12 - (s/r)^6) / r^2 and the virial,
    /// then the pair forces (and pair energies, halved, for per-atom energies) summed into the atoms. The same sums as
    /// the scalar loop in another order (equal to rounding).
    /// </summary>
    private unsafe void ComputeVector(Structure s, Quantities q, PotentialResult result, PairScratch sc, NeighbourList nl,
        double[] local, double[] shifts, int[] code)
    {
        int n = s.Count;
        var (startArr, indexArr, _, _, _, _) = nl.Raw;
        bool wantF = (q & Quantities.Forces) != 0, wantV = (q & Quantities.Virial) != 0, wantA = (q & Quantities.AtomEnergies) != 0;
        sc.EnsureAtoms(n);
        sc.EnsureEntries(nl.EntryCount);
        int m;
        fixed (double* pos = local, sh = shifts, dx = sc.Dx, dy = sc.Dy, dz = sc.Dz, r2 = sc.R2)
        fixed (int* start = startArr, index = indexArr, cd = code, pi = sc.PairI, pj = sc.PairJ, row = sc.RowStart)
            m = PairKernels.Displacements(n, pos, sh, start, index, cd, _rc * _rc, pi, pj, dx, dy, dz, r2, row);

        PairKernels.VirialSums virial;
        fixed (double* dx = sc.Dx, dy = sc.Dy, dz = sc.Dz, r2 = sc.R2, e = sc.Value)
            result.Energy = PairTerms(m, dx, dy, dz, r2, wantA ? e : null, wantF || wantV, out virial);
        if (wantV) virial.WriteTo(result.Virial);
        if (wantA)
        {
            var bank = sc.Bank;
            fixed (double* e = sc.Value, b = bank)
            fixed (int* pj = sc.PairJ, row = sc.RowStart)
                PairKernels.SumToAtoms(n, row, e, pj, b);
            var ae = result.AtomEnergies;
            for (int i = 0; i < n; i++) ae[i] += 0.5 * (bank[4 * i] + bank[4 * i + 1] + bank[4 * i + 2] + bank[4 * i + 3]);
        }
        if (wantF)
        {
            var fb = sc.ForceBank;
            fixed (double* fx = sc.Dx, fy = sc.Dy, fz = sc.Dz, b = fb)
            fixed (int* pj = sc.PairJ, row = sc.RowStart)
                PairKernels.SumForces(n, row, fx, fy, fz, pj, b);
            PairKernels.ReduceForceBanks(n, fb, result.Forces);
        }
    }

    /// <summary>
    /// Energies of the m kept pairs four at a time (summed; to e when given); with <paramref name="forces"/> the pair
    /// forces replace the displacements and the virial is summed. Padding lanes give zeros.
    /// </summary>
    private unsafe double PairTerms(int m, double* dxa, double* dya, double* dza, double* r2a, double* e, bool forces,
        out PairKernels.VirialSums virial)
    {
        var s2 = Vector256.Create(_sigma * _sigma);
        var invS2 = Vector256.Create(1 / (_sigma * _sigma));
        var e4 = Vector256.Create(4 * _eps);
        var e24 = Vector256.Create(24 * _eps);
        var shift = Vector256.Create(_shift);
        var lane = Vector256.Create(0.0, 1.0, 2.0, 3.0);
        var count = Vector256.Create((double)m);
        var esum = Vector256<double>.Zero;
        virial = new PairKernels.VirialSums();
        for (int k = 0; k < m; k += 4)
        {
            var keep = Avx.CompareLessThan(Avx.Add(lane, Vector256.Create((double)k)), count);
            var sr2 = Avx.Divide(s2, Avx.LoadVector256(r2a + k));
            var sr6 = Avx.Multiply(Avx.Multiply(sr2, sr2), sr2);
            var ep = Avx.And(Fma.MultiplySubtract(e4, Fma.MultiplySubtract(sr6, sr6, sr6), shift), keep);
            esum = Avx.Add(esum, ep);
            if (e != null) Avx.Store(e + k, ep);
            if (!forces) continue;
            // fpair = -(dE/dr)/r = 24 eps (2 sr6^2 - sr6) / r^2, with 1/r^2 = sr2 / s^2
            var twice = Avx.Add(sr6, sr6);
            var fpair = Avx.And(Avx.Multiply(Avx.Multiply(e24, Fma.MultiplySubtract(twice, sr6, sr6)), Avx.Multiply(sr2, invS2)), keep);
            virial.AddPairForces(dxa, dya, dza, k, fpair);
        }
        return PairKernels.HorizontalSum(esum);
    }
}
