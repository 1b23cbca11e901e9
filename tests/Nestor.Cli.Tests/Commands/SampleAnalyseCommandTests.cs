using Nestor.Atoms.IO;
using Nestor.Cli;

namespace Nestor.Cli.Tests.Commands;

public sealed class SampleAnalyseCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nestor-cli-ns-" + Guid.NewGuid().ToString("N")[..8]);

    public SampleAnalyseCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public void TomlRunThenAnalyse()
    {
        string toml = Path.Combine(_dir, "run.toml");
        string prefix = Path.Combine(_dir, "lj8");
        File.WriteAllText(toml, $"""
            potential = "lj:epsilon=0.0104,sigma=3.4,cutoff=8.5,shift=true"
            atoms = "Ar:8"
            pressure = 0.5
            n_walkers = 32
            n_model_calls_expected = 16
            atom_traj_len = 4
            n_iter = 120
            seed = 7
            MC_cell_min_aspect_ratio = 0.65
            max_volume_per_atom = 200
            traj_interval = 5
            out = "{prefix}"
            """);
        Assert.Equal(0, NestorApp.Run(["sample", "--config", toml, "--threads", "2"]));
        var lines = File.ReadAllLines(prefix + ".energies");
        Assert.Equal("32 1 0 False 8", lines[0]);
        Assert.Equal(121, lines.Length);
        // the trajectory is readable extxyz with pymatnest's info keys
        var frames = ExtXyz.Read(prefix + ".traj.extxyz").ToList();
        Assert.Equal(24, frames.Count);
        foreach (var key in new[] { "ns_energy", "ns_KE", "ns_P", "volume", "iter", "config_type", "KEmax" })
            Assert.True(frames[0].Info.ContainsKey(key), $"missing info key {key}");
        Assert.Equal(8, frames[0].Count);
        // rerun: nothing to do, files unchanged
        var before = File.ReadAllBytes(prefix + ".energies");
        Assert.Equal(0, NestorApp.Run(["sample", "--config", toml]));
        Assert.Equal(before, File.ReadAllBytes(prefix + ".energies"));

        Assert.Equal(0, NestorApp.Run(["analyse", prefix + ".energies", "--tmin", "50", "--tmax", "2000", "--dt", "50", "--quiet"]));
        var csv = File.ReadAllLines(prefix + ".analysis.csv");
        Assert.StartsWith("T,log_Z,F,U,S,Cp,V", csv[0]);
        Assert.Equal(41, csv.Length); // header + 40 temperatures
        Assert.True(File.Exists(prefix + ".analysis.Cp.png"));
        Assert.True(File.Exists(prefix + ".analysis.V.png"));
        Assert.Equal(25, File.ReadAllLines(prefix + ".traj_temperatures.csv").Length);
    }

    [Fact]
    public void BadInputIsExitCode2()
    {
        string prefix = Path.Combine(_dir, "bad");
        string[] common = ["--potential", "lj:epsilon=0.01,sigma=3.4,cutoff=8.5", "--atoms", "Ar:4", "--walkers", "16", "--walk-length", "8", "--n-iter", "5", "--out", prefix];
        Assert.Equal(2, NestorApp.Run(["sample", .. common, "--pressure", "1"]));                  // no seed
        Assert.Equal(2, NestorApp.Run(["sample", .. common, "--pressure", "x", "--seed", "1"]));   // not a number
        Assert.Equal(2, NestorApp.Run(["sample", .. common, "--pressure", "1", "--seed", "1", "--cell", "1 2"]));
        Assert.Equal(2, NestorApp.Run(["sample", .. common, "--pressure", "1", "--seed", "1", "--atom-algorithm", "XY"]));
        string toml = Path.Combine(_dir, "bad.toml");
        File.WriteAllText(toml, "n_walkerz = 3\n");
        Assert.Equal(2, NestorApp.Run(["sample", "--config", toml]));
        Assert.Equal(2, NestorApp.Run(["analyse", Path.Combine(_dir, "missing.energies"), "--tmin", "1", "--tmax", "2", "--dt", "1"]));
    }
}
