using System.Globalization;

namespace Nestor.Labelling.QuantumEspresso;

/// <summary>
/// Builds <see cref="QeSettings"/> from a parsed configuration table (e.g. a TOML file): keys are the QE-style
/// names listed in <see cref="Keys"/>; unknown keys and wrong types are errors naming the file and the key.
/// Relative <c>pseudo_dir</c> is taken relative to the configuration file.
/// </summary>
public static class QeSettingsReader
{
    /// <summary>Every accepted key with its meaning (for --help and docs).</summary>
    public static readonly IReadOnlyList<(string Key, string Help)> Keys =
    [
        ("pseudo_dir", "directory with the UPF files (relative to the config file)"),
        ("pseudopotentials", "table species = UPF file name, e.g. { Mg = \"Mg.pbe-n-nc.UPF\" }"),
        ("masses", "table species = mass in amu (default: standard masses)"),
        ("ecutwfc", "wavefunction cutoff, Ry (required)"),
        ("ecutrho", "density cutoff, Ry (default 4 x ecutwfc; use 8-12 x for ultrasoft)"),
        ("smearing", "mv (default), gaussian, mp, fd"),
        ("degauss", "smearing width, Ry (default 0.02)"),
        ("kspacing", "k-point spacing in 1/A with the 2 pi included (ASE/VASP convention)"),
        ("gamma", "true for a Gamma-only calculation instead of kspacing"),
        ("conv_thr_per_atom", "SCF threshold per atom, Ry (default 1e-8)"),
        ("mixing_beta", "initial density mixing (default 0.5)"),
        ("electron_maxstep", "initial maximum SCF iterations (default 100)"),
        ("max_attempts", "attempts in all for an unconverged SCF (default 3)"),
        ("retry_mixing_factor", "mixing_beta factor per retry (default 0.5; steps double)"),
        ("pw_command", "pw.x executable (default pw.x)"),
        ("mpi_command", "MPI launcher for jobs with more than one core (default mpirun)"),
        ("pools", "k-point pools -nk for parallel runs (default: one per rank, 1 at Gamma)"),
        ("keep_wavefunctions", "keep wfc*.dat files (default false: deleted after parsing)"),
        ("min_distance", "smallest allowed interatomic distance, A (default 0.5)"),
        ("max_force", "largest force component accepted, eV/A (default 1000)"),
    ];

    /// <summary>Reads the settings; <paramref name="source"/> names the file in errors, <paramref name="baseDirectory"/> resolves pseudo_dir.</summary>
    public static QeSettings FromTable(IEnumerable<KeyValuePair<string, object>> table, string source, string baseDirectory)
    {
        var q = new QeSettings();
        foreach (var (key, value) in table)
        {
            string where = $"{source}: '{key}'";
            q = key switch
            {
                "pseudo_dir" => q with { PseudoDir = Path.GetFullPath(Path.Combine(baseDirectory, Str(value, where))) },
                "pseudopotentials" => q with { Pseudopotentials = Table(value, where).ToDictionary(kv => kv.Key, kv => Str(kv.Value, $"{where}.{kv.Key}")) },
                "masses" => q with { Masses = Table(value, where).ToDictionary(kv => kv.Key, kv => Dbl(kv.Value, $"{where}.{kv.Key}")) },
                "ecutwfc" => q with { EcutWfc = Dbl(value, where) },
                "ecutrho" => q with { EcutRho = Dbl(value, where) },
                "smearing" => q with { Smearing = Str(value, where) },
                "degauss" => q with { Degauss = Dbl(value, where) },
                "kspacing" => q with { KSpacing = Dbl(value, where) },
                "gamma" => q with { Gamma = Bool(value, where) },
                "conv_thr_per_atom" => q with { ConvThrPerAtom = Dbl(value, where) },
                "mixing_beta" => q with { MixingBeta = Dbl(value, where) },
                "electron_maxstep" => q with { ElectronMaxStep = Int(value, where) },
                "max_attempts" => q with { MaxAttempts = Int(value, where) },
                "retry_mixing_factor" => q with { RetryMixingFactor = Dbl(value, where) },
                "pw_command" => q with { PwCommand = Str(value, where) },
                "mpi_command" => q with { MpiCommand = Str(value, where) },
                "pools" => q with { Pools = Int(value, where) },
                "keep_wavefunctions" => q with { KeepWavefunctions = Bool(value, where) },
                "min_distance" => q with { MinDistance = Dbl(value, where) },
                "max_force" => q with { MaxForce = Dbl(value, where) },
                _ => throw new ArgumentException($"{source}: unknown key '{key}' (known: {string.Join(", ", Keys.Select(k => k.Key))})"),
            };
        }
        var problems = q.Problems();
        if (problems.Count > 0) throw new ArgumentException($"{source}: " + string.Join("; ", problems));
        return q;
    }

    private static string Str(object? v, string where) =>
        v as string ?? throw new ArgumentException($"{where} must be a string, got {Describe(v)}");

    private static double Dbl(object? v, string where) => v switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => throw new ArgumentException($"{where} must be a number, got {Describe(v)}"),
    };

    private static int Int(object? v, string where) => v switch
    {
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        int i => i,
        _ => throw new ArgumentException($"{where} must be an integer, got {Describe(v)}"),
    };

    private static bool Bool(object? v, string where) =>
        v as bool? ?? throw new ArgumentException($"{where} must be true or false, got {Describe(v)}");

    private static IEnumerable<KeyValuePair<string, object>> Table(object? v, string where) => v switch
    {
        IEnumerable<KeyValuePair<string, object>> d => d,
        _ => throw new ArgumentException($"{where} must be a table (species = value), got {Describe(v)}"),
    };

    private static string Describe(object? v) => v is null ? "nothing" : Convert.ToString(v, CultureInfo.InvariantCulture) + $" ({v.GetType().Name})";
}
