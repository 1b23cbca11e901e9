using Nestor.Atoms;
using Nestor.Fitting.Design;
using Nestor.Fitting.Solvers;

namespace Nestor.Fitting.Tests.Design;

public class DesignAssemblyTests
{
    private static readonly Dictionary<string, double> E0 = new() { ["Mg"] = SyntheticFrames.E0 };

    [Fact]
    public void RowsWeightsAndTargetsFollowTheRules()
    {
        var c = SyntheticFrames.TrueCoefficients();
        var set = FrameSet.FromStructures(SyntheticFrames.Make(6, 10, c), new LabelKeys(), new FitWeights());
        Assert.Empty(set.Skipped);
        var d = DesignAssembler.Assemble(SyntheticFrames.Basis, set.Frames, new FitWeights(), E0);
        int expectedRows = set.Frames.Sum(f => 1 + 3 * f.Atoms + 6);
        Assert.Equal(expectedRows, d.Rows);
        Assert.Equal(SyntheticFrames.Basis.Length, d.Cols);
        // first frame: energy row weight 30/sqrt(N), target E - N E0; force rows weight 1; virial rows 1/sqrt(N)
        var f0 = set.Frames[0];
        int n = f0.Atoms;
        Assert.Equal(RowKind.Energy, d.Kind[0]);
        Assert.Equal(30 / Math.Sqrt(n), d.Weight[0], 14);
        Assert.Equal((double)f0.Structure.Info["dft_energy"] - n * SyntheticFrames.E0, d.Targets()[0], 9);
        Assert.Equal(RowKind.Force, d.Kind[1]);
        Assert.Equal(1.0, d.Weight[1]);
        Assert.Equal(RowKind.Virial, d.Kind[1 + 3 * n]);
        Assert.Equal(1 / Math.Sqrt(n), d.Weight[1 + 3 * n], 14);
        // Voigt order: row 3 of the virial block is yz = W[1,2]
        var w = (double[])f0.Structure.Info["dft_virial"];
        Assert.Equal(w[5], d.Targets()[1 + 3 * n + 3], 12);
        Assert.Equal(w[1], d.Targets()[1 + 3 * n + 5], 12);
        // the exact coefficients reproduce every target
        var pred = d.Predict(c);
        var t = d.Targets();
        for (int r = 0; r < d.Rows; r++) Assert.True(Math.Abs(pred[r] - t[r]) < 1e-8, $"row {r}: {pred[r]} vs {t[r]}");
    }

    [Fact]
    public void AssemblyDoesNotDependOnTheThreadCount()
    {
        var set = FrameSet.FromStructures(SyntheticFrames.Make(9, 20, SyntheticFrames.TrueCoefficients()), new LabelKeys(), new FitWeights());
        var d1 = DesignAssembler.Assemble(SyntheticFrames.Basis, set.Frames, new FitWeights(), E0, maxThreads: 1);
        var d2 = DesignAssembler.Assemble(SyntheticFrames.Basis, set.Frames, new FitWeights(), E0, maxThreads: 2);
        Assert.Equal(d1.A, d2.A);
        Assert.Equal(d1.Y, d2.Y);
    }

    [Fact]
    public void FitRecoversTheGeneratingCoefficients()
    {
        var c = SyntheticFrames.TrueCoefficients();
        var set = FrameSet.FromStructures(SyntheticFrames.Make(12, 30, c), new LabelKeys(), new FitWeights());
        var d = DesignAssembler.Assemble(SyntheticFrames.Basis, set.Frames, new FitWeights(), E0);
        var sol = LeastSquares.SolveQr(QrReduction.Reduce(d.A, d.Y, d.Rows, d.Cols));
        for (int k = 0; k < c.Length; k++) Assert.True(Math.Abs(sol.Coefficients[k] - c[k]) < 1e-7 * (1 + Math.Abs(c[k])), $"c[{k}] {sol.Coefficients[k]} vs {c[k]}");
    }

    [Fact]
    public void BadAndMissingLabelsAreSkippedOrDroppedByRule()
    {
        var items = SyntheticFrames.Make(5, 40, SyntheticFrames.TrueCoefficients());
        items[0].Item1.Info.Remove("dft_virial");
        items[1].Item1.Arrays["dft_forces"].Reals![4] = double.NaN;
        items[2].Item1.Info["dft_energy"] = double.PositiveInfinity;
        items[3].Item1.Info["config_type"] = "ignored";
        var weights = new FitWeights { ConfigTypes = new Dictionary<string, ObservationWeight> { ["ignored"] = new(0, 0, 0) } };
        var strict = FrameSet.FromStructures(items, new LabelKeys(), weights);
        Assert.Single(strict.Frames);
        Assert.Equal(4, strict.Skipped.Count);
        Assert.Contains("no dft_virial", strict.Skipped[0].Reason);
        Assert.Contains("non-finite dft_forces on atom 1", strict.Skipped[1].Reason);
        Assert.Contains("non-finite dft_energy", strict.Skipped[2].Reason);
        Assert.Contains("all weights are zero", strict.Skipped[3].Reason);
        Assert.Equal("synthetic.xyz", strict.Skipped[0].Source);

        var lenient = FrameSet.FromStructures(items, new LabelKeys(), weights, MissingLabelPolicy.UseAvailable);
        Assert.Equal(2, lenient.Frames.Count); // the frame without a virial is used; non-finite labels still skip
        Assert.Null(lenient.Frames[0].Virial);
        Assert.Single(lenient.Dropped);
        var d = DesignAssembler.Assemble(SyntheticFrames.Basis, lenient.Frames, weights, E0);
        Assert.Equal(1 + 3 * lenient.Frames[0].Atoms + 1 + 3 * lenient.Frames[1].Atoms + 6, d.Rows);

        // a virial weight of zero does not require the virial at all
        var noV = new FitWeights { Default = new(30, 1, 0) };
        Assert.Equal(4, FrameSet.FromStructures(items, new LabelKeys(), noV).Frames.Count(f => f.Virial is null) + 3);
    }

    [Fact]
    public void MissingE0IsAClearError()
    {
        var set = FrameSet.FromStructures(SyntheticFrames.Make(2, 50, SyntheticFrames.TrueCoefficients()), new LabelKeys(), new FitWeights());
        var ex = Assert.Throws<FittingException>(() => DesignAssembler.Assemble(SyntheticFrames.Basis, set.Frames, new FitWeights(), new Dictionary<string, double>()));
        Assert.Contains("E0", ex.Message);
        Assert.Contains("synthetic.xyz, frame 0", ex.Message);
    }

    [Fact]
    public void CustomKeysAndSixComponentVirials()
    {
        var items = SyntheticFrames.Make(2, 60, SyntheticFrames.TrueCoefficients());
        foreach (var (s, _, _) in items)
        {
            s.Info["E"] = s.Info["dft_energy"];
            var w = (double[])s.Info["dft_virial"];
            s.Info["V"] = new[] { w[0], w[4], w[8], w[5], w[2], w[1] };
            s.Arrays["F"] = s.Arrays["dft_forces"];
        }
        var keys = new LabelKeys { Energy = "E", Forces = "F", Virial = "V" };
        var a = FrameSet.FromStructures(items, keys, new FitWeights());
        var b = FrameSet.FromStructures(items, new LabelKeys(), new FitWeights());
        for (int f = 0; f < 2; f++)
        {
            Assert.Equal(b.Frames[f].Virial!, a.Frames[f].Virial!);
            Assert.Equal(b.Frames[f].Energy, a.Frames[f].Energy);
        }
    }

    [Fact]
    public void WeightsParseFromText()
    {
        var w = FitWeights.Parse("9:1:1", ["mg16_hole=60:2:0.5"]);
        Assert.Equal(new ObservationWeight(9, 1, 1), w.For("mg16_0GPa"));
        Assert.Equal(new ObservationWeight(60, 2, 0.5), w.For("mg16_hole"));
        Assert.Equal(new ObservationWeight(9, 1, 1), w.For(null));
        Assert.Throws<FittingException>(() => FitWeights.Parse("9:1"));
        Assert.Throws<FittingException>(() => FitWeights.Parse("9:1:-1"));
        Assert.Throws<FittingException>(() => FitWeights.Parse("9:1:1", ["a=1:1:1", "a=2:2:2"]));
        Assert.Throws<FittingException>(() => FitWeights.Parse("9:1:1", ["nonsense"]));
    }

    [Fact]
    public void ConfigTypeWeightsScaleTheirRows()
    {
        var set = FrameSet.FromStructures(SyntheticFrames.Make(4, 90, SyntheticFrames.TrueCoefficients()), new LabelKeys(), new FitWeights());
        var w = FitWeights.Parse("30:1:1", ["odd=60:3:2"]);
        var d = DesignAssembler.Assemble(SyntheticFrames.Basis, set.Frames, w, E0);
        var f1 = set.Frames[1];
        Assert.Equal("odd", f1.ConfigType);
        int r = 1 + 3 * set.Frames[0].Atoms + 6; // first row of frame 1
        Assert.Equal(60 / Math.Sqrt(f1.Atoms), d.Weight[r], 14);
        Assert.Equal(3.0, d.Weight[r + 1]);
        Assert.Equal(2 / Math.Sqrt(f1.Atoms), d.Weight[r + 1 + 3 * f1.Atoms], 14);
    }
}
