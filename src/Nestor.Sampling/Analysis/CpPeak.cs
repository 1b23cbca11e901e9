namespace Nestor.Sampling.Analysis;

/// <summary>
/// A heat-capacity peak (a phase transition as NS sees it).
/// </summary>
/// <param name="T">Peak temperature, refined by a parabola through the grid maximum and its two neighbours.</param>
/// <param name="Cp">Cp at the grid maximum.</param>
/// <param name="Width">Full width at half height above the higher of the two minima bounding the peak.</param>
/// <param name="Prominence">Height of the maximum above the higher bounding minimum.</param>
public readonly record struct CpPeak(double T, double Cp, double Width, double Prominence);
