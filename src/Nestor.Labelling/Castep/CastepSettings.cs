namespace Nestor.Labelling.Castep;

/// <summary>
/// CASTEP single-point settings. Defaults are the paper's labels (../shared/data/mg/castep_cycle_3.param):
/// PBE, 700 eV, Gaussian smearing 0.2 eV, k-point spacing 0.015 1/A in CASTEP's convention (no 2 pi),
/// energy tolerance 1e-9 eV/atom, stress on, finite basis correction as in the paper's outputs.
/// </summary>
public sealed record CastepSettings
{
    public string XcFunctional { get; init; } = "PBE";
    /// <summary>Plane-wave cutoff (eV).</summary>
    public double CutoffEnergy { get; init; } = 700.0;
    /// <summary>Smearing width (eV).</summary>
    public double SmearingWidth { get; init; } = 0.2;
    /// <summary>Smearing scheme (CASTEP keyword: Gaussian, ColdSmearing, FermiDirac, ...).</summary>
    public string SmearingScheme { get; init; } = "Gaussian";
    /// <summary>Monkhorst-Pack spacing in CASTEP's convention (1/A, no 2 pi).</summary>
    public double KPointSpacing { get; init; } = 0.015;
    /// <summary>SCF energy tolerance (eV per atom).</summary>
    public double ElecEnergyTol { get; init; } = 1e-9;
    /// <summary>Maximum SCF cycles.</summary>
    public int MaxScfCycles { get; init; } = 150;
    /// <summary>Fine grid scale.</summary>
    public double FineGridScale { get; init; } = 4.0;
    /// <summary>CASTEP finite_basis_corr (0 none, 1 manual, 2 automatic).</summary>
    public int FiniteBasisCorr { get; init; } = 2;
    /// <summary>Optional pseudopotential per species (file name or on-the-fly string); empty = CASTEP's default.</summary>
    public IReadOnlyDictionary<string, string> Pseudopotentials { get; init; } = new Dictionary<string, string>();

    /// <summary>The CASTEP executable, run as <c>COMMAND SEED</c> in the job directory.</summary>
    public string Command { get; init; } = "castep.serial";

    /// <summary>MPI launcher for jobs with more than one core (<c>mpirun -np N COMMAND SEED</c>; use castep.mpi then).</summary>
    public string MpiCommand { get; init; } = "mpirun";

    /// <summary>Smallest allowed interatomic distance (A).</summary>
    public double MinDistance { get; init; } = StructureCheck.DefaultMinDistance;

    /// <summary>Largest force component accepted as physical (eV/A).</summary>
    public double MaxForce { get; init; } = 1000.0;

    /// <summary>Every setting that changes the numbers, canonically.</summary>
    public string Fingerprint() => string.Join("|",
        new[] { "castep", XcFunctional, R(CutoffEnergy), SmearingScheme, R(SmearingWidth), R(KPointSpacing), R(ElecEnergyTol),
            MaxScfCycles.ToString(System.Globalization.CultureInfo.InvariantCulture), R(FineGridScale),
            FiniteBasisCorr.ToString(System.Globalization.CultureInfo.InvariantCulture) }
        .Concat(Pseudopotentials.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)));

    private static string R(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
