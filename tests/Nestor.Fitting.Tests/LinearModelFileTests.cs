using Nestor.Fitting.Bases;
using Nestor.Fitting.Models;
using Nestor.Potentials;
using Nestor.Testing;

namespace Nestor.Fitting.Tests;

public class LinearModelFileTests
{
    [Fact]
    public void DescriptionsRoundTrip()
    {
        ILinearBasis[] bases = [new PairPolynomialBasis(["Mg", "Al"], 7, 6.5, 3.1), new EamLikeBasis("Mg", 9, 4, [0.5, 2.0], 8.2, 3.2)];
        foreach (var b in bases)
        {
            var back = LinearBases.Parse(b.Description);
            Assert.Equal(b.Description, back.Description);
            Assert.Equal(b.Length, back.Length);
        }
        var ex = Assert.Throws<FittingException>(() => LinearBases.Parse("pair:species=Mg,degree=x,cutoff=5,r0=3"));
        Assert.Contains("degree", ex.Message);
        Assert.Throws<FittingException>(() => LinearBases.Parse("pair:species=Mg,degree=4,cutoff=5,r0=3,colour=red"));
    }

    [Fact]
    public void ModelFileRoundTripsAndLoadsAsAPotentialStyle()
    {
        var basis = new EamLikeBasis("Mg", 6, 3, [1.0, 3.0], 6.0, 3.2);
        var rng = new Random(1);
        var c = Enumerable.Range(0, basis.Length).Select(_ => 0.05 * (rng.NextDouble() - 0.5)).ToArray();
        var m1 = c.Select(x => x * 1.1).ToArray();
        var e0 = new Dictionary<string, double> { ["Mg"] = -1.5 };
        var dir = Directory.CreateTempSubdirectory("nestor-linear-model");
        try
        {
            var path = Path.Combine(dir.FullName, "mg.linear.json");
            LinearModelFile.Write(path, basis, c, [m1], e0, "blr");
            LinearModelFile.RegisterStyle();
            var p = (ICommitteePotential)PotentialRegistry.Create("linear:" + path);
            Assert.Equal("linear:" + path, p.Spec);
            Assert.Equal(1, p.CommitteeSize);
            var s = RandomStructures.Skewed(2, 6, 18.0, 0.65, 1.9);
            var direct = PotentialChecks.Evaluate(basis.ToPotential(c, [m1], e0), s);
            var loaded = PotentialChecks.Evaluate(p, s);
            Assert.Equal(direct.Energy, loaded.Energy, 12);
            Assert.Equal(direct.Forces, loaded.Forces);
            var ce = new double[1];
            p.ComputeCommittee(s, Quantities.Energy, new PotentialResult(), ce);
            Assert.Equal(PotentialChecks.Energy(basis.ToPotential(m1, null, e0), s), ce[0], 12);
            File.WriteAllText(path, "{\"format\": \"something-else\", \"version\": 1}");
            var ex = Assert.Throws<FittingException>(() => LinearModelFile.Read(path));
            Assert.Contains(path, ex.Message);
        }
        finally { dir.Delete(true); }
    }
}
