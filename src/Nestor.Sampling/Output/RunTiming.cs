namespace Nestor.Sampling.Output;

/// <summary>
/// Where the time of one session of a run went (seconds). Wall-clock phases: initialising walkers, tuning step
/// sizes, walking, snapshots, and the serial rest (culling, writing samples). Inside the walks, thread seconds split
/// into the potential's evaluations, the engine's own work (moves, bookkeeping), and idle time of walk threads that
/// found neither a walk of the current iteration nor a speculative walk of the next one to run.
/// </summary>
public sealed record RunTiming
{
    /// <summary>Wall time of the session.</summary>
    public double WallSeconds { get; init; }
    /// <summary>Threads used.</summary>
    public int Threads { get; init; }
    /// <summary>Model calls in the session.</summary>
    public long ModelCalls { get; init; }
    /// <summary>Wall time creating the initial walkers.</summary>
    public double InitialiseSeconds { get; init; }
    /// <summary>Wall time tuning step sizes (trial moves on copies).</summary>
    public double TuneSeconds { get; init; }
    /// <summary>Wall time of the walks.</summary>
    public double WalkSeconds { get; init; }
    /// <summary>Wall time writing snapshots.</summary>
    public double SnapshotSeconds { get; init; }
    /// <summary>Wall time of everything else (culling, cloning, output, progress).</summary>
    public double SerialSeconds { get; init; }
    /// <summary>Thread time inside the potential (walks, tuning, initialisation).</summary>
    public double PotentialThreadSeconds { get; init; }
    /// <summary>Thread time of the walks outside the potential (moves, copies, random numbers).</summary>
    public double EngineThreadSeconds { get; init; }
    /// <summary>Thread time the walk threads waited for work (tuning excluded).</summary>
    public double IdleThreadSeconds { get; init; }
    /// <summary>Walks run speculatively, ahead of their iteration, and adopted.</summary>
    public long AdoptedWalks { get; init; }
    /// <summary>Speculative walks abandoned because their iteration's plan differed from the prediction.</summary>
    public long AbandonedWalks { get; init; }
    /// <summary>Model calls spent on abandoned walks (not counted in <see cref="ModelCalls"/>).</summary>
    public long AbandonedCalls { get; init; }

    /// <summary>Mean microseconds per model call spent in the potential.</summary>
    public double PotentialMicrosecondsPerCall => ModelCalls > 0 ? 1e6 * PotentialThreadSeconds / ModelCalls : double.NaN;
    /// <summary>Mean microseconds per model call of engine work (all but the potential, per thread).</summary>
    public double EngineMicrosecondsPerCall => ModelCalls > 0 ? 1e6 * (Threads * WallSeconds - PotentialThreadSeconds - IdleThreadSeconds) / ModelCalls : double.NaN;

    /// <summary>A few lines for the terminal.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{DescribeLines()}");

    private string DescribeLines()
    {
        double t = Math.Max(WallSeconds, 1e-12);
        string P(double x) => $"{100 * x / t:F1}%";
        return $"time: walks {WalkSeconds:F2} s ({P(WalkSeconds)}), tuning {TuneSeconds:F2} s ({P(TuneSeconds)}), initialising {InitialiseSeconds:F2} s, snapshots {SnapshotSeconds:F2} s, serial rest {SerialSeconds:F2} s ({P(SerialSeconds)})\n" +
               $"per model call: potential {PotentialMicrosecondsPerCall:F2} us, engine {EngineMicrosecondsPerCall:F2} us (thread time); threads idle in walks {IdleThreadSeconds:F2} thread-s\n" +
               $"speculative walks: {AdoptedWalks} adopted, {AbandonedWalks} abandoned ({AbandonedCalls} model calls)";
    }
}
