using Nestor.Atoms;
using Nestor.Labelling.Executors;
using Nestor.Labelling.Store;

namespace Nestor.Labelling;

/// <summary>
/// Labels a list of structures through a store and an executor: every request is keyed (structure + labeller
/// settings); labels already done are reused and never recomputed; requests left "running" by a killed run are
/// rerun; failed ones are kept as failures unless <see cref="RetryFailed"/>. Each job works in its own directory
/// under <see cref="WorkRoot"/> (named by the key), where raw inputs and outputs stay.
/// </summary>
public sealed class LabelRunner(ILabeller labeller, LabelStore store, ILabelExecutor executor, string workRoot)
{
    /// <summary>Directory holding one subdirectory per job.</summary>
    public string WorkRoot { get; } = Path.GetFullPath(workRoot);

    /// <summary>Try failed requests again.</summary>
    public bool RetryFailed { get; init; }

    /// <summary>Labels <paramref name="structures"/>; duplicates are computed once.</summary>
    public LabelRunSummary Run(IReadOnlyList<Structure> structures, IProgress<LabelProgress>? progress = null, CancellationToken cancellation = default)
    {
        var keys = structures.Select(s => LabelKey.Of(s, labeller)).ToArray();
        for (int i = 0; i < structures.Count; i++)
            store.Ensure(keys[i], labeller.Name, labeller.SettingsFingerprint, structures[i].Formula());
        // jobs a killed run left queued or running on a batch system keep their job id, so the executor can re-attach
        var previous = new Dictionary<string, string>();
        foreach (var k in keys.Distinct())
            if (store.Get(k) is { Status: LabelStatus.Running, JobId: { } id }) previous[k] = id;
        store.ResetInterrupted();
        if (RetryFailed) store.ResetFailed();

        var jobs = new List<LabelJob>();
        var seen = new HashSet<string>();
        int done = 0, failed = 0;
        for (int i = 0; i < structures.Count; i++)
        {
            var rec = store.Get(keys[i])!;
            if (rec.Status == LabelStatus.Done) { done++; continue; }
            if (rec.Status == LabelStatus.Failed) { failed++; continue; }
            if (seen.Add(keys[i]))
                jobs.Add(new LabelJob(keys[i], i, structures[i], Path.Combine(WorkRoot, keys[i][..16]), previous.GetValueOrDefault(keys[i])));
        }
        int reused = done, running = 0, finishedHere = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var gate = new Lock();
        void Report()
        {
            TimeSpan? eta = null;
            if (finishedHere > 0)
            {
                int left = jobs.Count - finishedHere;
                eta = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / finishedHere * left);
            }
            progress?.Report(new LabelProgress(structures.Count, done, failed, running, eta));
        }
        Report();
        executor.Run(jobs, labeller,
            (job, jobId) =>
            {
                store.MarkRunning(job.Key, job.WorkDirectory, jobId);
                lock (gate) { running++; Report(); }
            },
            (job, result, elapsed) =>
            {
                store.Finish(job.Key, result, elapsed.TotalSeconds);
                lock (gate)
                {
                    running--; finishedHere++;
                    int copies = keys.Count(k => k == job.Key);
                    if (result.Succeeded) done += copies; else failed += copies;
                    Report();
                }
            }, cancellation);

        var items = new List<(Structure, DftLabel?, FailureClass, string)>();
        for (int i = 0; i < structures.Count; i++)
        {
            var rec = store.Get(keys[i])!;
            items.Add((structures[i], rec.Label, rec.Label is null ? rec.Failure : FailureClass.None, rec.Message));
        }
        return new LabelRunSummary(items, jobs.Count, reused);
    }
}
