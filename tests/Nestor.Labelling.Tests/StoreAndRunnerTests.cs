using System.Collections.Concurrent;
using Nestor.Atoms;
using Nestor.Labelling.Executors;
using Nestor.Labelling.Reference;
using Nestor.Labelling.Store;

namespace Nestor.Labelling.Tests;

public sealed class StoreAndRunnerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nestor-store-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    /// <summary>Counts calls, records concurrency and fails structures with a marker.</summary>
    private sealed class CountingLabeller(ILabeller inner, int sleepMs = 0) : ILabeller
    {
        public readonly ConcurrentBag<int> Cores = [];
        public int Calls;
        private int _now;
        public int MaxConcurrent;
        public string Name => inner.Name;
        public string SettingsFingerprint => inner.SettingsFingerprint;
        public LabelResult Label(Structure s, LabelContext c)
        {
            Interlocked.Increment(ref Calls);
            int now = Interlocked.Increment(ref _now);
            lock (Cores) MaxConcurrent = Math.Max(MaxConcurrent, now);
            Cores.Add(c.Cores);
            Thread.Sleep(sleepMs);
            Interlocked.Decrement(ref _now);
            if (s.Info.ContainsKey("fail")) return LabelResult.Fail(FailureClass.ScfNotConverged, "marked to fail");
            return inner.Label(s, c);
        }
    }

    private static List<Structure> Inputs(int n)
    {
        var list = new List<Structure>();
        for (int i = 0; i < n; i++) list.Add(ReferenceLabellerTests.Fcc(seed: i + 1));
        return list;
    }

    private static ILabeller Lj() => ReferenceLabeller.FromSpec("lj:epsilon=0.1,sigma=2.5,cutoff=6.0");

    [Fact]
    public void KeysDependOnStructureAndSettings()
    {
        var a = ReferenceLabellerTests.Fcc(seed: 1);
        Assert.Equal(LabelKey.Of(a, "x"), LabelKey.Of(a.Clone(), "x"));
        Assert.NotEqual(LabelKey.Of(a, "x"), LabelKey.Of(a, "y"));
        var b = a.Clone(); b.Positions[0] += 1e-12;
        Assert.NotEqual(LabelKey.Of(a, "x"), LabelKey.Of(b, "x"));
    }

    [Fact]
    public void FinishedLabelsAreNeverRecomputedAndFailuresAreClassified()
    {
        var inputs = Inputs(6);
        inputs[4].Info["fail"] = true;
        var lab = new CountingLabeller(Lj());
        using (var store = new LabelStore(Path.Combine(_dir, "labels.db")))
        {
            var s1 = new LabelRunner(lab, store, new LocalExecutor(2), Path.Combine(_dir, "work")).Run(inputs);
            Assert.Equal(5, s1.Labelled);
            Assert.Equal(6, s1.Computed);
            Assert.Equal(1, s1.FailuresByClass()[FailureClass.ScfNotConverged]);
            Assert.Null(s1.Items[4].Label);
            Assert.Equal(5, s1.LabelledStructures(LabelKeys.Default).Count);
        }
        // reopen (a new process would do the same): nothing is recomputed, failures stay failures
        using (var store = new LabelStore(Path.Combine(_dir, "labels.db")))
        {
            var s2 = new LabelRunner(lab, store, new LocalExecutor(2), Path.Combine(_dir, "work")).Run(inputs);
            Assert.Equal(6, lab.Calls);
            Assert.Equal(0, s2.Computed);
            Assert.Equal(5, s2.Reused);
            Assert.Equal(5, s2.Labelled);
            var rec = store.Get(LabelKey.Of(inputs[0], lab))!;
            Assert.Equal(LabelStatus.Done, rec.Status);
            Assert.Equal(1, rec.Attempts);
            Assert.NotNull(rec.Started);
            Assert.NotNull(rec.Finished);
            Assert.Equal(s2.Items[0].Label!.Forces, rec.Label!.Forces);
            Assert.Equal(1, store.FailuresByClass()[FailureClass.ScfNotConverged]);
            // asked to, the failed one is tried again (and fails again)
            var s3 = new LabelRunner(lab, store, new LocalExecutor(1), Path.Combine(_dir, "work")) { RetryFailed = true }.Run(inputs);
            Assert.Equal(1, s3.Computed);
            Assert.Equal(2, store.Get(LabelKey.Of(inputs[4], lab))!.Attempts);
        }
    }

    [Fact]
    public void InterruptedJobsAreRerunAfterAKill()
    {
        var inputs = Inputs(4);
        var lab = new CountingLabeller(Lj());
        var db = Path.Combine(_dir, "labels.db");
        using (var store = new LabelStore(db))
        {
            // a previous run finished input 0 and was killed while input 1 was running
            new LabelRunner(lab, store, new LocalExecutor(1), Path.Combine(_dir, "work")).Run([inputs[0]]);
            var k1 = LabelKey.Of(inputs[1], lab);
            store.Ensure(k1, lab.Name, lab.SettingsFingerprint, "Ar4");
            store.MarkRunning(k1, Path.Combine(_dir, "work", "x"));
            Assert.Equal(1, store.Counts()[LabelStatus.Running]);
        }
        using (var store = new LabelStore(db))
        {
            var s = new LabelRunner(lab, store, new LocalExecutor(2), Path.Combine(_dir, "work")).Run(inputs);
            Assert.Equal(3, s.Computed);
            Assert.Equal(1, s.Reused);
            Assert.Equal(4, s.Labelled);
            Assert.Equal(4, lab.Calls);
            Assert.Equal(2, store.Get(LabelKey.Of(inputs[1], lab))!.Attempts);
            Assert.Equal(4, store.Counts()[LabelStatus.Done]);
        }
    }

    [Fact]
    public void LocalExecutorRunsNJobsAtOnceWithMCores()
    {
        var lab = new CountingLabeller(Lj(), sleepMs: 150);
        using var store = new LabelStore(Path.Combine(_dir, "labels.db"));
        var progress = new List<LabelProgress>();
        var s = new LabelRunner(lab, store, new LocalExecutor(3, 2), Path.Combine(_dir, "work"))
            .Run(Inputs(9), new SyncProgress(progress));
        Assert.Equal(9, s.Labelled);
        Assert.Equal(3, lab.MaxConcurrent);
        Assert.All(lab.Cores, c => Assert.Equal(2, c));
        Assert.Equal(9, progress[^1].Done);
        Assert.Equal(0, progress[^1].Running);
        Assert.Contains(progress, p => p.Running == 3);
    }

    private sealed class SyncProgress(List<LabelProgress> sink) : IProgress<LabelProgress>
    {
        public void Report(LabelProgress value) { lock (sink) sink.Add(value); }
    }

    [Fact]
    public void ProcessRunnerKillsAtTheTimeLimit()
    {
        Directory.CreateDirectory(_dir);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var o = ProcessRunner.Run("sleep", ["20"], _dir, Path.Combine(_dir, "o"), Path.Combine(_dir, "e"), TimeSpan.FromMilliseconds(300));
        Assert.True(o.TimedOut);
        Assert.False(o.Ok);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15));
        var missing = ProcessRunner.Run("no-such-program-xyz", [], _dir, Path.Combine(_dir, "o"), Path.Combine(_dir, "e"));
        Assert.NotNull(missing.StartError);
    }
}
