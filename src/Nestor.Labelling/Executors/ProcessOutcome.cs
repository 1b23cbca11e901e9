namespace Nestor.Labelling.Executors;

/// <summary>How an external program ended.</summary>
/// <param name="ExitCode">Exit status (-1 when it was killed or never started).</param>
/// <param name="TimedOut">True when it was killed at its time limit.</param>
/// <param name="Elapsed">Wall-clock time.</param>
/// <param name="StartError">Why it could not be started (program missing...), or null.</param>
public sealed record ProcessOutcome(int ExitCode, bool TimedOut, TimeSpan Elapsed, string? StartError)
{
    /// <summary>True when it ran to the end with status 0.</summary>
    public bool Ok => StartError is null && !TimedOut && ExitCode == 0;
}
