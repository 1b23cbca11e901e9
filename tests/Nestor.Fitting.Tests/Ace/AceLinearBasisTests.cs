using MathNet.Numerics.LinearAlgebra;
using Nestor.Atoms.IO;
using Nestor.Fitting.Ace;
using Nestor.Fitting.Tests.Common;
using Nestor.Potentials.Ace;
using Nestor.Testing;

namespace Nestor.Fitting.Tests.Ace;

/// <summary>The ACE basis as an <see cref="ILinearBasis"/>: design rows, derivatives, conversion to the evaluator.</summary>
public class AceLinearBasisTests
{
    // a small basis so the finite-difference checks stay quick
    private static readonly AceBasisSpec Small = new() { Order = 3, TotalDegree = 8, Cutoff = 5.5, R0 = 2.6 };
    private static readonly Lazy<AceLinearBasis> SmallBasis = new(() => new AceLinearBasis("Mg", Small));

    [Fact]
    public void RowsPassTheSharedLinearBasisChecks()
    {
        var b = SmallBasis.Value;
        Assert.True(b.Invariants.Count > 20);
        var s = RandomStructures.Skewed(3, 5, 14.0, 0.65, 1.9); // a small cell: atoms see their own images
        LinearBasisChecks.All(b, s, tolForce: 1e-6, tolVirial: 1e-5);
    }

    [Fact]
    public void PotentialFromCoefficientsAgreesWithTheDesignRows()
    {
        var b = SmallBasis.Value;
        var rng = new Random(4);
        var c = Enumerable.Range(0, b.Length).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var s = RandomStructures.Skewed(7, 6, 16.0, 0.65, 1.9);
        int n = s.Count, m = b.Length;
        var e = new double[m]; var f = new double[3 * n * m]; var v = new double[6 * m];
        b.Evaluate(s, e, f, v, [], b.CreateWorkspace());
        var pot = b.ToPotential(c);
        var res = new Nestor.Potentials.PotentialResult();
        pot.Compute(s, Nestor.Potentials.Quantities.Forces | Nestor.Potentials.Quantities.Virial, res);
        double eRow = e.Zip(c).Sum(t => t.First * t.Second);
        Assert.Equal(eRow, res.Energy, 1e-9 * (1 + Math.Abs(eRow)));
        for (int q = 0; q < 3 * n; q++)
        {
            double fq = 0;
            for (int k = 0; k < m; k++) fq += f[q * m + k] * c[k];
            Assert.Equal(fq, res.Forces[q], 1e-9);
        }
        int[] voigtToFull = [0, 4, 8, 5, 2, 1];
        for (int q = 0; q < 6; q++)
        {
            double vq = 0;
            for (int k = 0; k < m; k++) vq += v[q * m + k] * c[k];
            Assert.Equal(vq, res.Virial[voigtToFull[q]], 1e-8);
        }
    }

    [SkippableFact]
    public void ReleasedModelProjectedOntoTheBasisReproducesItsEnergy()
    {
        // spec 13.3: cycle-3 model on frame 0 of cycle_3.rdb.extxyz gives -27042.66753897 eV
        var model = Ace1JsonLoader.Load(SharedData.Require("mg/models/cycle_3_o4_d14.json"));
        var frame = ExtXyz.Read(SharedData.Require("mg/cycle_3.rdb.extxyz")).First();
        var b = new AceLinearBasis("Mg", new AceBasisSpec { Order = 4, TotalDegree = 14, Cutoff = 8.2, R0 = 3.2 });
        Assert.Equal(14 + 696, b.Length);
        // invariant coefficients: least squares A2B^T x = c_PI (exact, see the span test)
        var x = b.Invariants.ToDense().Transpose().QR().Solve(Vector<double>.Build.DenseOfArray(model.ManyBody!.Coefficients.ToArray()));
        var c = model.Pair!.Coefficients.ToArray().Concat(x).ToArray();
        var e = new double[b.Length];
        b.Evaluate(frame, e, [], [], [], b.CreateWorkspace());
        double energy = frame.Count * model.E0 + e.Zip(c).Sum(t => t.First * t.Second);
        Assert.Equal(-27042.66753897, energy, 2e-6);
        // and the converted model, run by the ACE evaluator
        var pot = b.ToPotential(c, e0: new Dictionary<string, double> { ["Mg"] = model.E0 });
        var res = new Nestor.Potentials.PotentialResult();
        pot.Compute(frame, Nestor.Potentials.Quantities.Energy, res);
        Assert.Equal(-27042.66753897, res.Energy, 2e-6);
    }

    [Fact]
    public void DescriptionParsesBack()
    {
        var b = SmallBasis.Value;
        var back = Nestor.Fitting.Bases.LinearBases.Parse(b.Description);
        Assert.IsType<AceLinearBasis>(back);
        Assert.Equal(b.Description, back.Description);
        Assert.Equal(b.Length, back.Length);
        var e = Assert.Throws<FittingException>(() => Nestor.Fitting.Bases.LinearBases.Parse("ace:species=Mg,order=3,degree=8,cutoff=5.5"));
        Assert.Contains("r0", e.Message);
        e = Assert.Throws<FittingException>(() => Nestor.Fitting.Bases.LinearBases.Parse("ace:species=Mg,order=3,degree=8,cutoff=5.5,r0=2.6,transform=2"));
        Assert.Contains("transform", e.Message);
    }

    [Fact]
    public void O4D14RowsPassTheSharedLinearBasisChecks()
    {
        // the full o4_d14 basis (pair + 696 invariants), function by function, in a small dense periodic cell
        var b = new AceLinearBasis("Mg", new AceBasisSpec { Order = 4, TotalDegree = 14, Cutoff = 8.2, R0 = 3.2 });
        // force rows reach ~3e3 here, so the absolute finite-difference tolerance is 1e-4 (relative ~3e-8)
        var s = RandomStructures.Skewed(5, 3, 16.0, 0.65, 2.0);
        LinearBasisChecks.All(b, s, tolForce: 1e-4, tolVirial: 1e-5);
    }
}
