namespace Nestor.Fitting.Design;

/// <summary>
/// Where the reference labels live in each frame: energy (eV, info), forces (eV/A, per-atom array of width 3),
/// virial (eV, info, 9 numbers row-major or 6 in Voigt order xx yy zz yz xz xy) and the configuration type (info).
/// Defaults are the keys of the Mg data (<c>dft_energy</c>, <c>dft_forces</c>, <c>dft_virial</c>).
/// </summary>
public sealed record LabelKeys
{
    /// <summary>Info key of the total energy (eV).</summary>
    public string Energy { get; init; } = "dft_energy";

    /// <summary>Per-atom array of the forces (eV/A).</summary>
    public string Forces { get; init; } = "dft_forces";

    /// <summary>Info key of the virial (eV).</summary>
    public string Virial { get; init; } = "dft_virial";

    /// <summary>Info key of the configuration type used for per-type weights and the report.</summary>
    public string ConfigType { get; init; } = "config_type";
}
