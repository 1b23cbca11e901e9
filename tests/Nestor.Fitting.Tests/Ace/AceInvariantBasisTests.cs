using MathNet.Numerics.LinearAlgebra;
using Nestor.Fitting.Ace;
using Nestor.Potentials.Ace;
using Nestor.Testing;

namespace Nestor.Fitting.Tests.Ace;

/// <summary>The rotation-invariant coupling of the o4_d14 basis (ace1-model-spec 12.3 - 12.6).</summary>
public class AceInvariantBasisTests
{
    private static readonly AceBasisSpec O4D14 = new() { Order = 4, TotalDegree = 14, Cutoff = 8.2, R0 = 3.2 };
    private static readonly Lazy<AceInvariantBasis> Basis = new(() => AceInvariantBasis.Build(O4D14));
    private static readonly Lazy<RadialBasis> Radial = new(() => AceRadialBuilder.ManyBody(O4D14));

    [Fact]
    public void O4D14Has696Invariants()
    {
        var b = Basis.Value;
        Assert.Equal([0, 0, 102, 267, 327], b.CountByOrder);
        Assert.Equal(696, b.Count);
        Assert.Equal(688, b.ClassesWithInvariants);
        Assert.True(b.MaxPureTwoBodyResidual < 1e-11, $"pure-2b residual {b.MaxPureTwoBodyResidual}");
    }

    private static (double[] X, double[] Y, double[] Z) Cluster(Random rng, int count)
    {
        var x = new double[count]; var y = new double[count]; var z = new double[count];
        for (int j = 0; j < count; j++)
        {
            double r = 1.8 + 5.8 * rng.NextDouble();
            double cz = 2 * rng.NextDouble() - 1, ph = 2 * Math.PI * rng.NextDouble(), sz = Math.Sqrt(1 - cz * cz);
            x[j] = r * sz * Math.Cos(ph); y[j] = r * sz * Math.Sin(ph); z[j] = r * cz;
        }
        return (x, y, z);
    }

    private static double[,] RandomRotation(Random rng, bool reflect)
    {
        double a = rng.NextDouble() * 2 - 1, b = rng.NextDouble() * 2 - 1, c = rng.NextDouble() * 2 - 1, d = rng.NextDouble() * 2 - 1;
        double n = Math.Sqrt(a * a + b * b + c * c + d * d);
        a /= n; b /= n; c /= n; d /= n;
        var q = new double[,]
        {
            { a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c) },
            { 2 * (b * c + a * d), a * a - b * b + c * c - d * d, 2 * (c * d - a * b) },
            { 2 * (b * d - a * c), 2 * (c * d + a * b), a * a - b * b - c * c + d * d },
        };
        if (reflect) for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) q[i, j] = -q[i, j];
        return q;
    }

    /// <summary>Per-invariant scale: sum over its terms of |a_k AA_k| (what cancellation is measured against).</summary>
    private static double[] Scales(AceInvariantBasis b, double[] products)
    {
        var s = new double[b.Count];
        for (int r = 0; r < b.Count; r++)
        {
            var (cols, vals) = b.Row(r);
            for (int q = 0; q < cols.Length; q++) s[r] += Math.Abs(vals.Span[q] * products[cols.Span[q]]);
        }
        return s;
    }

    [Fact]
    public void InvariantsAreRotationReflectionAndPermutationInvariant()
    {
        var b = Basis.Value;
        var ev = new AceSiteInvariants(b, Radial.Value);
        var rng = new Random(11);
        double worst = 0;
        for (int trial = 0; trial < 4; trial++)
        {
            var (x, y, z) = Cluster(rng, 9);
            var b0 = new double[b.Count]; var aa = new double[b.Products.Count];
            ev.Evaluate(x, y, z, b0, aa);
            var scale = Scales(b, aa);
            for (int variant = 0; variant < 3; variant++)
            {
                var x1 = new double[x.Length]; var y1 = new double[x.Length]; var z1 = new double[x.Length];
                if (variant < 2)
                {
                    var q = RandomRotation(rng, reflect: variant == 1);
                    for (int j = 0; j < x.Length; j++)
                    {
                        x1[j] = q[0, 0] * x[j] + q[0, 1] * y[j] + q[0, 2] * z[j];
                        y1[j] = q[1, 0] * x[j] + q[1, 1] * y[j] + q[1, 2] * z[j];
                        z1[j] = q[2, 0] * x[j] + q[2, 1] * y[j] + q[2, 2] * z[j];
                    }
                }
                else
                {
                    var perm = Enumerable.Range(0, x.Length).OrderBy(_ => rng.Next()).ToArray();
                    for (int j = 0; j < x.Length; j++) { x1[j] = x[perm[j]]; y1[j] = y[perm[j]]; z1[j] = z[perm[j]]; }
                }
                var b1 = new double[b.Count];
                ev.Evaluate(x1, y1, z1, b1);
                for (int r = 0; r < b.Count; r++)
                {
                    Assert.True(scale[r] > 0, $"invariant {r} has no weight on this cluster");
                    double rel = Math.Abs(b1[r] - b0[r]) / scale[r];
                    worst = Math.Max(worst, rel);
                    Assert.True(rel < 1e-10, $"invariant {r} (order {b.Order(r)}), variant {variant}: {b0[r]} vs {b1[r]} (scale {scale[r]})");
                }
            }
        }
        // a test that can fail: the non-invariant product functions do change under rotation
        var (xa, ya, za) = Cluster(rng, 5);
        var q2 = RandomRotation(rng, false);
        var xb = new double[5]; var yb = new double[5]; var zb = new double[5];
        for (int j = 0; j < 5; j++)
        {
            xb[j] = q2[0, 0] * xa[j] + q2[0, 1] * ya[j] + q2[0, 2] * za[j];
            yb[j] = q2[1, 0] * xa[j] + q2[1, 1] * ya[j] + q2[1, 2] * za[j];
            zb[j] = q2[2, 0] * xa[j] + q2[2, 1] * ya[j] + q2[2, 2] * za[j];
        }
        var pa = new double[b.Products.Count]; var pb = new double[b.Products.Count]; var tmp = new double[b.Count];
        ev.Evaluate(xa, ya, za, tmp, pa); ev.Evaluate(xb, yb, zb, tmp, pb);
        Assert.True(pa.Zip(pb).Max(t => Math.Abs(t.First - t.Second)) > 1e-3);
    }

    [Fact]
    public void SingleNeighbourManyBodyValueIsZero()
    {
        var b = Basis.Value;
        var ev = new AceSiteInvariants(b, Radial.Value);
        var rng = new Random(5);
        foreach (double r in new[] { 2.0, 3.2, 4.5, 6.0, 7.9 })
        {
            double cz = 2 * rng.NextDouble() - 1, ph = 2 * Math.PI * rng.NextDouble(), sz = Math.Sqrt(1 - cz * cz);
            double[] x = [r * sz * Math.Cos(ph)], y = [r * sz * Math.Sin(ph)], z = [r * cz];
            var bv = new double[b.Count]; var aa = new double[b.Products.Count];
            ev.Evaluate(x, y, z, bv, aa);
            var scale = Scales(b, aa);
            for (int k = 0; k < b.Count; k++)
                Assert.True(Math.Abs(bv[k]) <= 1e-11 * scale[k] + 1e-300, $"r = {r}: invariant {k} (order {b.Order(k)}) = {bv[k]}, scale {scale[k]}");
            Assert.True(scale.Max() > 1e-3); // the terms themselves are not zero
        }
    }

    [SkippableTheory]
    [InlineData("cycle_1_o4_d14.json")]
    [InlineData("cycle_3_o4_d14.json")]
    [InlineData("cycle_5_o4_d14.json")]
    public void ReleasedCoefficientsLieInTheInvariantSpan(string file)
    {
        var model = Ace1JsonLoader.Load(SharedData.Require("mg/models/" + file));
        var mb = model.ManyBody!;
        var b = Basis.Value;
        Assert.Equal(mb.Products.Count, b.Products.Count); // same canonical order: AceBasisSpecTests
        var a2bT = b.ToDense().Transpose();
        var qr = a2bT.QR(); // columns of A2B^T span the invariant coefficient space
        double Residual(double[] c)
        {
            var v = Vector<double>.Build.DenseOfArray(c);
            var x = qr.Solve(v);
            return (a2bT * x - v).L2Norm() / v.L2Norm();
        }
        Assert.True(Residual(mb.Coefficients.ToArray()) < 1e-10, $"main coefficients: residual {Residual(mb.Coefficients.ToArray())}");
        for (int j = 0; j < mb.CommitteeSize; j++)
        {
            double r = Residual(mb.Member(j).ToArray());
            Assert.True(r < 1e-10, $"committee member {j}: residual {r}");
        }
        var rng = new Random(3);
        var random = Enumerable.Range(0, b.Products.Count).Select(_ => rng.NextDouble() - 0.5).ToArray();
        Assert.True(Residual(random) > 0.5);
    }

    [SkippableFact]
    public void ProductValuesReproduceTheReleasedTetramerEnergy()
    {
        // spec 13.3: ACE part of the tetramer (100 A box, no images) = -0.4413005802796 eV with the cycle-3 model
        var model = Ace1JsonLoader.Load(SharedData.Require("mg/models/cycle_3_o4_d14.json"));
        var c = model.ManyBody!.Coefficients.ToArray();
        var b = Basis.Value;
        var ev = new AceSiteInvariants(b, Radial.Value);
        double[][] pos = [[0, 0, 0], [3.1, 0, 0], [1.2, 2.7, 0.4], [1.0, 0.9, 2.8]];
        double e = 0;
        var aa = new double[b.Products.Count]; var bv = new double[b.Count];
        for (int i = 0; i < 4; i++)
        {
            var others = Enumerable.Range(0, 4).Where(j => j != i).ToArray();
            ev.Evaluate(others.Select(j => pos[j][0] - pos[i][0]).ToArray(), others.Select(j => pos[j][1] - pos[i][1]).ToArray(),
                others.Select(j => pos[j][2] - pos[i][2]).ToArray(), bv, aa);
            for (int k = 0; k < c.Length; k++) e += c[k] * aa[k];
        }
        Assert.Equal(-0.4413005802796, e, 1e-9);
    }
}
