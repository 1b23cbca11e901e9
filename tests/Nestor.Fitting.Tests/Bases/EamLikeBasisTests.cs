using Nestor.Fitting.Bases;
using Nestor.Testing;

namespace Nestor.Fitting.Tests.Bases;

public class EamLikeBasisTests
{
    private static readonly EamLikeBasis Basis = new("Mg", 6, 4, [1.0, 3.0], 6.0, 3.2);

    [Fact]
    public void PotentialPassesTheSharedInvariantChecks()
    {
        var rng = new Random(3);
        var c = Enumerable.Range(0, Basis.Length).Select(_ => 0.1 * (rng.NextDouble() - 0.5)).ToArray();
        var p = Basis.ToPotential(c);
        var s = RandomStructures.Skewed(5, 6, 14.0, 0.65, 1.9);
        PotentialChecks.ForcesMatchFiniteDifferences(p, s, 1e-6);
        PotentialChecks.VirialMatchesStrainDerivative(p, s, 1e-5);
        PotentialChecks.AtomEnergiesSumToTotal(p, s, 1e-10);
        PotentialChecks.InvariantUnderRotation(p, s, 5, 1e-10, 1e-10, 1e-9);
        PotentialChecks.InvariantUnderPermutation(p, s, 7, 1e-10, 1e-10);
        PotentialChecks.InvariantUnderChoiceOfCell(p, s, 1e-10, 1e-10);
    }

    [Fact]
    public void EmbeddingIsManyBody()
    {
        // with only embedding coefficients, the energy of a trimer differs from the sum of its three dimers' energies
        var c = new double[Basis.Length];
        c[6] = 1; // T_1 of the first density
        var p = Basis.ToPotential(c);
        double E(params double[] pos) => PotentialChecks.Energy(p, new Nestor.Atoms.Structure(
            Enumerable.Repeat("Mg", pos.Length / 3).ToArray(), pos, Nestor.Atoms.Cell.Empty, false));
        double single = E(0, 0, 0);
        double ab = E(0, 0, 0, 3, 0, 0) - 2 * single, ac = E(0, 0, 0, 0, 3.2, 0) - 2 * single, bc = E(3, 0, 0, 0, 3.2, 0) - 2 * single;
        double abc = E(0, 0, 0, 3, 0, 0, 0, 3.2, 0) - 3 * single;
        Assert.True(Math.Abs(abc - (ab + ac + bc)) > 1e-3, $"trimer {abc} vs sum of dimers {ab + ac + bc}");
    }
}
