using System.Globalization;

namespace Nestor.Fitting.Bases;

/// <summary>
/// Recreates a baseline basis from its <see cref="ILinearBasis.Description"/>:
/// <c>pair:species=Mg[/Al...],degree=N,cutoff=RC,r0=R0</c> or
/// <c>eamlike:species=Mg,degree=N,embedding=K,betas=B1/B2/...,cutoff=RC,r0=R0</c>.
/// </summary>
public static class LinearBases
{
    /// <summary>Parses a description; errors name the offending field.</summary>
    public static ILinearBasis Parse(string description)
    {
        int colon = description.IndexOf(':');
        if (colon <= 0) throw new FittingException($"basis '{description}' has no style (pair:, eamlike: or ace:)");
        string style = description[..colon];
        if (style == "ace") return Ace.AceLinearBasis.FromDescription(description);
        var kv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in description[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) throw new FittingException($"basis '{description}': '{part}' is not KEY=VALUE");
            if (!kv.TryAdd(part[..eq], part[(eq + 1)..])) throw new FittingException($"basis '{description}': '{part[..eq]}' given twice");
        }
        string Get(string k) => kv.TryGetValue(k, out var v) ? v : throw new FittingException($"basis '{description}': missing {k}");
        double Num(string k) => double.TryParse(Get(k), NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
            ? x : throw new FittingException($"basis '{description}': {k} = '{Get(k)}' is not a number");
        int Int(string k) => int.TryParse(Get(k), NumberStyles.Integer, CultureInfo.InvariantCulture, out int x)
            ? x : throw new FittingException($"basis '{description}': {k} = '{Get(k)}' is not an integer");
        string[] allowed = style switch
        {
            "pair" => ["species", "degree", "cutoff", "r0"],
            "eamlike" => ["species", "degree", "embedding", "betas", "cutoff", "r0"],
            _ => throw new FittingException($"basis '{description}': unknown style '{style}' (pair, eamlike, ace)"),
        };
        foreach (var k in kv.Keys)
            if (!allowed.Contains(k)) throw new FittingException($"basis '{description}': unknown field '{k}' (allowed: {string.Join(", ", allowed)})");
        return style == "pair"
            ? new PairPolynomialBasis(Get("species").Split('/'), Int("degree"), Num("cutoff"), Num("r0"))
            : new EamLikeBasis(Get("species"), Int("degree"), Int("embedding"),
                Get("betas").Split('/').Select(b => double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x
                    : throw new FittingException($"basis '{description}': beta '{b}' is not a number")).ToArray(),
                Num("cutoff"), Num("r0"));
    }
}
