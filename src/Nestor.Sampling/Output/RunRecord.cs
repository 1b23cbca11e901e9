using Nestor.Atoms.IO;
using System.Text.Json;

namespace Nestor.Sampling.Output;

/// <summary>The run record (<c>PREFIX.run.json</c>): program, version, every setting, seed, and how the run ended.</summary>
public sealed class RunRecord
{
    /// <summary>Program name.</summary>
    public string Program { get; set; } = "nestor sample";
    /// <summary>Nestor version.</summary>
    public string Version { get; set; } = typeof(RunRecord).Assembly.GetName().Version?.ToString() ?? "unknown";
    /// <summary>When the run (first) started, UTC ISO 8601.</summary>
    public string Started { get; set; } = DateTime.UtcNow.ToString("o");
    /// <summary>When this record was last written.</summary>
    public string Updated { get; set; } = "";
    /// <summary>The random seed.</summary>
    public long Seed { get; set; }
    /// <summary>Threads of the latest (re)start (does not change the output).</summary>
    public int Threads { get; set; }
    /// <summary>Model calls per walk derived from the walk length and the parallel scheme.</summary>
    public int ModelCallsPerWalk { get; set; }
    /// <summary>Walks per iteration.</summary>
    public int WalksPerIteration { get; set; }
    /// <summary>Every setting.</summary>
    public NestedSamplingOptions? Options { get; set; }
    /// <summary>Iterations done.</summary>
    public long Iterations { get; set; }
    /// <summary>Potential evaluations.</summary>
    public long ModelCalls { get; set; }
    /// <summary>Wall time (s), summed over restarts.</summary>
    public double WallSeconds { get; set; }
    /// <summary>True when finished.</summary>
    public bool Finished { get; set; }
    /// <summary>Why it stopped.</summary>
    public string? StopReason { get; set; }
    /// <summary>Lowest NS energy among the walkers at the end (eV).</summary>
    public double? LowestH { get; set; }
    /// <summary>Number of restarts from snapshots.</summary>
    public int Restarts { get; set; }
    /// <summary>Where the time of the latest session went.</summary>
    public RunTiming? Timing { get; set; }

    /// <summary>Writes the record atomically.</summary>
    public void Save(string path)
    {
        Updated = DateTime.UtcNow.ToString("o");
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json.Options) + "\n");
    }

    /// <summary>Reads a record, or null when absent or unreadable.</summary>
    public static RunRecord? TryLoad(string path)
    {
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json.Options); }
        catch (JsonException) { return null; }
    }
}
