namespace Nestor.Sampling;

/// <summary>A progress report of a running sampler.</summary>
/// <param name="Iteration">Iterations done.</param>
/// <param name="Emax">Current ceiling (eV).</param>
/// <param name="TEstimate">Temperature estimate from the fall of Emax (K; NaN early on).</param>
/// <param name="AcceptanceRates">Acceptance rates of atom, volume, shear, stretch moves since the previous report (NaN if unused).</param>
/// <param name="ModelCallsPerSecond">Potential evaluations per wall second since the previous report.</param>
/// <param name="ElapsedSeconds">Wall time of this session.</param>
/// <param name="SecondsLeft">Estimated time left (NaN when unknown, e.g. with converge_down_to_T).</param>
/// <param name="LowestH">Lowest walker NS energy (eV).</param>
public sealed record NsProgress(long Iteration, double Emax, double TEstimate, double[] AcceptanceRates,
    double ModelCallsPerSecond, double ElapsedSeconds, double SecondsLeft, double LowestH);
