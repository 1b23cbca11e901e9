using Nestor.Fitting.Design;
using Nestor.Fitting.Tests.Design;

namespace Nestor.Fitting.Tests;

public class LinearFitterTests
{
    private static readonly Dictionary<string, double> E0 = new() { ["Mg"] = SyntheticFrames.E0 };

    [Fact]
    public void SameSeedGivesIdenticalFitsForAnyThreadCount()
    {
        var set = FrameSet.FromStructures(SyntheticFrames.Make(10, 70, SyntheticFrames.TrueCoefficients()), new LabelKeys(), new FitWeights());
        var (train, test) = set.Split(0.2, seed: 3);
        FitResult Run(int threads, int seed) => LinearFitter.Fit(SyntheticFrames.Basis, train, test,
            new FitOptions { E0 = E0, Committee = 3, Seed = seed, Threads = threads });
        var a = Run(1, 5);
        var b = Run(2, 5);
        var c = Run(2, 6);
        Assert.Equal(a.Solution.Coefficients, b.Solution.Coefficients);
        for (int j = 0; j < 3; j++) Assert.Equal(a.Solution.Committee[j], b.Solution.Committee[j]);
        Assert.NotEqual(a.Solution.Committee[0], c.Solution.Committee[0]);
        Assert.Equal(a.Solution.Coefficients, c.Solution.Coefficients);
    }

    [Fact]
    public void NoiseFreeDataAreFittedToRoundingByEverySolver()
    {
        var set = FrameSet.FromStructures(SyntheticFrames.Make(12, 80, SyntheticFrames.TrueCoefficients()), new LabelKeys(), new FitWeights());
        var (train, test) = set.Split(0.25, seed: 1);
        foreach (var solver in new[] { SolverKind.LsqQr, SolverKind.LsqSvd, SolverKind.Blr })
        {
            var fit = LinearFitter.Fit(SyntheticFrames.Basis, train, test, new FitOptions { E0 = E0, Solver = solver });
            Assert.True(fit.Report.Test.Overall.EnergyRmseMevPerAtom < 1e-4, $"{solver}: {fit.Report.Test.Overall.EnergyRmseMevPerAtom}");
            Assert.True(fit.Report.Test.Overall.ForcesRmseEvPerA < 1e-6, $"{solver}: {fit.Report.Test.Overall.ForcesRmseEvPerA}");
            // the potential gives total energies: E0 included
            var f = test[0];
            Assert.Equal(f.Energy!.Value, Nestor.Testing.PotentialChecks.Energy(fit.Potential, f.Structure), 6);
        }
    }

    [Fact]
    public void FrameSetOverloadReportsSkippedAndDropped()
    {
        var items = SyntheticFrames.Make(10, 110, SyntheticFrames.TrueCoefficients());
        items[2].Item1.Info.Remove("dft_virial");
        items[3].Item1.Info["dft_energy"] = double.NaN;
        var set = FrameSet.FromStructures(items, new LabelKeys(), new FitWeights(), MissingLabelPolicy.UseAvailable);
        var fit = LinearFitter.Fit(SyntheticFrames.Basis, set, 0.2, 4, new FitOptions { E0 = E0 });
        Assert.Single(fit.Report.Skipped);
        Assert.Single(fit.Report.Dropped);
        Assert.Equal(9, fit.Report.Train.Overall.Frames + fit.Report.Test.Overall.Frames);
        Assert.Equal(8, fit.Report.Train.Overall.VirialFrames + fit.Report.Test.Overall.VirialFrames);
        Assert.Contains("dropped observations: 1", fit.Report.ToText());
    }
}
