using System.Reflection;
using System.Text.Json.Nodes;
using Nestor.Potentials.Ace;

namespace Nestor.Fitting.Ace;

/// <summary>
/// Writes a fitted ACE model in Nestor's <c>nestor-ace-model</c> JSON format (<see cref="NestorAceModelFile"/>,
/// documented in docs/ace.md): the evaluator representation with committee and E0, the basis parameters, the
/// coefficients in the fitting basis, and the fit provenance. Loads back with <c>ace:PATH</c>.
/// </summary>
public static class AceModelFile
{
    /// <summary>The Nestor version written into the provenance (the assembly's informational version).</summary>
    public static string NestorVersion =>
        typeof(AceModelFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AceModelFile).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>
    /// Writes the model of <paramref name="coefficients"/> (and <paramref name="committee"/>) atomically.
    /// <paramref name="provenance"/> (data files, weights, solver, seed ...) is copied in, with <c>nestor_version</c> and
    /// <c>created_utc</c> added.
    /// </summary>
    public static AceModel Write(string path, AceLinearBasis basis, double[] coefficients, IReadOnlyList<double[]>? committee,
        IReadOnlyDictionary<string, double> e0, JsonObject? provenance = null)
    {
        string symbol = basis.Species![0];
        if (!e0.TryGetValue(symbol, out double e)) throw new FittingException($"E0 has no entry for {symbol}");
        var model = basis.ToModel(coefficients, committee, e);
        var s = basis.Spec;
        var b = new JsonObject
        {
            ["description"] = basis.Description,
            ["order"] = s.Order,
            ["degree"] = s.TotalDegree,
            ["cutoff"] = s.Cutoff,
            ["r0"] = s.R0,
            ["wL"] = s.WL,
            ["transform"] = new JsonArray(s.Transform.P, s.Transform.Q),
            ["envelope"] = new JsonArray(s.Envelope.Pin, s.Envelope.Pcut),
            ["pair_transform"] = new JsonArray(s.PairTransform.P, s.PairTransform.Q),
            ["pair_envelope"] = s.PairEnvelope,
            ["pair_degree"] = s.PairBasisSize,
            ["n_pair"] = basis.PairCount,
            ["n_invariants"] = basis.Invariants.Count,
            ["fit_coefficients"] = new JsonArray(coefficients.Select(c => (JsonNode?)c).ToArray()),
        };
        var p = provenance is null ? new JsonObject() : (JsonObject)provenance.DeepClone();
        p["nestor_version"] = NestorVersion;
        p["created_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        NestorAceModelFile.Write(path, model, b, p);
        return model;
    }
}
