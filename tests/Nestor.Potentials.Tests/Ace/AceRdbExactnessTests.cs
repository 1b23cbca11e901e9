using Nestor.Potentials.Ace;
using Nestor.Testing;

namespace Nestor.Potentials.Tests.Ace;

/// <summary>
/// Every frame of the NS databases: the model energy equals ns_energy - ns_KE - ns_P V to 1e-6 eV per cell and the
/// committee spread equals the file's committee_std to 1e-6 relative (spec 13.2; frame 24 of cycle 1 is the one
/// documented exception, 3e-4 relative, cause unknown).
/// </summary>
public sealed class AceRdbExactnessTests
{
    [SkippableTheory]
    [InlineData("mg/models/cycle_3_o4_d14.json", "mg/cycle_3.rdb.extxyz", 390, -1)]
    [InlineData("mg/models/cycle_1_o4_d14.json", "mg/cycle_1.rdb.extxyz", 39, 24)]
    public void All_frames_match_the_file_implied_energy_and_committee_std(string model, string data, int count, int knownStdOutlier)
    {
        var pot = AcePotential.Load(SharedData.Require(model));
        var frames = RdbFrames.Read(SharedData.Require(data));
        Assert.Equal(count, frames.Count);
        var energyError = new double[count];
        var stdError = new double[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => (new PotentialResult(), new double[pot.CommitteeSize]),
            (f, _, state) =>
            {
                var (r, c) = state;
                pot.ComputeCommittee(frames[f].Structure, Quantities.Energy, r, c);
                energyError[f] = Math.Abs(r.Energy - frames[f].ImpliedEnergy);
                double std = frames[f].Number("committee_std");
                stdError[f] = Math.Abs(CommitteeSpread.PerCell(r.Energy, c) - std) / std;
                return state;
            }, _ => { });
        int worstE = Array.IndexOf(energyError, energyError.Max());
        Assert.True(energyError[worstE] <= 1e-6, $"frame {worstE}: |E - implied| = {energyError[worstE]:E3} eV");
        for (int f = 0; f < count; f++)
        {
            double tol = f == knownStdOutlier ? 1e-3 : 1e-6;
            Assert.True(stdError[f] <= tol, $"frame {f}: committee_std relative error {stdError[f]:E3}");
        }
    }
}
