using Nestor.Atoms;
using Nestor.Atoms.Build;
using Nestor.Potentials;
using Nestor.Potentials.Eam;
using Nestor.Sampling.Analysis;
using Nestor.Testing;
using Xunit.Abstractions;

namespace Nestor.Sampling.Tests;

/// <summary>
/// reference-numbers.md: the Wilson-Mendelev EAM's static ground state is hcp at 0 GPa, fcc at 10 GPa and bcc at
/// 60 GPa (hcp -> fcc at 5.1 GPa, fcc -> bcc at 39.7 GPa). A 16-atom NS run from the gas must crystallise into it,
/// shown two ways: the lowest sampled enthalpy per atom lies just above the ideal lattice's (which is the lowest of
/// the three lattices at that pressure), and the Steinhardt classifier names the final walkers' phase.
/// </summary>
public class MgCrystallisationTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData(0.0, "Hcp", 40.0)]
    [InlineData(10.0, "Fcc", 40.0)]
    [InlineData(60.0, "Bcc", 20.0)]
    public void SixteenAtomsCrystalliseIntoTheStaticGroundState(double gpa, string phase, double maxVolume)
    {
        var eamPath = SharedData.Require("mg/Mg1.eam.fs");
        var eam = EamPotential.Read(eamPath);
        var expected = Enum.Parse<LocalStructure>(phase);

        // ideal lattices, enthalpy per atom minimised over the lattice constant (and c/a for hcp)
        double p = gpa * Units.GPa;
        var ideal = new Dictionary<LocalStructure, double>
        {
            [LocalStructure.Hcp] = IdealLattices.HcpEnthalpy(eam, p),
            [LocalStructure.Fcc] = IdealLattices.CubicEnthalpy(eam, p, a => Lattices.FccCubic("Mg", a)),
            [LocalStructure.Bcc] = IdealLattices.CubicEnthalpy(eam, p, a => Lattices.BccCubic("Mg", a)),
        };
        foreach (var (k, h) in ideal) output.WriteLine($"{gpa} GPa ideal {k}: H/N = {h:F5} eV");
        Assert.Equal(expected, ideal.MinBy(e => e.Value).Key);

        using var dir = new TempDir();
        var o = new NestedSamplingOptions
        {
            Atoms = [new SpeciesCount("Mg", 16)], PressureGPa = gpa, Walkers = 64, WalkLength = 300, AtomTrajLength = 5,
            AtomSteps = 266, VolumeSteps = 384, ShearSteps = 299, StretchSteps = 299, MinAspectRatio = 0.65,
            MaxVolumePerAtom = maxVolume, KEmaxMaxT = gpa == 0 ? 3000 : -1, ConvergeDownToT = 200, Seed = 1,
            Threads = 2, ParallelWalks = 2, TrajInterval = 0, SnapshotInterval = 0, SnapshotSeconds = 0,
        };
        var prefix = dir.File("mg16");
        var sampler = new NestedSampler(o, eam, prefix);
        var result = sampler.Run();
        Assert.Equal("converge_down_to_T", result.StopReason);

        var f = EnergiesFile.Read(prefix + ".energies");
        double lowestSampled = f.Enthalpies.Min() / 16;
        var finals = FinalWalkers.Read(sampler.Paths.Snapshot);
        double lowestWalker = finals.Min(w => w.H) / 16;
        var phases = FinalWalkers.Phases(sampler.Paths.Snapshot);
        output.WriteLine($"{result.Iterations} iterations; lowest sampled H/N {lowestSampled:F5} eV, lowest walker {lowestWalker:F5} eV; phases {string.Join(", ", phases.Select(e => $"{e.Key} {e.Value}"))}");

        // never below the ground state; within 40 meV/atom of it (the walkers still carry KE and vibrations at ~200 K)
        double h0 = ideal[expected];
        Assert.True(lowestWalker > h0, $"lowest walker H/N {lowestWalker} below the ideal {phase} {h0}");
        Assert.True(lowestWalker < h0 + 0.04, $"lowest walker H/N {lowestWalker} is not near the ideal {phase} {h0}");
        // the crystal the walkers found is the expected one
        Assert.True(phases.GetValueOrDefault(expected) >= 48, $"only {phases.GetValueOrDefault(expected)} of 64 final walkers are {phase}");
    }
}

/// <summary>Static enthalpy per atom of ideal lattices at a pressure, minimised by golden-section search.</summary>
public static class IdealLattices
{
    /// <summary>min over a of (E + P V)/N for a cubic cell built by <paramref name="build"/>(a).</summary>
    public static double CubicEnthalpy(IPotential potential, double pressure, Func<double, Structure> build) =>
        Golden(a => Enthalpy(potential, pressure, build(a)), 2.0, 6.0);

    /// <summary>min over a and c/a of (E + P V)/N for hcp (2x2x2 cells).</summary>
    public static double HcpEnthalpy(IPotential potential, double pressure) =>
        Golden(ratio => Golden(a => Enthalpy(potential, pressure, Lattices.Hcp("Mg", a, ratio * a, 2, 2, 2)), 2.0, 4.5), 1.45, 1.80);

    private static double Enthalpy(IPotential potential, double pressure, Structure s)
    {
        var r = new PotentialResult();
        potential.Compute(s, Quantities.Energy, r);
        return (r.Energy + pressure * s.Cell.Volume) / s.Count;
    }

    private static double Golden(Func<double, double> f, double lo, double hi)
    {
        double g = (Math.Sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo), f1 = f(x1), f2 = f(x2);
        while (hi - lo > 1e-7)
        {
            if (f1 < f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - g * (hi - lo); f1 = f(x1); }
            else { lo = x1; x1 = x2; f1 = f2; x2 = lo + g * (hi - lo); f2 = f(x2); }
        }
        return Math.Min(f1, f2);
    }
}
