using Nestor.Atoms;
using Nestor.Sampling.Analysis;
using Nestor.Testing;

namespace Nestor.Sampling.Tests.Analysis;

public class SteinhardtClassifierTests
{
    private static Structure Shake(Structure s, double amplitude, int seed)
    {
        var rng = new Random(seed);
        var x = s.Positions;
        for (int k = 0; k < x.Length; k++) x[k] += amplitude * (2 * rng.NextDouble() - 1);
        return s;
    }

    [Fact]
    public void NamesPerfectAndShakenLattices()
    {
        var hcp = RandomStructures.Hcp("Mg", 3.2, 5.2, 2, 2, 2);
        var fcc = RandomStructures.Fcc("Mg", 4.5, 2);
        var bcc = RandomStructures.Bcc("Mg", 3.56, 2);
        Assert.Equal(LocalStructure.Hcp, SteinhardtClassifier.Classify(hcp));
        Assert.Equal(LocalStructure.Fcc, SteinhardtClassifier.Classify(fcc));
        Assert.Equal(LocalStructure.Bcc, SteinhardtClassifier.Classify(bcc));
        Assert.Equal(LocalStructure.Hcp, SteinhardtClassifier.Classify(Shake(hcp, 0.1, 1)));
        Assert.Equal(LocalStructure.Fcc, SteinhardtClassifier.Classify(Shake(fcc, 0.1, 2)));
        Assert.Equal(LocalStructure.Bcc, SteinhardtClassifier.Classify(Shake(bcc, 0.1, 3)));
        // a random gas is none of them
        var gas = RandomStructures.Skewed(4, 16, 40);
        Assert.Equal(LocalStructure.Other, SteinhardtClassifier.Classify(gas));
    }

    [Fact]
    public void ReferenceValuesOfFcc()
    {
        var (q4, q6) = SteinhardtClassifier.Order(RandomStructures.Fcc("Mg", 4.5, 1), 0, 12);
        Assert.Equal(0.19094, q4, 4);
        Assert.Equal(0.57452, q6, 4);
    }
}
