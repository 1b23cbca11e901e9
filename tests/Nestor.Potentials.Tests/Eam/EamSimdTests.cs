using System.Runtime.Intrinsics.X86;
using Nestor.Atoms;
using Nestor.Potentials.Eam;
using Nestor.Testing;

namespace Nestor.Potentials.Tests.Eam;

/// <summary>The AVX2 evaluation (single-element potentials) against the scalar one: the same sums in another order.</summary>
public class EamSimdTests
{
    // the invariance tests' cells, plus fewer pairs than one vector of four and a larger cell
    public static TheoryData<int, int, double, double> Cells
    {
        get
        {
            var cells = EamInvariantTests.Cells;
            cells.Add(6, 3, 40.0, 2.0);
            cells.Add(7, 150, 20.0, 2.2);
            return cells;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Cells))]
    public void SimdAndScalarPathsAgree(int seed, int n, double vpa, double dmin)
    {
        Skip.IfNot(Avx2.IsSupported && Fma.IsSupported, "this machine has no AVX2/FMA, so only the scalar path exists");
        var s = RandomStructures.Skewed(seed, n, vpa, minDistance: dmin);
        Compare(s);
        var partly = s.Clone();
        partly.SetPbc(true, false, true);
        Compare(partly);
    }

    [SkippableFact]
    public void SimdAndScalarPathsAgreeOnAClusterAndACrystal()
    {
        Skip.IfNot(Avx2.IsSupported && Fma.IsSupported, "this machine has no AVX2/FMA, so only the scalar path exists");
        var cluster = new Structure(["Mg", "Mg", "Mg", "Mg"], [0, 0, 0, 3.1, 0, 0, 0, 3.2, 0.1, 1.5, 1.5, 2.6], Cell.Empty, periodic: false);
        Compare(cluster);
        var crystal = RandomStructures.Hcp("Mg", 3.21, 5.21, 3, 3, 2);
        crystal.Positions[4] += 0.13;
        Compare(crystal);
    }

    private static void Compare(Structure s)
    {
        var simd = EamReferenceTests.Mg1();
        var scalar = EamReferenceTests.Mg1();
        scalar.UseSimd = false;
        var a = new PotentialResult();
        var b = new PotentialResult();
        simd.Compute(s, Quantities.All, a);
        scalar.Compute(s, Quantities.All, b);
        int n = s.Count;
        Assert.True(Math.Abs(a.Energy - b.Energy) <= 1e-12 * Math.Max(1, Math.Abs(b.Energy)) + 1e-12 * n, $"energy {a.Energy:R} vs {b.Energy:R}");
        for (int k = 0; k < 3 * n; k++) Assert.Equal(b.Forces[k], a.Forces[k], 1e-10);
        for (int k = 0; k < 9; k++) Assert.Equal(b.Virial[k], a.Virial[k], 1e-9);
        for (int i = 0; i < n; i++) Assert.Equal(b.AtomEnergies[i], a.AtomEnergies[i], 1e-11);
        // energy only: the SIMD path skips the derivative stages
        var e = new PotentialResult();
        simd.Compute(s, Quantities.Energy, e);
        Assert.Equal(a.Energy, e.Energy, 1e-12);
    }

    [SkippableFact]
    public void AnAtomMovedToANonFinitePositionGivesANaNEnergyOnBothPaths()
    {
        // the first call builds the list; the NaN comes while the list is kept, so no build can refuse it
        foreach (bool simd in new[] { true, false })
        {
            var pot = EamReferenceTests.Mg1();
            pot.UseSimd = simd;
            var s = RandomStructures.Skewed(2, 16, 10.0, minDistance: 1.6);
            var r = new PotentialResult();
            pot.Compute(s, Quantities.Forces, r);
            Assert.True(double.IsFinite(r.Energy));
            s.Positions[7] = double.NaN;
            pot.Compute(s, Quantities.Forces, r);
            Assert.True(double.IsNaN(r.Energy), $"simd {simd}: energy {r.Energy} for an atom at a NaN position");
        }
    }
}
