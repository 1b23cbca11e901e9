using Nestor.Fitting.Design;
using Nestor.Fitting.Reports;
using Nestor.Potentials;
using Nestor.Testing;

namespace Nestor.Fitting.Tests.Reports;

/// <summary>The report's error definitions against a published number.</summary>
public class PublishedErrorTests
{
    [SkippableFact]
    public void Cycle3ModelOnCycle3DataGivesThePapersRmse()
    {
        // Fletcher, Bartok, Partay (2025): the cycle-3 model, fitted without the cycle-3 data, was off by 3.96 meV/atom
        // RMS on those cycle-3 samples.
        var data = SharedData.Require("mg/cycle_3.edb.extxyz");
        var model = SharedData.Require("mg/models/cycle_3_o4_d14.json");
        var set = FrameSet.Load([data], new LabelKeys(), new FitWeights());
        Assert.Equal(390, set.Frames.Count);
        var e0 = new Dictionary<string, double> { ["Mg"] = -1688.821130128 };
        var stats = ErrorStatistics.Of(PotentialPredictions.Of(PotentialRegistry.Create("ace:" + model), set.Frames, e0));
        Assert.Equal(390, stats.EnergyFrames);
        Assert.InRange(stats.EnergyRmseMevPerAtom, 3.955, 3.965);
    }
}
