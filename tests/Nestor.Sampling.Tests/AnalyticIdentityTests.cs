using Nestor.Sampling.Analysis;
using Nestor.Sampling.Tests.Doubles;

namespace Nestor.Sampling.Tests;

/// <summary>reference-numbers.md A4-A6: exact NS identities on potentials whose phase volume is known.</summary>
public class AnalyticIdentityTests
{
    private static double Slope(IReadOnlyList<double> y, int from)
    {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int i = from; i < y.Count; i++, m++)
        {
            double x = i;
            sx += x; sy += y[i]; sxx += x * x; sxy += x * y[i];
        }
        return (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }

    [Fact]
    public void HarmonicWellSlopeAndHeatCapacity()
    {
        using var dir = new TempDir();
        const int atoms = 2, k = 200;
        var o = new NestedSamplingOptions
        {
            Atoms = [new SpeciesCount("Ar", atoms)], Walkers = k, Cull = 1, WalkLength = 40, NIter = 6000, Seed = 12,
            AtomAlgorithm = AtomAlgorithm.MC, AtomTrajLength = 1, FixedCell = [10, 0, 0, 0, 10, 0, 0, 0, 10],
            TrajInterval = 0, SnapshotInterval = 0, SnapshotSeconds = 0, Threads = 1, McAtomStep = 0.01,
        };
        var prefix = dir.File("hw");
        new NestedSampler(o, new HarmonicWell(1.0), prefix).Run();
        var f = EnergiesFile.Read(prefix + ".energies");
        Assert.Equal(6000, f.Count);
        Assert.Equal(3 * atoms, f.ExtraDof);
        // skip the first 500 samples (initial walkers reach outside the well's ball inside the box)
        var logE = f.Enthalpies.Select(x => Math.Log(x)).ToArray();
        double slope = Slope(logE, 1000);
        double expected = -2.0 / (k * 3 * atoms);
        Assert.True(Math.Abs(slope / expected - 1) < 0.05, $"slope {slope}, expected {expected}");
        // configurational Cv = D kB / 2 (kB = 1), averaged over temperatures whose mean energy D T/2 lies well inside
        // the sampled range (a single NS run's Cv carries a few per cent of statistical noise)
        var energies = f.Enthalpies;
        var analysis = new ThermoAnalysis(f, kB: 1.0);
        double sum = 0;
        int m = 0;
        for (int n = 2000; n <= 4000; n += 250, m++)
            sum += analysis.At(2 * energies[n] / (3 * atoms)).Cp - 3 * atoms / 2.0;
        double cConf = sum / m;
        Assert.True(Math.Abs(cConf / (3 * atoms / 2.0) - 1) < 0.05, $"Cv_conf {cConf}, expected {3 * atoms / 2.0}");
    }

    [Fact]
    public void MdHarmonicWellIncludesKineticEnergy()
    {
        // with MD walks H = U + KE has 6N quadratic degrees of freedom below KEmax: slope -2/(K 6N)
        using var dir = new TempDir();
        const int atoms = 2, k = 100;
        var o = new NestedSamplingOptions
        {
            Atoms = [new SpeciesCount("Ar", atoms)], Walkers = k, Cull = 1, WalkLength = 40, NIter = 4000, Seed = 5,
            AtomAlgorithm = AtomAlgorithm.MD, AtomTrajLength = 4, FixedCell = [10, 0, 0, 0, 10, 0, 0, 0, 10],
            KEmaxMaxT = 1e7, TrajInterval = 0, SnapshotInterval = 0, SnapshotSeconds = 0, Threads = 1, MdTimestep = 0.05,
        };
        var prefix = dir.File("md");
        new NestedSampler(o, new HarmonicWell(1.0), prefix).Run();
        var f = EnergiesFile.Read(prefix + ".energies");
        Assert.Equal(0, f.ExtraDof);
        double slope = Slope(f.Enthalpies.Select(x => Math.Log(x)).ToArray(), 1000);
        double expected = -2.0 / (k * 6 * atoms);
        Assert.True(Math.Abs(slope / expected - 1) < 0.05, $"slope {slope}, expected {expected}");
    }

    [Fact]
    public void IdealGasSlope()
    {
        using var dir = new TempDir();
        const int atoms = 4, k = 100;
        var o = new NestedSamplingOptions
        {
            Atoms = [new SpeciesCount("Ar", atoms)], Walkers = k, Cull = 1, WalkLength = 30, NIter = 3000, Seed = 3,
            AtomAlgorithm = AtomAlgorithm.MC, AtomSteps = 0, VolumeSteps = 1, ShearSteps = 0, StretchSteps = 0,
            PressureGPa = 1, MaxVolumePerAtom = 1000, MinVolumePerAtom = 1e-3, CellShapeEquilSteps = 10,
            TrajInterval = 0, SnapshotInterval = 0, SnapshotSeconds = 0, Threads = 1,
        };
        var prefix = dir.File("ig");
        new NestedSampler(o, new ZeroPotential(), prefix).Run();
        var f = EnergiesFile.Read(prefix + ".energies");
        double slope = Slope(f.Enthalpies.Select(x => Math.Log(x)).ToArray(), 0);
        double expected = -1.0 / (k * (atoms + 1));
        Assert.True(Math.Abs(slope / expected - 1) < 0.05, $"slope {slope}, expected {expected}");
    }
}
