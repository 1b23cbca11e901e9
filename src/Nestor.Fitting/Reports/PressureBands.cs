using System.Globalization;

namespace Nestor.Fitting.Reports;

/// <summary>
/// Pressure bands (GPa) for breaking errors down. The pressure of a frame is, by default, the static pressure
/// tr(W)/(3V) of its reference virial; with <see cref="InfoKey"/> it is that info value times <see cref="InfoScale"/>
/// (e.g. pymatnest's <c>ns_P</c> in eV/A^3 with scale 1/Units.GPa: the pressure the sample was drawn at), falling back
/// to the virial pressure when the key is absent. Edges e_0 &lt; e_1 &lt; ... give bands "&lt;e_0", "e_0-e_1", ...,
/// "&gt;=e_last"; frames without either go to "unknown".
/// </summary>
public sealed class PressureBands
{
    /// <summary>Default edges 0, 10, 50, 100, 200, 400 GPa (the Mg data spans 0-600 GPa).</summary>
    public static PressureBands Default { get; } = new([0, 10, 50, 100, 200, 400]);

    private readonly double[] _edges;

    /// <summary>Creates bands from increasing edges (GPa).</summary>
    public PressureBands(IReadOnlyList<double> edges, string? infoKey = null, double infoScale = 1)
    {
        if (!(infoScale > 0) || !double.IsFinite(infoScale)) throw new ArgumentException("the info pressure scale must be positive");
        InfoKey = infoKey; InfoScale = infoScale;
        if (edges.Count == 0) throw new ArgumentException("need at least one pressure edge");
        for (int i = 1; i < edges.Count; i++)
            if (!(edges[i] > edges[i - 1])) throw new ArgumentException("pressure edges must increase");
        _edges = [.. edges];
    }

    /// <summary>Info key holding the pressure of a frame, or null to use the reference virial.</summary>
    public string? InfoKey { get; }

    /// <summary>Factor turning the info value into GPa.</summary>
    public double InfoScale { get; }

    /// <summary>The pressure (GPa) of a frame by this rule, or null.</summary>
    public double? PressureOf(Nestor.Fitting.Design.LabelledFrame f)
    {
        if (InfoKey is not null && f.Structure.Info.TryGetValue(InfoKey, out var o))
        {
            double? v = o switch { double d => d, long l => l, _ => null };
            if (v is double x && double.IsFinite(x)) return x * InfoScale;
        }
        return f.PressureGPa;
    }

    /// <summary>Band names in increasing pressure order ("unknown" last).</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var n = new List<string> { $"<{F(_edges[0])}" };
            for (int i = 1; i < _edges.Length; i++) n.Add($"{F(_edges[i - 1])}-{F(_edges[i])}");
            n.Add($">={F(_edges[^1])}");
            n.Add("unknown");
            return n;
        }
    }

    /// <summary>The band of a pressure (GPa), or "unknown" for null.</summary>
    public string Of(double? pressureGPa)
    {
        if (pressureGPa is not double p) return "unknown";
        if (p < _edges[0]) return $"<{F(_edges[0])}";
        for (int i = 1; i < _edges.Length; i++)
            if (p < _edges[i]) return $"{F(_edges[i - 1])}-{F(_edges[i])}";
        return $">={F(_edges[^1])}";
    }

    private static string F(double x) => x.ToString("G", CultureInfo.InvariantCulture);
}
