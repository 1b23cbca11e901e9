using Nestor.Atoms;
using Nestor.Potentials.Eam;
using Nestor.Testing;

namespace Nestor.Potentials.Tests.Eam;

/// <summary>Physics invariants of the EAM on random skewed cells, from ambient to very high density.</summary>
public class EamInvariantTests
{
    // (seed, atoms, volume per atom, minimum distance): 23 A^3 is ambient Mg; at 10 and 8 A^3 (hundreds of GPa)
    // the 7.5 A cutoff exceeds the cell, so atoms interact with many images of themselves
    public static TheoryData<int, int, double, double> Cells => new()
    {
        { 1, 16, 23.0, 2.4 },
        { 2, 16, 10.0, 1.6 },
        { 3, 16, 8.0, 1.7 },
        { 4, 5, 15.0, 2.0 },
        { 5, 1, 12.0, 0.0 },
    };

    [SkippableTheory]
    [MemberData(nameof(Cells))]
    public void ForcesAreMinusTheEnergyGradient(int seed, int n, double vpa, double dmin)
    {
        var pot = EamReferenceTests.Mg1();
        var s = RandomStructures.Skewed(seed, n, vpa, minDistance: dmin);
        PotentialChecks.ForcesMatchFiniteDifferences(pot, s, tol: 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Cells))]
    public void VirialIsMinusTheStrainDerivative(int seed, int n, double vpa, double dmin)
    {
        var pot = EamReferenceTests.Mg1();
        var s = RandomStructures.Skewed(seed, n, vpa, minDistance: dmin);
        PotentialChecks.VirialMatchesStrainDerivative(pot, s, tol: 1e-6 * Math.Max(1, n));
    }

    [SkippableTheory]
    [MemberData(nameof(Cells))]
    public void InvariantUnderTranslationRotationPermutationAndChoiceOfCell(int seed, int n, double vpa, double dmin)
    {
        var pot = EamReferenceTests.Mg1();
        var s = RandomStructures.Skewed(seed, n, vpa, minDistance: dmin);
        PotentialChecks.AtomEnergiesSumToTotal(pot, s, 1e-10);
        PotentialChecks.InvariantUnderTranslation(pot, s, 1e-10, 1e-9);
        PotentialChecks.InvariantUnderRotation(pot, s, seed, 1e-10, 1e-9, 1e-9);
        PotentialChecks.InvariantUnderPermutation(pot, s, seed, 1e-10, 1e-9);
        PotentialChecks.InvariantUnderChoiceOfCell(pot, s, 1e-11, 1e-9);
    }

    [SkippableFact]
    public void HcpSupercellHasTheSameEnergyPerAtom()
    {
        var pot = EamReferenceTests.Mg1();
        var hcp = RandomStructures.Hcp("Mg", 3.2, 5.2);
        double e = PotentialChecks.Energy(pot, hcp) / 2;
        var big = RandomStructures.Hcp("Mg", 3.2, 5.2, 4, 4, 3);
        Assert.Equal(e, PotentialChecks.Energy(pot, big) / big.Count, 11);
    }

    [SkippableFact]
    public void IsolatedAndPartlyPeriodicStructures()
    {
        var pot = EamReferenceTests.Mg1();
        var s = RandomStructures.Skewed(7, 8, 20.0, minDistance: 2.3);
        var cluster = new Structure(s.Symbols, s.Positions, Cell.Empty, periodic: false);
        PotentialChecks.ForcesMatchFiniteDifferences(pot, cluster, 1e-6);
        PotentialChecks.InvariantUnderRotation(pot, cluster, 3, 1e-10, 1e-9, 1e-9);
        var slab = new Structure(s.Symbols, s.Positions, s.Cell, [true, true, false]);
        PotentialChecks.ForcesMatchFiniteDifferences(pot, slab, 1e-6);
        // two atoms far apart: only embedding of zero density
        var pair = new Structure(["Mg", "Mg"], [0, 0, 0, 0, 0, 8.0], Cell.Empty, periodic: false);
        Assert.Equal(2 * pot.EmbeddingEnergy(0, 0.0), PotentialChecks.Energy(pot, pair), 12);
    }

    [SkippableFact]
    public void EmbeddingIsExtrapolatedLinearlyBeyondTheTable()
    {
        var pot = EamReferenceTests.Mg1();
        double rhomax = (pot.File.Nrho - 1) * pot.File.Drho;
        double f0 = pot.EmbeddingEnergy(0, rhomax);
        Assert.Equal(pot.File.Embedding[0][^1], f0, 12);
        double slope = (f0 - pot.EmbeddingEnergy(0, rhomax - 1e-6)) / 1e-6;
        for (double x = 1; x < 1000; x *= 10)
            Assert.Equal(f0 + slope * x, pot.EmbeddingEnergy(0, rhomax + x), 4);
        // and the tables themselves are reproduced at the knots
        for (int k = 0; k < pot.File.Nrho; k += 997)
            Assert.Equal(pot.File.Embedding[0][k], pot.EmbeddingEnergy(0, k * pot.File.Drho), 1e-12 * Math.Max(1, Math.Abs(pot.File.Embedding[0][k])));
        for (int k = 1; k < pot.File.Nr; k += 997)
        {
            double r = k * pot.File.Dr, rho = pot.File.Density[0][k], phi = pot.File.RPhi[0][k] / r;
            Assert.Equal(rho, pot.Density(0, 0, r), 1e-12 * Math.Max(1, Math.Abs(rho)));
            Assert.Equal(phi, pot.PairEnergy(0, 0, r), 1e-12 * Math.Max(1, Math.Abs(phi)));
        }
        Assert.Equal(0.0, pot.Density(0, 0, 7.5));
    }

    [SkippableFact]
    public void ParallelEvaluationMatchesSerialAndIsDeterministic()
    {
        var pot = EamReferenceTests.Mg1();
        // 320 atoms of distorted hcp in a sheared cell
        var s = RandomStructures.Hcp("Mg", 3.1, 5.1, 4, 5, 4);
        var rng = new Random(11);
        for (int k = 0; k < s.Positions.Length; k++) s.Positions[k] += 0.4 * (rng.NextDouble() - 0.5);
        s.SetCell(s.Cell.Transform([1, 0.05, -0.03, 0.02, 1, 0.04, 0, -0.06, 1]), scaleAtoms: true);
        var serial = new PotentialResult();
        pot.Compute(s, Quantities.All, serial);
        foreach (int threads in new[] { 2, 3, 4 })
        {
            var a = new PotentialResult { Threads = threads };
            var b = new PotentialResult { Threads = threads };
            pot.Compute(s, Quantities.All, a);
            pot.Compute(s, Quantities.All, b);
            pot.Compute(s, Quantities.All, b); // reuse of the workspace
            Assert.Equal(a.Energy, b.Energy);
            Assert.Equal(a.Forces, b.Forces);
            Assert.Equal(a.Virial, b.Virial);
            Assert.Equal(serial.Energy, a.Energy, 9);
            for (int k = 0; k < a.Forces.Length; k++) Assert.Equal(serial.Forces[k], a.Forces[k], 10);
            for (int k = 0; k < 9; k++) Assert.Equal(serial.Virial[k], a.Virial[k], 9);
            for (int k = 0; k < s.Count; k++) Assert.Equal(serial.AtomEnergies[k], a.AtomEnergies[k], 10);
        }
    }

    [SkippableFact]
    public void RepeatedEvaluationsReuseTheWorkspace()
    {
        var pot = EamReferenceTests.Mg1();
        var s = RandomStructures.Skewed(12, 16, 18.0, minDistance: 2.1);
        var r = new PotentialResult();
        pot.Compute(s, Quantities.All, r);
        double e0 = r.Energy;
        var f0 = (double[])r.Forces.Clone();
        // small moves (list refreshed), a large one (rebuilt), then back
        var moved = s.Clone();
        moved.Positions[0] += 0.01;
        pot.Compute(moved, Quantities.All, r);
        Assert.Equal(PotentialChecks.Energy(pot, moved), r.Energy, 10);
        moved.Positions[4] += 1.5;
        pot.Compute(moved, Quantities.All, r);
        Assert.Equal(PotentialChecks.Energy(pot, moved), r.Energy, 10);
        pot.Compute(s, Quantities.All, r);
        Assert.Equal(e0, r.Energy, 11);
        for (int k = 0; k < f0.Length; k++) Assert.Equal(f0[k], r.Forces[k], 11);
    }
}
