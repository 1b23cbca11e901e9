using System.Text.Json;
using Nestor.Atoms;
using Nestor.Sampling.Engine;
using Nestor.Sampling.Output;

namespace Nestor.Sampling.Analysis;

/// <summary>The walkers of a run's last snapshot, as structures, and the phases the Steinhardt classifier names.</summary>
public static class FinalWalkers
{
    /// <summary>Reads the walkers of <paramref name="snapshotPath"/>, lowest NS energy first.</summary>
    public static List<(double H, Structure Structure)> Read(string snapshotPath)
    {
        var snap = Snapshot.Load(snapshotPath);
        var o = JsonSerializer.Deserialize<NestedSamplingOptions>(snap.OptionsJson, Json.Compact)
            ?? throw new NestedSamplingException($"{snapshotPath}: no settings in the snapshot");
        var symbols = WalkerInitialiser.Symbols(o);
        var list = new List<(double, Structure)>();
        foreach (var w in snap.Walkers)
        {
            if (w.Positions.Length != 3 * symbols.Length) throw new NestedSamplingException($"{snapshotPath}: walker size does not match the atoms");
            var s = new Structure(symbols, w.Positions, Cell.FromRowMajor(w.Cell));
            list.Add((w.H, s));
        }
        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return list;
    }

    /// <summary>Counts of each phase among the walkers of the snapshot.</summary>
    public static Dictionary<LocalStructure, int> Phases(string snapshotPath)
    {
        var counts = new Dictionary<LocalStructure, int>();
        foreach (var (_, s) in Read(snapshotPath))
        {
            var p = SteinhardtClassifier.Classify(s);
            counts[p] = counts.GetValueOrDefault(p) + 1;
        }
        return counts;
    }
}
