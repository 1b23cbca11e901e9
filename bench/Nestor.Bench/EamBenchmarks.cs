using BenchmarkDotNet.Attributes;
using Nestor.Atoms;
using Nestor.Potentials;

namespace Nestor.Bench;

/// <summary>BenchmarkDotNet view of one EAM energy+forces evaluation (allocation count included).</summary>
[MemoryDiagnoser]
public class EamBenchmarks
{
    private IPotential _pot = null!;
    private Structure _s = null!;
    private readonly PotentialResult _r = new();

    [Params(16, 128, 2000)]
    public int Atoms { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("NESTOR_EAM") ?? "/usr/share/lammps/potentials/Mg_mm.eam.fs";
        _pot = PotentialRegistry.Create("eam:" + path);
        _s = EamVsLammps.HcpWithAtoms(Atoms);
        var rng = new Random(1);
        for (int k = 0; k < _s.Positions.Length; k++) _s.Positions[k] += 0.05 * (rng.NextDouble() - 0.5);
        _pot.Compute(_s, Quantities.Forces, _r);
    }

    [Benchmark]
    public double EnergyAndForces()
    {
        _pot.Compute(_s, Quantities.Forces, _r);
        return _r.Energy;
    }
}
