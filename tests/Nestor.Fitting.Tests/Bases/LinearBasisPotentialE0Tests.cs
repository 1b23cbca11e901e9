using Nestor.Fitting.Bases;
using Nestor.Testing;

namespace Nestor.Fitting.Tests.Bases;

public class LinearBasisPotentialE0Tests
{
    [Fact]
    public void OneBodyTermAddsToEnergiesButNotForces()
    {
        var basis = new PairPolynomialBasis(["Mg"], 5, 6.0, 3.2);
        var c = Enumerable.Range(0, 5).Select(k => 0.01 * (k + 1)).ToArray();
        var s = RandomStructures.Skewed(8, 5, 18.0, 0.65, 1.9);
        var plain = PotentialChecks.Evaluate(basis.ToPotential(c), s);
        var withE0 = PotentialChecks.Evaluate(basis.ToPotential(c, [c], new Dictionary<string, double> { ["Mg"] = -2.5 }), s);
        Assert.Equal(plain.Energy - 12.5, withE0.Energy, 10);
        Assert.Equal(plain.Forces, withE0.Forces);
        Assert.Equal(plain.AtomEnergies[0] - 2.5, withE0.AtomEnergies[0], 12);
    }
}
