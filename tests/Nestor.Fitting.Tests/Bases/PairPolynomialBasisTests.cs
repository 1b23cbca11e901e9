using Nestor.Atoms;
using Nestor.Fitting.Bases;
using Nestor.Testing;

namespace Nestor.Fitting.Tests.Bases;

public class PairPolynomialBasisTests
{
    private static readonly PairPolynomialBasis Basis = new(["Mg"], 8, 6.0, 3.2);

    private static double[] Coefficients(int seed, int m)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, m).Select(_ => 0.05 * (rng.NextDouble() - 0.5)).ToArray();
    }

    [Fact]
    public void RadialDerivativesMatchFiniteDifferencesAndVanishAtTheCutoff()
    {
        var v = new double[8]; var d = new double[8]; var vp = new double[8]; var vm = new double[8]; var tmp = new double[8];
        foreach (double r in new[] { 0.9, 1.7, 2.6, 3.2, 4.4, 5.9 })
        {
            Basis.Radial(r, v, d);
            Basis.Radial(r + 1e-6, vp, tmp);
            Basis.Radial(r - 1e-6, vm, tmp);
            for (int n = 0; n < 8; n++) Assert.Equal((vp[n] - vm[n]) / 2e-6, d[n], 6);
        }
        Basis.Radial(6.0 - 1e-9, v, d);
        for (int n = 0; n < 8; n++) { Assert.True(Math.Abs(v[n]) < 1e-15); Assert.True(Math.Abs(d[n]) < 1e-8); }
    }

    [Fact]
    public void PotentialPassesTheSharedInvariantChecks()
    {
        var p = Basis.ToPotential(Coefficients(1, Basis.Length));
        var s = RandomStructures.Skewed(3, 6, 14.0, 0.65, 1.9); // a small cell: atoms see their own images
        PotentialChecks.ForcesMatchFiniteDifferences(p, s, 1e-6);
        PotentialChecks.VirialMatchesStrainDerivative(p, s, 1e-5);
        PotentialChecks.AtomEnergiesSumToTotal(p, s, 1e-10);
        PotentialChecks.InvariantUnderTranslation(p, s, 1e-10, 1e-10);
        PotentialChecks.InvariantUnderRotation(p, s, 5, 1e-10, 1e-10, 1e-9);
        PotentialChecks.InvariantUnderPermutation(p, s, 7, 1e-10, 1e-10);
        PotentialChecks.InvariantUnderChoiceOfCell(p, s, 1e-10, 1e-10);
    }

    [Fact]
    public void EnergyRowEqualsABruteForcePairSumOverImages()
    {
        var s = RandomStructures.Skewed(9, 5, 16.0, 0.65, 1.9);
        int m = Basis.Length;
        var row = new double[m];
        Basis.Evaluate(s, row, [], [], [], Basis.CreateWorkspace());
        var expected = new double[m];
        var v = new double[m]; var d = new double[m];
        for (int i = 0; i < s.Count; i++)
            for (int j = 0; j < s.Count; j++)
                for (int a = -4; a <= 4; a++) for (int b = -4; b <= 4; b++) for (int c = -4; c <= 4; c++)
                {
                    if (i == j && a == 0 && b == 0 && c == 0) continue;
                    double r = (s.GetPosition(j) - s.GetPosition(i) + s.Cell.A * a + s.Cell.B * b + s.Cell.C * c).Norm();
                    if (r >= 6.0) continue;
                    Basis.Radial(r, v, d);
                    for (int k = 0; k < m; k++) expected[k] += 0.5 * v[k];
                }
        for (int k = 0; k < m; k++) Assert.Equal(expected[k], row[k], 10);
        Assert.Contains(row, x => Math.Abs(x) > 1e-3);
    }

    [Fact]
    public void TwoSpeciesGetSeparateBlocks()
    {
        var basis = new PairPolynomialBasis(["Mg", "Al"], 4, 5.0, 3.0);
        Assert.Equal(12, basis.Length);
        var s = new Structure(["Mg", "Al"], [0, 0, 0, 2.5, 0, 0], Cell.Empty, false);
        var row = new double[12];
        basis.Evaluate(s, row, [], [], [], basis.CreateWorkspace());
        // only the Mg-Al block (the second) is non-zero
        for (int k = 0; k < 12; k++) Assert.Equal(k is >= 4 and < 8, row[k] != 0);
        var bad = new Structure(["Mg", "O"], [0, 0, 0, 2.5, 0, 0], Cell.Empty, false);
        Assert.Throws<FittingException>(() => basis.Evaluate(bad, row, [], [], [], basis.CreateWorkspace()));
    }

    [Fact]
    public void CommitteeEnergiesUseTheirOwnCoefficients()
    {
        var c = Coefficients(2, Basis.Length);
        var m1 = Coefficients(3, Basis.Length);
        var p = (LinearBasisPotential)Basis.ToPotential(c, [m1, c]);
        var s = RandomStructures.Skewed(4, 6, 18.0, 0.65, 1.9);
        var res = new Nestor.Potentials.PotentialResult();
        var ce = new double[2];
        p.ComputeCommittee(s, Nestor.Potentials.Quantities.Energy, res, ce);
        Assert.Equal(res.Energy, ce[1], 12);
        Assert.Equal(PotentialChecks.Energy(Basis.ToPotential(m1), s), ce[0], 12);
    }
}

