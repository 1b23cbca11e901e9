namespace Nestor.Sampling.Analysis;

/// <summary>
/// Thermodynamic quantities at one temperature, as ns_analyse prints them. Energies in the unit of the
/// .energies file (eV), T in the unit set by kB (K with the default kB).
/// </summary>
/// <param name="T">Temperature.</param>
/// <param name="LogZ">log of the partition function (relative to the prior volume).</param>
/// <param name="F">Free energy -log Z / beta + nExtraDOF/(2 beta) (Gibbs at constant pressure).</param>
/// <param name="S">Entropy in units of kB: (U - F)/(kB T).</param>
/// <param name="U">Mean enthalpy, including nExtraDOF kT/2.</param>
/// <param name="Cp">Heat capacity at constant pressure (energy per temperature).</param>
/// <param name="LowIndex">First sample whose weight exceeds a tenth of the largest.</param>
/// <param name="ModeIndex">Sample with the largest weight.</param>
/// <param name="HighIndex">Last sample whose weight exceeds a tenth of the largest.</param>
/// <param name="ZFraction">Weight fraction between LowIndex and HighIndex.</param>
/// <param name="V">Mean volume (NaN when the file has no volumes).</param>
/// <param name="ThermalExpansion">Volumetric thermal expansion coefficient as ns_analyse computes it (NaN without volumes).</param>
public readonly record struct ThermoRow(
    double T, double LogZ, double F, double S, double U, double Cp,
    int LowIndex, int ModeIndex, int HighIndex, double ZFraction, double V, double ThermalExpansion);
