namespace Nestor.Sampling;

/// <summary>How a call to <see cref="NestedSampler.Run"/> ended.</summary>
/// <param name="Iterations">Total iterations done (including earlier sessions).</param>
/// <param name="StopReason">Why it stopped: n_iter, converge_down_to_T, cancelled or already finished.</param>
/// <param name="AlreadyFinished">True when the run had finished before and nothing was done.</param>
/// <param name="Resumed">True when the run continued from a snapshot.</param>
/// <param name="ModelCalls">Potential evaluations in this session.</param>
/// <param name="WallSeconds">Wall time of this session.</param>
/// <param name="Timing">Where the time of this session went (null when nothing was done).</param>
public sealed record NsRunResult(long Iterations, string StopReason, bool AlreadyFinished, bool Resumed, long ModelCalls, double WallSeconds,
    Output.RunTiming? Timing = null);
