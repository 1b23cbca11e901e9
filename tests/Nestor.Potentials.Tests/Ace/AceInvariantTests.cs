using Nestor.Atoms;
using Nestor.Potentials.Ace;
using Nestor.Testing;

namespace Nestor.Potentials.Tests.Ace;

/// <summary>
/// Forces and virial against finite differences, invariances, per-atom energies, thread-count determinism and
/// neighbour-list reuse. Finite differences use the model without its E0 term (which has no forces) so that the
/// round-off of 2.7e4 eV totals does not hide errors.
/// </summary>
public sealed class AceInvariantTests
{
    private static AcePotential NoE0()
    {
        var m = AceReferenceTests.RequireCycle3();
        return new AcePotential(new AceModel(m.Symbol, m.AtomicNumber, 0.0, m.Pair, m.ManyBody), "ace:cycle_3 without E0");
    }

    private static Structure Frame(int index) =>
        RdbFrames.Read(SharedData.Require("mg/cycle_3.rdb.extxyz"))[index].Structure;

    /// <summary>A 3-atom skewed cell far smaller than the 8.2 A cutoff (many self-images), compressed.</summary>
    private static Structure Tiny() => RandomStructures.Skewed(seed: 7, n: 3, volumePerAtom: 14.0, minDistance: 2.0);

    // At 600 GPa (frame 389) the site energies are sums of large cancelling products (energy round-off ~1e-10 eV),
    // so the step is larger there.
    [SkippableTheory]
    [InlineData(0, 3e-5, 1e-7, 1e-6, 1e-6)]
    [InlineData(389, 1e-4, 2e-6, 1e-5, 1e-5)]
    [InlineData(-1, 3e-5, 2e-7, 1e-6, 1e-6)]
    public void Forces_and_virial_match_finite_differences(int frame, double h, double tol, double strain, double tolVirial)
    {
        var p = NoE0();
        var s = frame >= 0 ? Frame(frame) : Tiny();
        PotentialChecks.ForcesMatchFiniteDifferences(p, s, tol, h);
        PotentialChecks.VirialMatchesStrainDerivative(p, s, tolVirial, strain);
        PotentialChecks.AtomEnergiesSumToTotal(p, s, tol: 1e-9);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(389)]
    [InlineData(-1)]
    public void Invariant_under_translation_rotation_permutation_and_choice_of_cell(int frame)
    {
        var p = NoE0();
        var s = frame >= 0 ? Frame(frame) : Tiny();
        PotentialChecks.InvariantUnderTranslation(p, s, 1e-9, 1e-9);
        PotentialChecks.InvariantUnderRotation(p, s, seed: 3, 1e-9, 1e-9, 1e-8);
        PotentialChecks.InvariantUnderPermutation(p, s, seed: 5, 1e-9, 1e-9);
        PotentialChecks.InvariantUnderChoiceOfCell(p, s, 1e-10, 1e-9);
    }

    [SkippableFact]
    public void Results_do_not_depend_on_the_thread_count()
    {
        var m = AceReferenceTests.RequireCycle3();
        var pot = AceReferenceTests.Potential(m);
        var s = RandomStructures.Hcp("Mg", 3.21, 5.21, 4, 4, 3); // 96 atoms
        var rng = new Random(11);
        for (int k = 0; k < s.Positions.Length; k++) s.Positions[k] += 0.1 * (rng.NextDouble() - 0.5);
        var r1 = new PotentialResult { Threads = 1 };
        var r3 = new PotentialResult { Threads = 3 };
        var c1 = new double[10]; var c3 = new double[10];
        pot.ComputeCommittee(s, Quantities.All, r1, c1);
        pot.ComputeCommittee(s, Quantities.All, r3, c3);
        Assert.Equal(r1.Energy, r3.Energy);
        Assert.Equal(r1.Forces, r3.Forces);
        Assert.Equal(r1.Virial, r3.Virial);
        Assert.Equal(r1.AtomEnergies, r3.AtomEnergies);
        Assert.Equal(c1, c3);
        // committee energies with forces requested equal those of an energy-only call
        var c0 = new double[10];
        pot.ComputeCommittee(s, Quantities.Energy, new PotentialResult(), c0);
        for (int j = 0; j < 10; j++) Assert.Equal(c1[j], c0[j], 1e-9);
    }

    [SkippableFact]
    public void Reused_result_with_neighbour_skin_matches_fresh_evaluations()
    {
        var pot = AceReferenceTests.Potential(AceReferenceTests.RequireCycle3());
        var s = Frame(100).Clone();
        var reused = new PotentialResult();
        var rng = new Random(2);
        for (int step = 0; step < 6; step++)
        {
            for (int k = 0; k < s.Positions.Length; k++) s.Positions[k] += 0.06 * (rng.NextDouble() - 0.5);
            pot.Compute(s, Quantities.All, reused);
            var fresh = PotentialChecks.Evaluate(pot, s);
            Assert.Equal(fresh.Energy, reused.Energy, 1e-9);
            for (int k = 0; k < fresh.Forces.Length; k++) Assert.Equal(fresh.Forces[k], reused.Forces[k], 1e-10);
            for (int k = 0; k < 9; k++) Assert.Equal(fresh.Virial[k], reused.Virial[k], 1e-9);
        }
    }

    [SkippableFact]
    public void A_single_neighbour_has_zero_many_body_energy()
    {
        var m = AceReferenceTests.RequireCycle3();
        var ace = new AcePotential(new AceModel("Mg", 12, 0.0, null, m.ManyBody), "ace only");
        foreach (double r in new[] { 2.0, 3.3, 5.5, 7.9 })
        {
            var s = new Structure(["Mg", "Mg"], [0, 0, 0, r * 0.6, r * 0.8, 0], Cell.Cubic(100));
            Assert.True(Math.Abs(PotentialChecks.Energy(ace, s)) < 1e-13);
        }
    }

    [SkippableFact]
    public void Isolated_atom_and_non_periodic_cluster()
    {
        var m = AceReferenceTests.RequireCycle3();
        var pot = AceReferenceTests.Potential(m);
        var one = new Structure(["Mg"], [1, 2, 3], Cell.Cubic(30));
        var r = PotentialChecks.Evaluate(pot, one);
        Assert.Equal(m.E0, r.Energy);
        Assert.All(r.Forces, f => Assert.Equal(0.0, f));
        double[] pos = [0, 0, 0, 3.1, 0, 0, 1.2, 2.7, 0.4, 1.0, 0.9, 2.8];
        var boxed = new Structure(["Mg", "Mg", "Mg", "Mg"], pos, Cell.Cubic(100));
        var open = new Structure(["Mg", "Mg", "Mg", "Mg"], pos, Cell.Empty, periodic: false);
        var rb = PotentialChecks.Evaluate(pot, boxed);
        var ro = PotentialChecks.Evaluate(pot, open);
        Assert.Equal(-6756.2361357413, ro.Energy, 1e-9);
        Assert.Equal(rb.Energy, ro.Energy, 1e-10);
        for (int k = 0; k < 12; k++) Assert.Equal(rb.Forces[k], ro.Forces[k], 1e-12);
        Assert.Equal(0.0, ro.Forces.Where((_, k) => k % 3 == 0).Sum(), 1e-12); // momentum conservation
    }

    [SkippableFact]
    public void Registered_as_ace_style()
    {
        var path = SharedData.Require("mg/models/cycle_5_o4_d14.json");
        var p = PotentialRegistry.Create("ace:" + path);
        Assert.Equal("ace:" + path, p.Spec);
        Assert.Equal(8.2, p.Cutoff);
        Assert.Equal(["Mg"], p.Species!);
        var c = Assert.IsAssignableFrom<ICommitteePotential>(p);
        Assert.Equal(10, c.CommitteeSize);
        var e = PotentialChecks.Energy(p, Frame(0));
        Assert.InRange(e / 16, -1690.3, -1689.8); // about -1690.17 eV/atom for every cycle's model
        Assert.Contains(PotentialRegistry.Available, a => a.Style == "ace");
    }

    [SkippableFact]
    public void Other_species_are_rejected()
    {
        var pot = AceReferenceTests.Potential(AceReferenceTests.RequireCycle3());
        var s = new Structure(["Mg", "Al"], [0, 0, 0, 2.5, 0, 0], Cell.Cubic(20));
        var e = Assert.Throws<PotentialException>(() => pot.Compute(s, Quantities.Energy, new PotentialResult()));
        Assert.Contains("atom 1 is Al", e.Message);
    }
}
