namespace Nestor.Fitting.Design;

/// <summary>
/// Row weights as ACEpotentials applies them: energy rows w_E / sqrt(N_atoms), force rows w_F, virial rows
/// w_V / sqrt(N_atoms), with (w_E, w_F, w_V) = 30 : 1 : 1 unless a configuration type has its own triple.
/// Weights multiply both the design rows and the targets.
/// </summary>
public sealed record FitWeights
{
    /// <summary>Weights of frames whose configuration type has no entry of its own (default 30:1:1).</summary>
    public ObservationWeight Default { get; init; } = new(30, 1, 1);

    /// <summary>Per-<c>config_type</c> weights, replacing <see cref="Default"/> for that type.</summary>
    public IReadOnlyDictionary<string, ObservationWeight> ConfigTypes { get; init; } = new Dictionary<string, ObservationWeight>();

    /// <summary>Divide energy and virial weights by sqrt(N_atoms) (ACEpotentials: yes).</summary>
    public bool DivideBySqrtAtoms { get; init; } = true;

    /// <summary>Unit weights and no sqrt(N) scaling: plain residuals (for evaluating a test set).</summary>
    public static FitWeights Unweighted { get; } = new() { Default = new(1, 1, 1), DivideBySqrtAtoms = false };

    /// <summary>
    /// Parses command-line style weights: <paramref name="defaults"/> as <c>E:F:V</c> and per-type entries
    /// <c>TYPE=E:F:V</c> (e.g. <c>mg16_hole=60:1:1</c>). A type given twice is an error.
    /// </summary>
    public static FitWeights Parse(string defaults, IEnumerable<string>? perType = null, bool divideBySqrtAtoms = true)
    {
        var d = new Dictionary<string, ObservationWeight>(StringComparer.Ordinal);
        foreach (var entry in perType ?? [])
        {
            int eq = entry.LastIndexOf('=');
            if (eq <= 0) throw new FittingException($"config-type weights '{entry}' must be TYPE=E:F:V");
            string type = entry[..eq].Trim();
            if (!d.TryAdd(type, ObservationWeight.Parse(entry[(eq + 1)..]))) throw new FittingException($"weights for config_type '{type}' given twice");
        }
        return new FitWeights { Default = ObservationWeight.Parse(defaults), ConfigTypes = d, DivideBySqrtAtoms = divideBySqrtAtoms };
    }

    /// <summary>The triple for a configuration type (null: no type).</summary>
    public ObservationWeight For(string? configType) =>
        configType is not null && ConfigTypes.TryGetValue(configType, out var w) ? w : Default;
}
