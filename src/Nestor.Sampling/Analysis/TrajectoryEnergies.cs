using System.Globalization;
using System.Text.RegularExpressions;

namespace Nestor.Sampling.Analysis;

/// <summary>The NS energy and iteration of each frame of a trajectory written by nestor sample or pymatnest.</summary>
public static partial class TrajectoryEnergies
{
    /// <summary>One frame's identification and NS energy.</summary>
    public readonly record struct Frame(int Index, long Iteration, long GlobalIndex, double NsEnergy);

    [GeneratedRegex(@"(?:^|\s)ns_energy=(\S+)")]
    private static partial Regex EnergyKey();

    [GeneratedRegex(@"(?:^|\s)iter=(\d+)")]
    private static partial Regex IterKey();

    [GeneratedRegex(@"(?:^|\s)config_n_global=(\d+)")]
    private static partial Regex GlobalKey();

    /// <summary>Reads the info lines of every frame (the atom lines are skipped).</summary>
    public static List<Frame> Read(string path)
    {
        var frames = new List<Frame>();
        using var r = new StreamReader(path);
        int line = 0;
        for (string? count = r.ReadLine(); count is not null; count = r.ReadLine())
        {
            line++;
            if (string.IsNullOrWhiteSpace(count)) continue;
            if (!int.TryParse(count.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 0)
                throw new NestedSamplingException($"{path}:{line}: expected an atom count, got '{count.Trim()}'");
            string info = r.ReadLine() ?? throw new NestedSamplingException($"{path}:{line + 1}: truncated frame");
            line++;
            var e = EnergyKey().Match(info);
            if (!e.Success || !double.TryParse(e.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double h))
                throw new NestedSamplingException($"{path}:{line}: frame has no numeric ns_energy");
            var it = IterKey().Match(info);
            var g = GlobalKey().Match(info);
            frames.Add(new Frame(frames.Count,
                it.Success ? long.Parse(it.Groups[1].Value, CultureInfo.InvariantCulture) : -1,
                g.Success ? long.Parse(g.Groups[1].Value, CultureInfo.InvariantCulture) : -1, h));
            for (int i = 0; i < n; i++)
            {
                if (r.ReadLine() is null) throw new NestedSamplingException($"{path}: frame {frames.Count - 1} is truncated");
                line++;
            }
        }
        return frames;
    }
}
