namespace Nestor.Labelling.Castep;

/// <summary>Builds <see cref="CastepSettings"/> from a parsed configuration table (TOML); unknown keys are errors.</summary>
public static class CastepSettingsReader
{
    /// <summary>Every accepted key with its meaning.</summary>
    public static readonly IReadOnlyList<(string Key, string Help)> Keys =
    [
        ("command", "CASTEP executable, run as COMMAND SEED (default castep.serial)"),
        ("mpi_command", "MPI launcher for jobs with more than one core (default mpirun)"),
        ("xc_functional", "default PBE"), ("cut_off_energy", "eV, default 700"),
        ("smearing_scheme", "default Gaussian"), ("smearing_width", "eV, default 0.2"),
        ("kpoint_spacing", "1/A in CASTEP's convention (no 2 pi), default 0.015"),
        ("elec_energy_tol", "eV/atom, default 1e-9"), ("max_scf_cycles", "default 150"),
        ("fine_grid_scale", "default 4"), ("finite_basis_corr", "0, 1 or 2 (default 2)"),
        ("pseudopotentials", "table species = pseudopotential (file or on-the-fly string)"),
        ("min_distance", "A, default 0.5"), ("max_force", "eV/A, default 1000"),
    ];

    public static CastepSettings FromTable(IEnumerable<KeyValuePair<string, object>> table, string source)
    {
        var c = new CastepSettings();
        foreach (var (key, v) in table)
        {
            string w = $"{source}: '{key}'";
            c = key switch
            {
                "command" => c with { Command = Str(v, w) },
                "mpi_command" => c with { MpiCommand = Str(v, w) },
                "xc_functional" => c with { XcFunctional = Str(v, w) },
                "cut_off_energy" => c with { CutoffEnergy = Pos(v, w) },
                "smearing_scheme" => c with { SmearingScheme = Str(v, w) },
                "smearing_width" => c with { SmearingWidth = Pos(v, w) },
                "kpoint_spacing" => c with { KPointSpacing = Pos(v, w) },
                "elec_energy_tol" => c with { ElecEnergyTol = Pos(v, w) },
                "max_scf_cycles" => c with { MaxScfCycles = (int)Pos(v, w) },
                "fine_grid_scale" => c with { FineGridScale = Pos(v, w) },
                "finite_basis_corr" => c with { FiniteBasisCorr = v is long l && l is >= 0 and <= 2 ? (int)l : throw new ArgumentException($"{w} must be 0, 1 or 2") },
                "pseudopotentials" => c with
                {
                    Pseudopotentials = (v as IEnumerable<KeyValuePair<string, object>> ?? throw new ArgumentException($"{w} must be a table"))
                        .ToDictionary(kv => kv.Key, kv => Str(kv.Value, $"{w}.{kv.Key}")),
                },
                "min_distance" => c with { MinDistance = Pos(v, w) },
                "max_force" => c with { MaxForce = Pos(v, w) },
                _ => throw new ArgumentException($"{source}: unknown key '{key}' (known: {string.Join(", ", Keys.Select(k => k.Key))})"),
            };
        }
        return c;
    }

    private static string Str(object? v, string w) => v as string ?? throw new ArgumentException($"{w} must be a string");

    private static double Pos(object? v, string w)
    {
        double x = v switch { double d => d, long l => l, _ => throw new ArgumentException($"{w} must be a number") };
        return x > 0 ? x : throw new ArgumentException($"{w} must be positive, got {x}");
    }
}
