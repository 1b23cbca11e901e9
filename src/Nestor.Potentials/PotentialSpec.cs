using System.Globalization;

namespace Nestor.Potentials;

/// <summary>A bad potential spec or potential file: the message says what and where.</summary>
public sealed class PotentialException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A parsed potential spec <c>style:arguments</c>, e.g. <c>eam:Mg1.eam.fs</c> or
/// <c>lj:epsilon=0.1,sigma=2.5,cutoff=7.5,shift=true</c>.
/// </summary>
public sealed record PotentialSpec(string Style, string Arguments)
{
    /// <summary>Splits a spec at its first colon.</summary>
    public static PotentialSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int colon = spec.IndexOf(':');
        if (colon <= 0)
            throw new PotentialException($"potential spec '{spec}' has no style: write STYLE:ARGUMENTS, e.g. eam:Mg1.eam.fs or lj:epsilon=0.1,sigma=2.5,cutoff=7.5");
        return new PotentialSpec(spec[..colon].Trim().ToLowerInvariant(), spec[(colon + 1)..].Trim());
    }

    /// <summary>
    /// Parses comma-separated <c>key=value</c> arguments. Unknown keys are an error naming the allowed ones.
    /// </summary>
    public Dictionary<string, string> KeyValues(params string[] allowed)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Arguments.Length == 0) return d;
        foreach (var part in Arguments.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) throw new PotentialException($"{Style}: argument '{part}' is not KEY=VALUE");
            string key = part[..eq].Trim(), value = part[(eq + 1)..].Trim();
            if (allowed.Length > 0 && !allowed.Contains(key, StringComparer.OrdinalIgnoreCase))
                throw new PotentialException($"{Style}: unknown argument '{key}' (allowed: {string.Join(", ", allowed)})");
            if (!d.TryAdd(key, value)) throw new PotentialException($"{Style}: argument '{key}' given twice");
        }
        return d;
    }

    /// <summary>Reads a required or defaulted number from parsed arguments.</summary>
    public double Number(Dictionary<string, string> args, string key, double? fallback = null)
    {
        if (!args.TryGetValue(key, out var s))
            return fallback ?? throw new PotentialException($"{Style}: missing argument '{key}'");
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new PotentialException($"{Style}: argument '{key}' = '{s}' is not a finite number");
        return v;
    }

    /// <summary>Reads a boolean (true/false, yes/no, 1/0, T/F) from parsed arguments.</summary>
    public bool Flag(Dictionary<string, string> args, string key, bool fallback)
    {
        if (!args.TryGetValue(key, out var s)) return fallback;
        return s.ToLowerInvariant() switch
        {
            "true" or "t" or "yes" or "1" => true,
            "false" or "f" or "no" or "0" => false,
            _ => throw new PotentialException($"{Style}: argument '{key}' = '{s}' is not true or false"),
        };
    }
}

/// <summary>
/// Creates potentials from spec strings, by style name, like LAMMPS's pair styles. Each style registers a
/// factory; <see cref="Create"/> dispatches on the text before the first colon.
/// </summary>
public static class PotentialRegistry
{
    private static readonly Dictionary<string, (Func<PotentialSpec, IPotential> Factory, string Help)> Styles =
        new(StringComparer.OrdinalIgnoreCase);

    static PotentialRegistry()
    {
        Register("lj", LennardJones.LennardJonesPotential.FromSpec,
            "lj:epsilon=E,sigma=S,cutoff=RC[,shift=true]  Lennard-Jones (eV, Angstrom), optionally shifted to zero at the cutoff");
        BuiltIns.RegisterAll();
    }

    /// <summary>Registers a style (replacing one of the same name).</summary>
    public static void Register(string style, Func<PotentialSpec, IPotential> factory, string help) =>
        Styles[style] = (factory, help);

    /// <summary>The registered styles with a one-line description each.</summary>
    public static IReadOnlyList<(string Style, string Help)> Available =>
        Styles.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value.Help)).ToList();

    /// <summary>Creates a potential from its spec. Throws <see cref="PotentialException"/> with a clear message.</summary>
    public static IPotential Create(string spec)
    {
        var ps = PotentialSpec.Parse(spec);
        if (!Styles.TryGetValue(ps.Style, out var entry))
            throw new PotentialException($"unknown potential style '{ps.Style}' in '{spec}' (known: {string.Join(", ", Styles.Keys.Order())})");
        return entry.Factory(ps);
    }
}
