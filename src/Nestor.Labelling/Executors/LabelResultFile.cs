using Nestor.Atoms.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nestor.Labelling.Executors;

/// <summary>
/// A <see cref="LabelResult"/> as a JSON file (<c>result.json</c> in a job directory), written by a worker that ran
/// the labeller elsewhere (a Slurm job) and read back by the executor. Doubles round-trip exactly.
/// </summary>
public static class LabelResultFile
{
    /// <summary>The file name inside a job directory.</summary>
    public const string FileName = "result.json";

    private sealed class Dto
    {
        public double? Energy { get; set; }
        public double[]? Forces { get; set; }
        public double[]? Virial { get; set; }
        public double[]? Stress { get; set; }
        public string? Source { get; set; }
        public string Failure { get; set; } = "None";
        public string Message { get; set; } = "";
        public string[] RawFiles { get; set; } = [];
        public int Attempts { get; set; }
        public string[] Log { get; set; } = [];
    }

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes <paramref name="r"/> atomically to <paramref name="path"/>.</summary>
    public static void Write(string path, LabelResult r)
    {
        var d = new Dto
        {
            Energy = r.Label?.Energy, Forces = r.Label?.Forces, Virial = r.Label?.Virial, Stress = r.Label?.Stress, Source = r.Label?.Source,
            Failure = r.Failure.ToString(), Message = r.Message, RawFiles = [.. r.RawFiles], Attempts = r.Attempts, Log = [.. r.Log],
        };
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(d, Options));
    }

    /// <summary>Reads a result file; a malformed file is an <see cref="OutputFormatException"/>.</summary>
    public static LabelResult Read(string path)
    {
        Dto d;
        try { d = JsonSerializer.Deserialize<Dto>(File.ReadAllText(path), Options) ?? throw new JsonException("empty"); }
        catch (JsonException e) { throw new OutputFormatException(path, 0, "malformed result file: " + e.Message); }
        if (d.Energy is { } e2 && d.Forces is not null && d.Virial is not null && d.Stress is not null)
            return LabelResult.Success(new DftLabel(e2, d.Forces, d.Virial, d.Stress, d.Source ?? ""), d.RawFiles, d.Attempts, d.Log);
        if (!Enum.TryParse<FailureClass>(d.Failure, out var fc) || fc == FailureClass.None)
            throw new OutputFormatException(path, 0, $"result file has neither a label nor a failure class ('{d.Failure}')");
        return LabelResult.Fail(fc, d.Message, d.RawFiles, d.Attempts, d.Log);
    }
}
