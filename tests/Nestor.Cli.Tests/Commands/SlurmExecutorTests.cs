using System.Diagnostics;
using Nestor.Atoms;
using Nestor.Atoms.IO;
using Nestor.Labelling;
using Nestor.Labelling.Executors;
using Nestor.Labelling.Reference;
using Nestor.Labelling.Store;

namespace Nestor.Cli.Tests.Commands;

/// <summary>Slurm executor against a real local Slurm (slurmctld + slurmd + munge started by the fixture).</summary>
[Collection("slurm")]
public sealed class SlurmExecutorTests(SlurmTestCluster cluster) : IClassFixture<SlurmTestCluster>, IDisposable
{
    private readonly string _dir = Path.Combine("/tmp", "nestor-slurm-test-" + Guid.NewGuid().ToString("N")[..6]);
    private const string Spec = "lj:epsilon=0.1,sigma=2.6,cutoff=6.0";

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static List<Structure> Frames(int n)
    {
        var cell = new Cell(new Vec3(3.19, 0, 0), new Vec3(-1.595, 2.7626210381, 0), new Vec3(0, 0, 5.19));
        return Enumerable.Range(0, n).Select(i =>
        {
            var s = new Structure(["Mg", "Mg"], [0, 0, 0, 0.02 * i, 1.84174736, 2.595], cell);
            s.Info["i"] = (long)i;
            return s;
        }).ToList();
    }

    [SkippableFact]
    public void KilledDuringAnArrayTheRerunReattachesWithoutResubmitting()
    {
        cluster.Require();
        Directory.CreateDirectory(_dir);
        Environment.SetEnvironmentVariable("SLURM_CONF", cluster.Conf);
        string input = Path.Combine(_dir, "in.extxyz"), output = Path.Combine(_dir, "out.extxyz"), db = output + ".labels.db";
        var frames = Frames(5);
        ExtXyz.WriteFile(input, frames);
        string[] args = ["label", "--labeller", "reference", "--potential", Spec, "--input", input, "--output", output,
            "--executor", "slurm", "--jobs", "1", "--quiet"];

        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(typeof(NestorApp).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["SLURM_CONF"] = cluster.Conf;
        using var proc = Process.Start(psi)!;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromMinutes(2) && !proc.HasExited)
        {
            Thread.Sleep(200);
            if (!File.Exists(db)) continue;
            try
            {
                using var peek = new LabelStore(db);
                if (peek.Counts()[LabelStatus.Done] >= 1) break;
            }
            catch (Microsoft.Data.Sqlite.SqliteException) { }
        }
        Skip.If(proc.HasExited, "the first run finished before it could be killed");
        proc.Kill(entireProcessTree: false); // SIGKILL; the array keeps running in Slurm
        proc.WaitForExit();

        Assert.Equal(0, NestorApp.Run(args));
        Assert.Equal(5, ExtXyz.Read(output).Count());
        using var store = new LabelStore(db);
        var lab = ReferenceLabeller.FromSpec(Spec);
        var records = frames.Select(f => store.Get(LabelKey.Of(f, lab))!).ToList();
        Assert.All(records, r => Assert.Equal(LabelStatus.Done, r.Status));
        Assert.All(records, r => Assert.Equal(1, r.Attempts));
        // every element belongs to the one array submitted by the killed run: nothing was resubmitted
        var arrays = records.Select(r => r.JobId!.Split('_')[0]).Distinct().ToList();
        Assert.Single(arrays);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "out.extxyz.work"), "slurm-array-*.sh"));
    }

    [SkippableFact]
    public void ElementsWithoutAResultAreResubmittedThenClassified()
    {
        cluster.Require();
        Directory.CreateDirectory(_dir);
        Environment.SetEnvironmentVariable("SLURM_CONF", cluster.Conf);
        var lab = ReferenceLabeller.FromSpec(Spec);
        var ex = new SlurmExecutor(_ => "exit 5", jobs: 2) { MaxResubmits = 1, PollInterval = TimeSpan.FromMilliseconds(500) };
        using var store = new LabelStore(Path.Combine(_dir, "labels.db"));
        var s = new LabelRunner(lab, store, ex, Path.Combine(_dir, "work")).Run(Frames(2));
        Assert.Equal(0, s.Labelled);
        Assert.Equal(2, s.FailuresByClass()[FailureClass.Crashed]);
        Assert.Equal(2, ex.Submissions);
        Assert.Contains("without a result after 2 submissions", s.Items[0].Message);
    }
}
