using System.Runtime.Intrinsics.X86;
using Nestor.Atoms;
using Nestor.Potentials.LennardJones;
using Nestor.Testing;

namespace Nestor.Potentials.Tests.LennardJones;

/// <summary>The AVX2 evaluation against the scalar one: the same sums in another order.</summary>
public class LennardJonesSimdTests
{
    // the scalar tests' cells, plus a 64-atom liquid-like cell and fewer pairs than one vector of four
    public static TheoryData<int, int, double, double> Cells
    {
        get
        {
            var cells = LennardJonesTests.Cells;
            cells.Add(5, 64, 16.0, 2.2);
            cells.Add(6, 3, 60.0, 2.5);
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
        partly.SetPbc(false, true, true);
        Compare(partly);
        var cluster = s.Clone();
        cluster.SetPbc(false, false, false);
        Compare(cluster);
    }

    private static void Compare(Structure s)
    {
        var simd = new LennardJonesPotential(0.1, 2.5, 7.5, shift: true);
        var scalar = new LennardJonesPotential(0.1, 2.5, 7.5, shift: true) { UseSimd = false };
        foreach (var q in new[] { Quantities.All, Quantities.Energy, Quantities.Forces })
        {
            var a = new PotentialResult();
            var b = new PotentialResult();
            simd.Compute(s, q, a);
            scalar.Compute(s, q, b);
            int n = s.Count;
            Assert.True(Math.Abs(a.Energy - b.Energy) <= 1e-12 * Math.Max(1, Math.Abs(b.Energy)) + 1e-13 * n, $"energy {a.Energy:R} vs {b.Energy:R}");
            if ((q & Quantities.Forces) != 0)
                for (int k = 0; k < 3 * n; k++) Assert.Equal(b.Forces[k], a.Forces[k], 1e-11);
            if ((q & Quantities.Virial) != 0)
                for (int k = 0; k < 9; k++) Assert.Equal(b.Virial[k], a.Virial[k], 1e-10);
            if ((q & Quantities.AtomEnergies) != 0)
                for (int i = 0; i < n; i++) Assert.Equal(b.AtomEnergies[i], a.AtomEnergies[i], 1e-12);
        }
    }

    [Fact]
    public void AnAtomMovedToANonFinitePositionGivesANaNEnergyOnBothPaths()
    {
        foreach (bool simd in new[] { true, false })
        {
            var pot = new LennardJonesPotential(0.1, 2.5, 7.5, shift: true) { UseSimd = simd };
            var s = RandomStructures.Skewed(5, 64, 16.0, minDistance: 2.2);
            var r = new PotentialResult();
            pot.Compute(s, Quantities.Forces, r);
            Assert.True(double.IsFinite(r.Energy));
            s.Positions[10] = double.NaN;
            pot.Compute(s, Quantities.Forces, r);
            Assert.True(double.IsNaN(r.Energy), $"simd {simd}: energy {r.Energy} for an atom at a NaN position");
        }
    }
}
