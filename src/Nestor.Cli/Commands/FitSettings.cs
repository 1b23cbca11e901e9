using System.Globalization;
using Nestor.Atoms;
using Nestor.Fitting;
using Nestor.Fitting.Ace;
using Nestor.Fitting.Design;
using Tomlyn;
using Tomlyn.Model;

namespace Nestor.Cli.Commands;

/// <summary>
/// The settings of <c>nestor fit</c>, from a TOML file (keys as the flags with '_' for '-') overridden by flags.
/// Every value is kept as text with where it came from, then parsed with errors naming the flag or the file key.
/// </summary>
public sealed class FitSettings
{
    /// <summary>One setting: TOML key, flag, help, whether it takes several values.</summary>
    public sealed record Setting(string Key, string Help, bool Multi = false)
    {
        public string Flag => "--" + Key.Replace('_', '-');
    }

    /// <summary>All settings, in help order.</summary>
    public static readonly Setting[] All =
    [
        new("train", "training extxyz files", true),
        new("test", "test extxyz files (default: a seeded random --test-fraction of the training frames)", true),
        new("test_fraction", "fraction of the training frames held out when no --test is given (default 0.1)"),
        new("energy_key", "info key of the reference energy, eV (default dft_energy)"),
        new("forces_key", "per-atom key of the reference forces, eV/A (default dft_forces)"),
        new("virial_key", "info key of the reference virial, eV (default dft_virial)"),
        new("config_type_key", "info key of the configuration type (default config_type)"),
        new("e0", "one-body reference energy per element, SYMBOL=eV (required for the fitted species)", true),
        new("order", "ACE correlation order (default 4)"),
        new("degree", "ACE total degree (default 14)"),
        new("cutoff", "cutoff, Angstrom (default 8.2)"),
        new("r0", "length scale of the distance transforms, Angstrom (default 3.2, Mg's bond length)"),
        new("pair_degree", "number of pair basis functions (default: the total degree)"),
        new("weights", "energy:forces:virial weights (default 30:1:1; energy and virial divided by sqrt(N))"),
        new("type_weights", "per config_type weights TYPE=E:F:V", true),
        new("solver", "blr (Bayesian linear regression, default), qr or svd (least squares)"),
        new("ridge", "ridge parameter for qr/svd (default 0)"),
        new("smoothness", "smoothness-prior exponent p (default 4; 0 = no prior)"),
        new("committee", "committee size, blr only (default 0)"),
        new("seed", "seed of the test split and the committee draw (default 1)"),
        new("threads", "threads for assembly and QR (default: all cores)"),
        new("out", "model file to write (nestor-ace-model JSON); the report goes next to it"),
    ];

    private readonly Dictionary<string, (string[] Values, string Where)> _values = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="tomlPath"/> (may be null), then applies the flags given.</summary>
    public static FitSettings Resolve(string? tomlPath, IReadOnlyDictionary<string, string[]> flags)
    {
        var s = new FitSettings();
        if (tomlPath is not null) s.ReadToml(tomlPath);
        foreach (var (key, v) in flags) s._values[key] = (v, All.First(x => x.Key == key).Flag);
        return s;
    }

    private void ReadToml(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"config file not found: {path}");
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path), (TomlSerializerOptions?)null)
                ?? throw new UserInputException($"{path}: empty TOML document");
        }
        catch (TomlException e) { throw new UserInputException($"{path}: {e.Message}", e); }
        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        foreach (var (key, value) in table)
        {
            var setting = All.FirstOrDefault(x => x.Key == key)
                ?? throw new UserInputException($"{path}: unknown key '{key}' (known: {string.Join(", ", All.Select(x => x.Key))})");
            string where = $"{path}: {key}";
            string[] values = value switch
            {
                TomlArray a => a.Select(x => Text(where, x)).ToArray(),
                TomlTable t when key is "e0" or "type_weights" => t.Select(p => $"{p.Key}={Text(where, p.Value)}").ToArray(),
                _ => [Text(where, value)],
            };
            if (!setting.Multi && values.Length != 1) throw new UserInputException($"{where}: expected one value, found {values.Length}");
            if (key is "train" or "test" or "out") values = values.Select(v => Path.IsPathRooted(v) ? v : Path.Combine(dir, v)).ToArray();
            _values[key] = (values, where);
        }
    }

    private static string Text(string where, object? x) => x switch
    {
        string s => s,
        long or double or int => Convert.ToString(x, CultureInfo.InvariantCulture)!,
        _ => throw new UserInputException($"{where}: expected a string or a number, found {x?.GetType().Name ?? "nothing"}"),
    };

    private string? One(string key) => _values.TryGetValue(key, out var v) ? v.Values[0] : null;

    private string Where(string key) => _values[key].Where;

    /// <summary>The values of a multi-valued setting (empty when not given).</summary>
    public string[] Many(string key) => _values.TryGetValue(key, out var v) ? v.Values : [];

    /// <summary>A real number setting.</summary>
    public double Real(string key, double fallback)
    {
        if (One(key) is not { } s) return fallback;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
            ? x : throw new UserInputException($"{Where(key)}: '{s}' is not a number");
    }

    /// <summary>An integer setting.</summary>
    public int Integer(string key, int fallback)
    {
        if (One(key) is not { } s) return fallback;
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int x)
            ? x : throw new UserInputException($"{Where(key)}: '{s}' is not an integer");
    }

    /// <summary>A text setting.</summary>
    public string Text(string key, string fallback) => One(key) ?? fallback;

    /// <summary>True when the setting was given (file or flag).</summary>
    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>The output model path (required).</summary>
    public string Out => One("out") ?? throw new UserInputException("give the model file to write with --out (or out = \"...\" in the config file)");

    /// <summary>The training files (at least one, each existing).</summary>
    public string[] TrainFiles => Files("train", required: true);

    /// <summary>The test files (may be empty).</summary>
    public string[] TestFiles => Files("test", required: false);

    private string[] Files(string key, bool required)
    {
        var f = Many(key);
        if (required && f.Length == 0) throw new UserInputException($"give the training data with --train FILE... (or {key} = [...] in the config file)");
        foreach (var p in f)
            if (!File.Exists(p)) throw new UserInputException($"{Where(key)}: file not found: {p}");
        return f;
    }

    /// <summary>Label keys.</summary>
    public LabelKeys Keys => new()
    {
        Energy = Text("energy_key", "dft_energy"), Forces = Text("forces_key", "dft_forces"),
        Virial = Text("virial_key", "dft_virial"), ConfigType = Text("config_type_key", "config_type"),
    };

    /// <summary>E0 per element; every symbol must be a known element, each given once.</summary>
    public Dictionary<string, double> E0()
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in Many("e0"))
        {
            int eq = entry.IndexOf('=');
            if (eq <= 0) throw new UserInputException($"{Where("e0")}: '{entry}' is not SYMBOL=ENERGY (e.g. Mg=-1688.821130128)");
            string sym = entry[..eq].Trim();
            if (!Elements.TryNumber(sym, out _)) throw new UserInputException($"{Where("e0")}: unknown element '{sym}' in '{entry}'");
            if (!double.TryParse(entry[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double e) || !double.IsFinite(e))
                throw new UserInputException($"{Where("e0")}: '{entry[(eq + 1)..]}' in '{entry}' is not a number (eV)");
            if (!d.TryAdd(sym, e)) throw new UserInputException($"{Where("e0")}: {sym} given twice");
        }
        return d;
    }

    /// <summary>Row weights.</summary>
    public FitWeights Weights()
    {
        try { return FitWeights.Parse(Text("weights", "30:1:1"), Many("type_weights")); }
        catch (Exception e) when (e is FittingException or FormatException or ArgumentException)
        {
            string where = Has("weights") ? Where("weights") : Where("type_weights");
            throw new UserInputException($"{where}: {e.Message}", e);
        }
    }

    /// <summary>The solver.</summary>
    public SolverKind Solver => Text("solver", "blr") switch
    {
        "blr" => SolverKind.Blr,
        "qr" => SolverKind.LsqQr,
        "svd" => SolverKind.LsqSvd,
        var s => throw new UserInputException($"{Where("solver")}: unknown solver '{s}' (known: blr, qr, svd)"),
    };

    /// <summary>The ACE basis parameters.</summary>
    public AceBasisSpec Basis()
    {
        var spec = new AceBasisSpec
        {
            Order = Integer("order", 4), TotalDegree = Real("degree", 14), Cutoff = Real("cutoff", 8.2), R0 = Real("r0", 3.2),
            PairDegree = Has("pair_degree") ? Integer("pair_degree", 0) : null,
        };
        try { spec.Validate(); }
        catch (FittingException e) { throw new UserInputException(e.Message, e); }
        return spec;
    }
}
