using Nestor.Fitting.Bases;
using Nestor.Fitting.Design;
using Nestor.Fitting.Reports;
using Nestor.Testing;

namespace Nestor.Fitting.Tests;

/// <summary>
/// The whole pipeline on real DFT data (Mg cycle_1 + cycle_3, 429 frames, 0-600 GPa) with the pair-polynomial
/// baseline basis: read, validate, split, assemble, BLR with committee, report.
/// </summary>
public class MgPairFitTests
{
    private static readonly Dictionary<string, double> E0 = new() { ["Mg"] = -1688.821130128 };

    [SkippableFact]
    public void PairBaselineFitsRealDataConsistently()
    {
        var files = new[] { SharedData.Require("mg/cycle_1.edb.extxyz"), SharedData.Require("mg/cycle_3.edb.extxyz") };
        var set = FrameSet.Load(files, new LabelKeys(), new FitWeights());
        Assert.Equal(429, set.Frames.Count);
        Assert.Empty(set.Skipped);
        var (train, test) = set.Split(0.1, seed: 1);
        Assert.Equal(43, test.Count);
        var basis = new PairPolynomialBasis(["Mg"], 10, 8.2, 3.2);
        var fit = LinearFitter.Fit(basis, train, test, new FitOptions { E0 = E0, Committee = 4, Seed = 2 });
        var r = fit.Report;

        // the optimum is a MacKay fixed point
        Assert.True(r.SolverFigures["mackay_alpha_residual"] < 1e-6);
        Assert.True(r.SolverFigures["mackay_beta_residual"] < 1e-6);
        Assert.Equal(4, fit.Solution.Committee.Count);
        Assert.Equal(test.Count, r.Test.Overall.CommitteeFrames);
        Assert.True(r.Test.Overall.CommitteeRmsStdMevPerAtom > 0);

        // the report's predictions (design rows x c) agree with the fitted potential evaluated independently
        var direct = ErrorStatistics.Of(PotentialPredictions.Of(fit.Potential, test, E0));
        Assert.Equal(direct.EnergyRmseMevPerAtom, r.Test.Overall.EnergyRmseMevPerAtom, 6);
        Assert.Equal(direct.ForcesRmseEvPerA, r.Test.Overall.ForcesRmseEvPerA, 8);
        Assert.Equal(direct.VirialRmseMevPerAtom, r.Test.Overall.VirialRmseMevPerAtom, 6);

        // a pair potential is far better than the best constant energy per atom (std of E/N over the test set)
        var epa = test.Select(f => (f.Energy!.Value - f.Atoms * E0["Mg"]) / f.Atoms).ToArray();
        double mean = epa.Average();
        double spread = 1000 * Math.Sqrt(epa.Sum(e => (e - mean) * (e - mean)) / epa.Length);
        Assert.True(r.Test.Overall.EnergyRmseMevPerAtom < 0.05 * spread,
            $"test energy RMSE {r.Test.Overall.EnergyRmseMevPerAtom:F2} meV/atom vs spread {spread:F1} meV/atom");
        // forces: better than predicting zero force
        double f0 = Math.Sqrt(test.SelectMany(f => f.Forces!).Average(x => x * x));
        Assert.True(r.Test.Overall.ForcesRmseEvPerA < 0.5 * f0, $"force RMSE {r.Test.Overall.ForcesRmseEvPerA:F3} vs |F| rms {f0:F3}");
        Assert.Equal(train.Count, r.Train.ByConfigType.Sum(t => t.Errors.Frames));
        Assert.Equal(test.Count, r.Test.ByPressure.Sum(t => t.Errors.Frames));
    }
}
