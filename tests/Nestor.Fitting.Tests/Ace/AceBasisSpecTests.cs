using Nestor.Fitting.Ace;
using Nestor.Potentials.Ace;
using Nestor.Testing;

namespace Nestor.Fitting.Tests.Ace;

/// <summary>The o4_d14 enumeration against the released Mg models (ace1-model-spec sections 11, 12.1, 12.2).</summary>
public class AceBasisSpecTests
{
    private static readonly AceBasisSpec O4D14 = new() { Order = 4, TotalDegree = 14, Cutoff = 8.2, R0 = 3.2 };

    private static List<string> Keys(OneParticleBasis op, ProductBasis pb)
    {
        var keys = new List<string>(pb.Count);
        for (int k = 0; k < pb.Count; k++)
            keys.Add(string.Join(";", pb.Factors(k).ToArray().Select(v => $"{op.N[v]},{op.L[v]},{op.M[v]}")));
        return keys;
    }

    [Fact]
    public void O4D14CountsMatchThePaper()
    {
        var (op, pb) = O4D14.BuildBases();
        Assert.Equal(125, op.Count);
        Assert.Equal(2434, pb.Count);
        Assert.Equal([0, 23, 247, 984, 1180], pb.CountByOrder());
        Assert.Equal(23, op.MaxN);
        Assert.Equal(4, op.MaxL);
        Assert.Equal(26, O4D14.RadialLength);
    }

    [SkippableTheory]
    [InlineData("cycle_1_o4_d14.json")]
    [InlineData("cycle_3_o4_d14.json")]
    [InlineData("cycle_5_o4_d14.json")]
    public void O4D14IsTheReleasedModelsBasis(string file)
    {
        var model = Ace1JsonLoader.Load(SharedData.Require("mg/models/" + file));
        var mb = model.ManyBody!;
        var (op, pb) = O4D14.BuildBases();
        // same one-particle functions, same order
        Assert.Equal(mb.OneParticle.Count, op.Count);
        for (int v = 0; v < op.Count; v++)
            Assert.Equal((mb.OneParticle.N[v], mb.OneParticle.L[v], mb.OneParticle.M[v]), (op.N[v], op.L[v], op.M[v]));
        // same product functions, same canonical order
        Assert.Equal(Keys(mb.OneParticle, mb.Products), Keys(op, pb));
    }

    [SkippableFact]
    public void RadialRecurrencesMatchTheReleasedModel()
    {
        var model = Ace1JsonLoader.Load(SharedData.Require("mg/models/cycle_3_o4_d14.json"));
        var mine = AceRadialBuilder.ManyBody(O4D14);
        var theirs = model.ManyBody!.Radial;
        Assert.Equal(26, mine.Count);
        Assert.Equal(24, theirs.Count); // the file keeps 24 (ACE1 _cleanup), see spec 5.4
        for (int n = 0; n < theirs.Count; n++)
        {
            Assert.Equal(theirs.Polynomials.A[n], mine.Polynomials.A[n], 1e-13 * Math.Abs(theirs.Polynomials.A[n]) + 1e-13);
            Assert.Equal(theirs.Polynomials.B[n], mine.Polynomials.B[n], 1e-12 * Math.Abs(theirs.Polynomials.B[n]) + 1e-12);
            Assert.Equal(theirs.Polynomials.C[n], mine.Polynomials.C[n], 1e-12 * Math.Abs(theirs.Polynomials.C[n]) + 1e-12);
        }
        var pair = AceRadialBuilder.Pair(O4D14);
        var theirPair = model.Pair!.Basis;
        Assert.Equal(14, pair.Count);
        Span<double> p1 = stackalloc double[26], d1 = stackalloc double[26], p2 = stackalloc double[26], d2 = stackalloc double[26];
        foreach (double r in new[] { 1.7, 2.5, 3.2, 5.0, 8.0 })
        {
            mine.Evaluate(r, p1, d1); theirs.Evaluate(r, p2, d2);
            for (int n = 0; n < 24; n++) Assert.Equal(p2[n], p1[n], 1e-11 * (1 + Math.Abs(p2[n])));
            pair.Evaluate(r, p1, d1); theirPair.Evaluate(r, p2, d2);
            for (int n = 0; n < 14; n++) Assert.Equal(p2[n], p1[n], 1e-10 * (1 + Math.Abs(p2[n])));
        }
    }

    [Fact]
    public void BadParametersAreNamed()
    {
        var e = Assert.Throws<FittingException>(() => (O4D14 with { Order = 1 }).Validate());
        Assert.Contains("order", e.Message);
        e = Assert.Throws<FittingException>(() => (O4D14 with { R0 = 9 }).Validate());
        Assert.Contains("r0", e.Message);
    }
}
