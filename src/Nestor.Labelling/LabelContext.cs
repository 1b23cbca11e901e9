namespace Nestor.Labelling;

/// <summary>
/// Where and how one labelling job runs: its own working directory (raw files stay there), the cores it may
/// use, a wall-clock time limit and a cancellation token.
/// </summary>
public sealed class LabelContext
{
    public LabelContext(string workDirectory, int cores = 1, TimeSpan? timeLimit = null, CancellationToken cancellation = default)
    {
        if (cores < 1) throw new ArgumentOutOfRangeException(nameof(cores), cores, "a job needs at least one core");
        if (timeLimit is { } t && t <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeLimit), "the time limit must be positive");
        WorkDirectory = Path.GetFullPath(workDirectory);
        Cores = cores; TimeLimit = timeLimit; Cancellation = cancellation;
    }

    /// <summary>The job's working directory (created when needed).</summary>
    public string WorkDirectory { get; }

    /// <summary>Cores (MPI ranks) the job may use.</summary>
    public int Cores { get; }

    /// <summary>Wall-clock limit for the whole job including retries, or null for none.</summary>
    public TimeSpan? TimeLimit { get; }

    /// <summary>Cancels the job (the running program is killed).</summary>
    public CancellationToken Cancellation { get; }
}
