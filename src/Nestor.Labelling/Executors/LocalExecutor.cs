using System.Diagnostics;

namespace Nestor.Labelling.Executors;

/// <summary>
/// Runs labelling jobs on this machine: at most <see cref="Jobs"/> at once, each allowed <see cref="CoresPerJob"/>
/// cores (MPI ranks for pw.x) and a wall-clock <see cref="TimeLimit"/> (the labeller kills its program at the limit
/// and reports <see cref="FailureClass.TimedOut"/>). Jobs x cores should not exceed the free cores: MPI ranks
/// busy-poll.
/// </summary>
public sealed class LocalExecutor : ILabelExecutor
{
    public LocalExecutor(int jobs = 1, int coresPerJob = 1, TimeSpan? timeLimit = null)
    {
        if (jobs < 1) throw new ArgumentOutOfRangeException(nameof(jobs), jobs, "at least one job at a time");
        if (coresPerJob < 1) throw new ArgumentOutOfRangeException(nameof(coresPerJob), coresPerJob, "at least one core per job");
        Jobs = jobs; CoresPerJob = coresPerJob; TimeLimit = timeLimit;
    }

    public string Name => "local";

    /// <summary>Jobs running at once.</summary>
    public int Jobs { get; }

    /// <summary>Cores per job.</summary>
    public int CoresPerJob { get; }

    /// <summary>Wall-clock limit per job (retries included), or null.</summary>
    public TimeSpan? TimeLimit { get; }

    public void Run(IReadOnlyList<LabelJob> jobs, ILabeller labeller, Action<LabelJob, string?> started,
        Action<LabelJob, LabelResult, TimeSpan> finished, CancellationToken cancellation = default)
    {
        // dedicated threads (not the thread pool): jobs block on external programs for minutes, and exactly
        // Jobs of them must run at once
        var queue = new System.Collections.Concurrent.ConcurrentQueue<LabelJob>(jobs);
        Exception? fault = null;
        void Worker()
        {
            try
            {
                while (!cancellation.IsCancellationRequested && Volatile.Read(ref fault) is null && queue.TryDequeue(out var job))
                {
                    started(job, null);
                    var sw = Stopwatch.StartNew();
                    LabelResult result;
                    try
                    {
                        result = labeller.Label(job.Structure, new LabelContext(job.WorkDirectory, CoresPerJob, TimeLimit, cancellation));
                    }
                    catch (OperationCanceledException) { throw; }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or ArgumentException)
                    {
                        result = LabelResult.Fail(FailureClass.Crashed, $"{e.GetType().Name}: {e.Message}");
                    }
                    finished(job, result, sw.Elapsed);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref fault, e, null);
            }
        }
        var threads = Enumerable.Range(0, Math.Min(Jobs, Math.Max(1, jobs.Count)))
            .Select(i => new Thread(Worker) { IsBackground = true, Name = "nestor-label-" + i }).ToList();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        if (fault is OperationCanceledException || cancellation.IsCancellationRequested) throw new OperationCanceledException(cancellation);
        if (fault is not null) throw new AggregateException("a labelling job failed unexpectedly", fault);
    }
}
