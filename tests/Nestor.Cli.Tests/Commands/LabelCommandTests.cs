using System.Diagnostics;
using Nestor.Atoms;
using Nestor.Atoms.IO;
using Nestor.Cli;
using Nestor.Labelling.Executors;
using Nestor.Labelling.QuantumEspresso;
using Nestor.Labelling.Store;
using Nestor.Potentials;
using Nestor.Testing;

namespace Nestor.Cli.Tests.Commands;

public sealed class LabelCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nestor-cli-label-" + Guid.NewGuid().ToString("N")[..8]);

    public LabelCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static Structure Hcp(double scale, double shift)
    {
        var cell = new Cell(new Vec3(3.19, 0, 0), new Vec3(-1.595, 2.7626210381, 0), new Vec3(0, 0, 5.19));
        var s = new Structure(["Mg", "Mg"], [0, 0, 0, 0, 1.84174736 + shift, 2.595], cell);
        s.SetCell(cell.Scale(scale), scaleAtoms: true);
        s.Info["config_name"] = $"hcp_{scale}_{shift}";
        return s;
    }

    [Fact]
    public void ReferenceLabelsAreWrittenMarkedAndReusedOnRerun()
    {
        string input = Path.Combine(_dir, "in.extxyz"), output = Path.Combine(_dir, "out.extxyz");
        ExtXyz.WriteFile(input, [Hcp(1.0, 0.1), Hcp(0.95, 0.0), Hcp(1.02, -0.2)]);
        const string spec = "lj:epsilon=0.1,sigma=2.6,cutoff=6.0";
        string[] args = ["label", "--labeller", "reference", "--potential", spec, "--input", input, "--output", output, "--quiet", "--energy-key", "ref_energy"];
        Assert.Equal(0, NestorApp.Run(args));
        var frames = ExtXyz.Read(output).ToList();
        Assert.Equal(3, frames.Count);
        var pot = PotentialRegistry.Create(spec);
        var r = new PotentialResult();
        pot.Compute(Hcp(0.95, 0.0), Quantities.Forces | Quantities.Virial, r);
        Assert.Equal(r.Energy, (double)frames[1].Info["ref_energy"], 12);
        Assert.Equal("reference:" + pot.Spec, frames[1].Info["label_source"]);
        Assert.Equal("hcp_0.95_0", frames[1].Info["config_name"]);
        Assert.Equal(3, frames[0].Arrays["dft_forces"].Width);
        // the second run computes nothing: the store has every label
        using (var store = new LabelStore(output + ".labels.db"))
            Assert.Equal(3, store.Counts()[LabelStatus.Done]);
        Assert.Equal(0, NestorApp.Run(args));
        using (var store = new LabelStore(output + ".labels.db"))
            Assert.All(frames, f => Assert.Equal(1, store.Get(LabelKey.Of(ExtXyz.Read(input).First(x => (string)x.Info["config_name"] == (string)f.Info["config_name"]),
                Nestor.Labelling.Reference.ReferenceLabeller.FromSpec(spec)))!.Attempts));
    }

    [Fact]
    public void FailedRequestsAreNotWrittenAndExitStatusIsOne()
    {
        string input = Path.Combine(_dir, "in.extxyz"), output = Path.Combine(_dir, "out.extxyz");
        var bad = Hcp(1.0, 0.0);
        bad.Positions[3] = 0.05; bad.Positions[4] = 0.0; bad.Positions[5] = 0.0; // on top of atom 1
        bad.Info["config_name"] = "overlap";
        ExtXyz.WriteFile(input, [Hcp(1.0, 0.1), bad, Hcp(1.02, -0.2)]);
        string[] args = ["label", "--labeller", "reference", "--potential", "lj:epsilon=0.1,sigma=2.6,cutoff=6.0", "--input", input, "--output", output, "--quiet"];
        Assert.Equal(1, NestorApp.Run(args));
        var frames = ExtXyz.Read(output).ToList();
        Assert.Equal(2, frames.Count);
        Assert.DoesNotContain(frames, f => (string)f.Info["config_name"] == "overlap");
        using var store = new LabelStore(output + ".labels.db");
        Assert.Equal(1, store.FailuresByClass()[Nestor.Labelling.FailureClass.InvalidInput]);
    }

    [Fact]
    public void UserErrorsExitWithCodeTwo()
    {
        string empty = Path.Combine(_dir, "empty.extxyz");
        File.WriteAllText(empty, "");
        Assert.Equal(2, NestorApp.Run(["label", "--labeller", "reference", "--potential", "lj:epsilon=0.1,sigma=2.6,cutoff=6", "--input", empty, "--output", Path.Combine(_dir, "o.extxyz")]));
        Assert.Equal(2, NestorApp.Run(["label", "--labeller", "qe", "--config", Path.Combine(_dir, "missing.toml"), "--input", empty, "--output", Path.Combine(_dir, "o.extxyz")]));
        string bad = Path.Combine(_dir, "bad.toml");
        File.WriteAllText(bad, "ecutwfc = 20\nkspacing = 0.3\nfoo = 1\n");
        Assert.Equal(2, NestorApp.Run(["label", "--labeller", "qe", "--config", bad, "--input", empty, "--output", Path.Combine(_dir, "o.extxyz")]));
        Assert.Equal(2, NestorApp.Run(["label", "--labeller", "reference", "--potential", "nosuch:x", "--input", empty, "--output", Path.Combine(_dir, "o.extxyz")]));
    }

    [SkippableFact]
    public void KillMinus9DuringQeLabellingThenRerunResumes()
    {
        Skip.If(ProcessRunner.Which("pw.x") is null || ProcessRunner.Which("ld1.x") is null, "pw.x/ld1.x not installed (apt-get install quantum-espresso)");
        var ld1 = SharedData.Require("qe/Mg.pbe-n-nc.ld1.in");
        Ld1Pseudopotential.Generate(ld1, Path.Combine(_dir, "pseudo"));
        string toml = Path.Combine(_dir, "qe.toml");
        File.WriteAllText(toml, "pseudo_dir = \"pseudo\"\necutwfc = 16\necutrho = 64\nkspacing = 0.45\n[pseudopotentials]\nMg = \"Mg.pbe-n-nc.UPF\"\n");
        string input = Path.Combine(_dir, "in.extxyz"), output = Path.Combine(_dir, "out.extxyz");
        var inputs = Enumerable.Range(0, 6).Select(i => Hcp(0.97 + 0.01 * i, 0.05 * i)).ToList();
        ExtXyz.WriteFile(input, inputs);
        string[] args = ["label", "--labeller", "qe", "--config", toml, "--input", input, "--output", output, "--quiet"];

        // a separate nestor process, killed with SIGKILL once at least one label is done and before all are
        var dll = typeof(NestorApp).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var proc = Process.Start(psi)!;
        string db = output + ".labels.db";
        var sw = Stopwatch.StartNew();
        int doneAtKill = 0;
        while (sw.Elapsed < TimeSpan.FromMinutes(3) && !proc.HasExited)
        {
            Thread.Sleep(200);
            if (!File.Exists(db)) continue;
            try
            {
                using var peek = new LabelStore(db);
                doneAtKill = peek.Counts()[LabelStatus.Done];
            }
            catch (Microsoft.Data.Sqlite.SqliteException) { continue; }
            if (doneAtKill >= 1) break;
        }
        Skip.If(proc.HasExited, "the first run finished before it could be killed (machine too fast for this test)");
        proc.Kill(entireProcessTree: false); // SIGKILL, like kill -9
        proc.WaitForExit();
        Assert.False(File.Exists(output));

        Assert.Equal(0, NestorApp.Run(args));
        var frames = ExtXyz.Read(output).ToList();
        Assert.Equal(6, frames.Count);
        using var store = new LabelStore(db);
        Assert.Equal(6, store.Counts()[LabelStatus.Done]);
        var lab = new QeLabeller(QeSettingsReader.FromTable(Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(File.ReadAllText(toml))!, toml, _dir));
        int firstTry = inputs.Count(s => store.Get(LabelKey.Of(s, lab))!.Attempts == 1);
        // labels finished before the kill were not recomputed; at most the interrupted ones ran twice
        Assert.True(firstTry >= 5, $"{firstTry} of 6 labels ran once");
        Assert.All(frames, f => Assert.Equal("qe", f.Info["label_source"]));
    }
}
