namespace Nestor.Atoms;

/// <summary>
/// Physical constants and unit conversions. User-facing files use eV, Angstrom, GPa and K;
/// internally pressure and stress are in eV/A^3.
/// </summary>
public static class Units
{
    /// <summary>1 GPa expressed in eV/A^3.</summary>
    public const double GPa = 0.0062415091;

    /// <summary>1 eV/A^3 expressed in GPa (the inverse of <see cref="GPa"/>).</summary>
    public const double EvPerA3InGPa = 1.0 / GPa;

    /// <summary>Boltzmann constant in eV/K (CODATA 2018).</summary>
    public const double KB = 8.617333262e-5;

    /// <summary>1 Rydberg in eV (CODATA 2018).</summary>
    public const double Rydberg = 13.605693122994;

    /// <summary>1 Hartree in eV (CODATA 2018).</summary>
    public const double Hartree = 27.211386245988;

    /// <summary>1 bohr in Angstrom (CODATA 2018).</summary>
    public const double Bohr = 0.529177210903;

    /// <summary>1 atomic mass unit (dalton) in kg (CODATA 2018).</summary>
    public const double AmuKg = 1.66053906660e-27;

    /// <summary>1 eV in J (exact).</summary>
    public const double EvJ = 1.602176634e-19;

    /// <summary>
    /// The time unit of the (eV, Angstrom, amu) system in femtoseconds: sqrt(amu A^2 / eV) = 10.1805... fs.
    /// Velocities in Nestor are A per this unit, as in ASE.
    /// </summary>
    public static readonly double TimeUnitFs = Math.Sqrt(AmuKg * 1e-20 / EvJ) * 1e15;

    /// <summary>Converts a pressure from GPa to eV/A^3.</summary>
    public static double GPaToEvPerA3(double gpa) => gpa * GPa;

    /// <summary>Converts a pressure from eV/A^3 to GPa.</summary>
    public static double EvPerA3ToGPa(double p) => p / GPa;
}
