using Nestor.Atoms;
using Nestor.Potentials.LennardJones;
using Nestor.Sampling.Analysis;
using Xunit.Abstractions;

namespace Nestor.Sampling.Tests;

/// <summary>
/// reference-numbers.md A13 and 1.2: 64 Lennard-Jones atoms at P* = 0.03162, cutoff 3 sigma shifted (the pymatnest
/// periodic benchmark). The ground-state H/N is -7.91187 eps (hcp) or -7.90868 eps (fcc): the lowest sampled H/N
/// must approach it and never go below it. About 30 minutes on 2 cores, so it runs only when NESTOR_LONG_TESTS=1
/// (CI skips it with that reason); docs/nested-sampling.md has the measured result.
/// </summary>
public class Lj64EndPointTests(ITestOutputHelper output)
{
    private const double HcpGroundState = -7.91187, FccGroundState = -7.90868;

    [SkippableFact]
    public void LowestSampledEnthalpyApproachesTheClosePackedGroundState()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("NESTOR_LONG_TESTS") == "1",
            "64-atom LJ end point: a 30-minute run; set NESTOR_LONG_TESTS=1 to run it");
        using var dir = new TempDir();
        // eps = 1 eV, sigma = 1 A, so P* = 0.03162 eV/A^3; kB = 1 puts temperatures in eps units
        var o = new NestedSamplingOptions
        {
            Atoms = [new SpeciesCount("Ar", 64)], PressureGPa = 0.03162 / Units.GPa, KB = 1, Walkers = 128, WalkLength = 640,
            AtomTrajLength = 8, AtomSteps = 1, VolumeSteps = 16, ShearSteps = 8, StretchSteps = 8, MinAspectRatio = 0.65,
            MaxVolumePerAtom = 10, MinVolumePerAtom = 0.5, ConvergeDownToT = 0.02, Seed = 1, Threads = 2, ParallelWalks = 2,
            TrajInterval = 0, SnapshotInterval = 0, SnapshotSeconds = 0,
        };
        var prefix = dir.File("lj64");
        var sampler = new NestedSampler(o, new LennardJonesPotential(1, 1, 3, true), prefix);
        var result = sampler.Run();
        var f = EnergiesFile.Read(prefix + ".energies");
        double lowest = f.Enthalpies.Min() / 64;
        var phases = FinalWalkers.Phases(sampler.Paths.Snapshot);
        output.WriteLine($"{result.StopReason} after {result.Iterations} iterations; lowest sampled H/N {lowest:F5} eps; final walkers {string.Join(", ", phases.Select(e => $"{e.Key} {e.Value}"))}");
        Assert.Equal("converge_down_to_T", result.StopReason);
        Assert.True(lowest > HcpGroundState, $"lowest sampled H/N {lowest} is below the hcp ground state {HcpGroundState}: a bug");
        Assert.True(lowest < LowestAllowed, $"lowest sampled H/N {lowest} has not approached the ground state");
        _ = FccGroundState;
    }

    // 128 walkers freeze into close packing with defects (measured -7.7 eps, docs/nested-sampling.md): well below any
    // liquid, but not the +-0.005 eps of a converged run with thousands of walkers
    private const double LowestAllowed = -7.6;
}
