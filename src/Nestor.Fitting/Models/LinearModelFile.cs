using Nestor.Atoms.IO;
using System.Text.Json;
using Nestor.Fitting.Bases;
using Nestor.Potentials;

namespace Nestor.Fitting.Models;

/// <summary>
/// A fitted baseline model (pair or EAM-like basis) as JSON, loadable as a potential (<c>linear:PATH</c> once
/// <see cref="LinearModelFile.RegisterStyle"/> has run):
/// <code>{ "format": "nestor-linear-model", "version": 1, "basis": "&lt;description&gt;", "solver": "...",
///   "e0": { "Mg": -1688.821130128 }, "coefficients": [ ... ], "committee": [ [ ... ], ... ] }</code>
/// Coefficients are in the basis's own units (the smoothness preconditioner already undone).
/// </summary>
public static class LinearModelFile
{
    /// <summary>Writes the model atomically (temporary file, then rename).</summary>
    public static void Write(string path, ILinearBasis basis, double[] coefficients, IReadOnlyList<double[]> committee,
        IReadOnlyDictionary<string, double> e0, string solver)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        AtomicFile.Write(path, fs =>
        {
            using (var w = new Utf8JsonWriter(fs, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("format", "nestor-linear-model");
                w.WriteNumber("version", 1);
                w.WriteString("basis", basis.Description);
                w.WriteString("solver", solver);
                w.WriteStartObject("e0");
                foreach (var (k, v) in e0) w.WriteNumber(k, v);
                w.WriteEndObject();
                w.WriteStartArray("coefficients");
                foreach (double c in coefficients) w.WriteNumberValue(c);
                w.WriteEndArray();
                w.WriteStartArray("committee");
                foreach (var m in committee)
                {
                    w.WriteStartArray();
                    foreach (double c in m) w.WriteNumberValue(c);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
        });
    }

    /// <summary>Reads a model file into a potential (with committee and E0).</summary>
    public static LinearBasisPotential Read(string path)
    {
        if (!File.Exists(path)) throw new FittingException($"model file not found: {path}");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException ex) { throw new FittingException($"{path}: not valid JSON ({ex.Message})", ex); }
        using (doc)
        {
            var root = doc.RootElement;
            JsonElement Field(string name) => root.TryGetProperty(name, out var e) ? e : throw new FittingException($"{path}: missing field '{name}'");
            if (Field("format").GetString() != "nestor-linear-model") throw new FittingException($"{path}: field 'format' is not 'nestor-linear-model'");
            if (Field("version").GetInt32() != 1) throw new FittingException($"{path}: unsupported version {Field("version")}");
            var basis = LinearBases.Parse(Field("basis").GetString() ?? "");
            var c = Field("coefficients").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            if (c.Length != basis.Length) throw new FittingException($"{path}: {c.Length} coefficients for a basis of {basis.Length}");
            var committee = Field("committee").EnumerateArray().Select(m => m.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToList();
            for (int j = 0; j < committee.Count; j++)
                if (committee[j].Length != basis.Length) throw new FittingException($"{path}: committee member {j} has {committee[j].Length} coefficients for {basis.Length}");
            var e0 = new Dictionary<string, double>();
            foreach (var p in Field("e0").EnumerateObject()) e0[p.Name] = p.Value.GetDouble();
            return new LinearBasisPotential(basis, c, committee, e0, "linear:" + path);
        }
    }

    /// <summary>Registers the <c>linear:PATH</c> potential style (call once at start-up, e.g. from the CLI).</summary>
    public static void RegisterStyle() =>
        PotentialRegistry.Register("linear", spec => Read(spec.Arguments),
            "linear:PATH  a fitted Nestor baseline linear model (pair or EAM-like basis) in nestor-linear-model JSON");
}
