using System.Globalization;

namespace Nestor.Fitting.Reports;

/// <summary>
/// Pressure bands (GPa) for breaking errors down: the static pressure tr(W)/(3V) of each frame's reference virial.
/// Edges e_0 &lt; e_1 &lt; ... give bands "&lt;e_0", "e_0-e_1", ..., "&gt;=e_last"; frames without a virial go to "unknown".
/// </summary>
public sealed class PressureBands
{
    /// <summary>Default edges 0, 10, 50, 100, 200, 400 GPa (the Mg data spans 0-600 GPa).</summary>
    public static PressureBands Default { get; } = new([0, 10, 50, 100, 200, 400]);

    private readonly double[] _edges;

    /// <summary>Creates bands from increasing edges (GPa).</summary>
    public PressureBands(IReadOnlyList<double> edges)
    {
        if (edges.Count == 0) throw new ArgumentException("need at least one pressure edge");
        for (int i = 1; i < edges.Count; i++)
            if (!(edges[i] > edges[i - 1])) throw new ArgumentException("pressure edges must increase");
        _edges = [.. edges];
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
