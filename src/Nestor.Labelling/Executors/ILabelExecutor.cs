namespace Nestor.Labelling.Executors;

/// <summary>Runs labelling jobs somewhere (this machine, a cluster) and reports each start and outcome.</summary>
public interface ILabelExecutor
{
    /// <summary>Short name (<c>local</c>, <c>slurm</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Runs every job; calls <paramref name="started"/> when a job is started or submitted (with the executor's job
    /// id, e.g. a Slurm array element, or null) and <paramref name="finished"/> with its result and wall time.
    /// Callbacks may come from several threads. Cancellation stops waiting (local jobs are killed) and throws.
    /// </summary>
    void Run(IReadOnlyList<LabelJob> jobs, ILabeller labeller, Action<LabelJob, string?> started,
        Action<LabelJob, LabelResult, TimeSpan> finished, CancellationToken cancellation = default);
}
