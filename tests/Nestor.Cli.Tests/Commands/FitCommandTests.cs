using System.Text.Json.Nodes;
using Nestor.Atoms.IO;
using Nestor.Cli;
using Nestor.Fitting.Design;
using Nestor.Fitting.Reports;
using Nestor.Potentials;
using Nestor.Testing;

namespace Nestor.Cli.Tests.Commands;

/// <summary><c>nestor fit</c> on a few Mg frames with a small basis: outputs, report, model reload, bad input.</summary>
public sealed class FitCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nestor-cli-fit-" + Guid.NewGuid().ToString("N")[..8]);
    private const string E0 = "Mg=-1688.821130128";

    public FitCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    /// <summary>20 cycle-1 frames for training and 6 cycle-3 frames for testing, as small files.</summary>
    private (string Train, string Test) Data()
    {
        string train = Path.Combine(_dir, "train.extxyz"), test = Path.Combine(_dir, "test.extxyz");
        ExtXyz.WriteFile(train, ExtXyz.Read(SharedData.Require("mg/cycle_1.edb.extxyz")).Take(20).ToList());
        ExtXyz.WriteFile(test, ExtXyz.Read(SharedData.Require("mg/cycle_3.edb.extxyz")).Take(6).ToList());
        return (train, test);
    }

    private static readonly string[] Small = ["--order", "2", "--degree", "6", "--cutoff", "6.0", "--threads", "1"];

    [SkippableFact]
    public void FitWritesModelReportAndPlotsAndTheModelReproducesTheReport()
    {
        var (train, test) = Data();
        string model = Path.Combine(_dir, "mg.ace.json");
        int rc = NestorApp.Run(["fit", "--train", train, "--test", test, "--energy-key", "dft_energy", "--forces-key", "dft_forces",
            "--virial-key", "dft_virial", "--e0", E0, .. Small, "--weights", "9:1:1", "--solver", "blr", "--committee", "3",
            "--seed", "1", "--out", model]);
        Assert.Equal(0, rc);
        string stem = Path.Combine(_dir, "mg.ace");
        foreach (var f in new[] { model, stem + ".report.json", stem + ".report.txt", stem + ".energy.png", stem + ".forces.png", stem + ".virial.png" })
            Assert.True(File.Exists(f), f);
        Assert.Empty(Directory.EnumerateFiles(_dir, "*.tmp"));

        var report = JsonNode.Parse(File.ReadAllText(stem + ".report.json"))!;
        Assert.Equal(20, (int)report["train"]!["n_frames"]!);
        Assert.Equal(6, (int)report["test"]!["n_frames"]!);
        foreach (var set in new[] { "train", "test" })
            foreach (var k in new[] { "energy_rmse_mev_per_atom", "forces_rmse_ev_per_a", "virial_rmse_mev_per_atom" })
                Assert.True((double)report[set]![k]! > 0, $"{set}.{k}");
        Assert.StartsWith("blr,committee=3", (string)report["solver"]!);

        var json = JsonNode.Parse(File.ReadAllText(model))!;
        Assert.Equal("nestor-ace-model", (string?)json["format"]);
        var prov = json["provenance"]!;
        Assert.Equal(Path.GetFullPath(train), (string?)prov["train_files"]![0]);
        Assert.Equal("9:1:1", (string?)prov["weights"]!["default"]);
        Assert.Equal(1, (int)prov["seed"]!);
        Assert.False(string.IsNullOrEmpty((string?)prov["nestor_version"]));

        // the model loads as ace:PATH and gives the report's train errors
        var pot = PotentialRegistry.Create("ace:" + model);
        var frames = FrameSet.Load([train], new LabelKeys(), new FitWeights()).Frames;
        var e0 = new Dictionary<string, double> { ["Mg"] = -1688.821130128 };
        var stats = ErrorStatistics.Of(PotentialPredictions.Of(pot, frames, e0, 1));
        double eR = (double)report["train"]!["energy_rmse_mev_per_atom"]!, fR = (double)report["train"]!["forces_rmse_ev_per_a"]!;
        Assert.Equal(eR, stats.EnergyRmseMevPerAtom, 1e-6 * (1 + eR));
        Assert.Equal(fR, stats.ForcesRmseEvPerA, 1e-8);
        Assert.Equal((double)report["train"]!["virial_rmse_mev_per_atom"]!, stats.VirialRmseMevPerAtom, 1e-5);
    }

    [SkippableFact]
    public void TomlConfigIsReadAndFlagsOverrideIt()
    {
        var (train, _) = Data();
        string sub = Path.Combine(_dir, "cfg");
        Directory.CreateDirectory(sub);
        File.Copy(train, Path.Combine(sub, "frames.extxyz"));
        string toml = Path.Combine(sub, "fit.toml");
        File.WriteAllText(toml, """
            train = ["frames.extxyz"]
            test_fraction = 0.25
            e0 = { Mg = -1688.821130128 }
            order = 2
            degree = 6
            cutoff = 6.0
            weights = "30:1:1"
            solver = "qr"
            seed = 5
            threads = 1
            out = "from-toml.ace.json"
            """);
        Assert.Equal(0, NestorApp.Run(["fit", "--config", toml, "--solver", "svd", "--ridge", "1e-8"]));
        // paths in the file are relative to the file; the flag replaced the solver
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(sub, "from-toml.ace.report.json")))!;
        Assert.StartsWith("lsq:svd,ridge=1E-08", (string)report["solver"]!);
        Assert.Equal(15, (int)report["train"]!["n_frames"]!);
        Assert.Equal(5, (int)report["test"]!["n_frames"]!);
        var prov = JsonNode.Parse(File.ReadAllText(Path.Combine(sub, "from-toml.ace.json")))!["provenance"]!;
        Assert.Equal(0.25, (double)prov["test_fraction"]!);
        Assert.Equal(5, (int)prov["seed"]!);

        File.WriteAllText(toml, "train = [\"frames.extxyz\"]\nlearning_rate = 3\n");
        var err = Run(["fit", "--config", toml, "--e0", E0, "--out", Path.Combine(sub, "x.json")]);
        Assert.Equal(2, err.Code);
        Assert.Contains("unknown key 'learning_rate'", err.Message);
    }

    [SkippableFact]
    public void BadInputGivesExitCode2AndAClearMessage()
    {
        var (train, _) = Data();
        string outPath = Path.Combine(_dir, "bad.ace.json");
        string garbage = Path.Combine(_dir, "garbage.extxyz");
        File.WriteAllText(garbage, "2\nLattice=\"1 0 0 0 1 0 0 0 1\" Properties=species:S:1:pos:R:3\nMg 0 0\n");
        string[] Base(params string[] extra) => ["fit", "--train", train, .. Small, "--out", outPath, .. extra];
        (string[] Args, string Message)[] cases =
        [
            (Base("--e0", E0, "--energy-key", "nope"), "no usable training frames"),
            (Base("--e0", "Xx=-1.0"), "unknown element 'Xx'"),
            (Base("--e0", "Al=-1.0"), "--e0 gives Al, but the data holds only Mg"),
            (Base(), "--e0 Mg=EV"),
            (Base("--e0", E0, "--weights", "9:1"), "weights '9:1' must be E:F:V"),
            (Base("--e0", E0, "--weights", "9:x:1"), "'x' is not a non-negative number"),
            (Base("--e0", E0, "--solver", "lasso"), "unknown solver 'lasso'"),
            (["fit", "--train", train, "--e0", E0, "--order", "two", "--out", outPath], "--order: 'two' is not an integer"),
            (["fit", "--train", Path.Combine(_dir, "missing.extxyz"), "--e0", E0, "--out", outPath], "file not found"),
            (["fit", "--train", train, "--e0", E0], "--out"),
            (["fit", "--train", garbage, "--e0", E0, "--out", outPath], "garbage.extxyz"),
        ];
        foreach (var (args, message) in cases)
        {
            var r = Run(args);
            Assert.True(r.Code == 2, $"{string.Join(' ', args)} -> {r.Code}");
            Assert.Contains(message, r.Message);
            Assert.DoesNotContain('\n', r.Message.Trim());
        }
        Assert.False(File.Exists(outPath));
    }

    /// <summary>Runs the CLI and returns the exit code and the error line it printed.</summary>
    private static (int Code, string Message) Run(string[] args)
    {
        var old = Console.Error;
        var sw = new StringWriter();
        Console.SetError(sw);
        int code;
        try { code = NestorApp.Run(args); }
        finally { Console.SetError(old); }
        var line = sw.ToString().Split('\n').LastOrDefault(l => l.StartsWith("nestor: error:", StringComparison.Ordinal)) ?? sw.ToString();
        return (code, line);
    }
}
