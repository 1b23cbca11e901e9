using System.IO.Compression;
using Nestor.Atoms;
using Nestor.Atoms.IO;
using Nestor.Labelling.Castep;
using Nestor.Testing;

namespace Nestor.Labelling.Tests;

/// <summary>
/// The CASTEP labeller's plumbing with a stand-in program (CASTEP itself is not installed): a script that writes a
/// real output of the paper as SEED.castep, or misbehaves.
/// </summary>
public sealed class CastepLabellerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nestor-castep-" + Guid.NewGuid().ToString("N")[..8]);

    public CastepLabellerTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private string FakeCastep(string body)
    {
        string path = Path.Combine(_dir, "fake-castep-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private (Structure Frame, string Output) Case(int index)
    {
        var zip = SharedData.Require("mg/castep_cycle_1_outputs.zip");
        var frame = ExtXyz.Read(SharedData.Require("mg/cycle_1.edb.extxyz")).ElementAt(index);
        using var z = ZipFile.OpenRead(zip);
        string output = Path.Combine(_dir, $"mg_{index:D4}.castep");
        z.GetEntry($"0-600GPa/mg_{index:D4}.castep")!.ExtractToFile(output);
        return (frame, output);
    }

    private LabelContext Ctx(TimeSpan? limit = null) => new(Path.Combine(_dir, "job-" + Guid.NewGuid().ToString("N")[..6]), 1, limit);

    [SkippableFact]
    public void LabelsComeFromTheCastepOutputInInputOrder()
    {
        var (frame, output) = Case(5);
        var lab = new CastepLabeller(new CastepSettings { Command = FakeCastep($"cp '{output}' \"$1.castep\"") });
        var ctx = Ctx();
        var r = lab.Label(frame, ctx);
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal((double)frame.Info["dft_energy"], r.Label!.Energy);
        Assert.Equal(frame.Arrays["dft_forces"].Reals!, r.Label.Forces);
        var w = (double[])frame.Info["dft_virial"];
        for (int k = 0; k < 9; k++) Assert.Equal(w[k], r.Label.Virial[k], 1e-12 * Math.Max(1, Math.Abs(w[k])));
        Assert.Equal("castep", r.Label.Source);
        Assert.Contains("%BLOCK POSITIONS_ABS", File.ReadAllText(Path.Combine(ctx.WorkDirectory, "castep.cell")));
        Assert.Contains("cut_off_energy : 700 eV", File.ReadAllText(Path.Combine(ctx.WorkDirectory, "castep.param")));

        // the same request with the atoms in another order: forces follow the atoms
        int n = frame.Count;
        var order = Enumerable.Range(0, n).Reverse().ToArray();
        var permuted = frame.Permute(order);
        var rp = lab.Label(permuted, Ctx());
        Assert.True(rp.Succeeded, rp.ToString());
        for (int k = 0; k < n; k++)
            for (int d = 0; d < 3; d++) Assert.Equal(r.Label.Forces[3 * order[k] + d], rp.Label!.Forces[3 * k + d]);
    }

    [SkippableFact]
    public void BrokenRunsAreClassified()
    {
        var (frame, output) = Case(0);
        var truncated = new CastepLabeller(new CastepSettings { Command = FakeCastep($"head -n 300 '{output}' > \"$1.castep\"") }).Label(frame, Ctx());
        Assert.Equal(FailureClass.Crashed, truncated.Failure);
        Assert.Contains("no forces block", truncated.Message);

        var err = new CastepLabeller(new CastepSettings { Command = FakeCastep("echo 'Error: cannot open pseudopotential' > \"$1.0001.err\"; exit 1") }).Label(frame, Ctx());
        Assert.Equal(FailureClass.Crashed, err.Failure);
        Assert.Contains("cannot open pseudopotential", err.Message);

        var missing = new CastepLabeller(new CastepSettings { Command = "/nonexistent/castep.serial" }).Label(frame, Ctx());
        Assert.Equal(FailureClass.Crashed, missing.Failure);
        Assert.Contains("cannot start", missing.Message);

        var slow = new CastepLabeller(new CastepSettings { Command = FakeCastep("sleep 30") }).Label(frame, Ctx(TimeSpan.FromMilliseconds(500)));
        Assert.Equal(FailureClass.TimedOut, slow.Failure);

        var noPseudo = new CastepLabeller(new CastepSettings { Pseudopotentials = new Dictionary<string, string> { ["Al"] = "Al.usp" } }).Label(frame, Ctx());
        Assert.Equal(FailureClass.InvalidInput, noPseudo.Failure);
    }
}
