using Nestor.Atoms;
using Nestor.Atoms.IO;

namespace Nestor.Fitting.Design;

/// <summary>
/// Labelled frames ready for fitting, with the frames that were skipped and why, and the observations that were
/// dropped under <see cref="MissingLabelPolicy.UseAvailable"/>. Built from extxyz files or from structures.
/// Rules: a label whose weight is non-zero must be present (else the frame is skipped, or the observation dropped
/// under UseAvailable); a label containing NaN or infinity always skips the frame; a virial on a structure that
/// is not periodic in all three directions counts as missing; a frame whose weights are all zero is skipped.
/// </summary>
public sealed class FrameSet
{
    private FrameSet(List<LabelledFrame> frames, List<SkippedFrame> skipped, List<string> dropped)
    {
        Frames = frames; Skipped = skipped; Dropped = dropped;
    }

    /// <summary>The frames used.</summary>
    public IReadOnlyList<LabelledFrame> Frames { get; }

    /// <summary>Frames not used, each with its reason.</summary>
    public IReadOnlyList<SkippedFrame> Skipped { get; }

    /// <summary>Observations dropped from used frames ("file, frame k: no dft_virial").</summary>
    public IReadOnlyList<string> Dropped { get; }

    /// <summary>Reads and validates all frames of the extxyz files.</summary>
    public static FrameSet Load(IEnumerable<string> paths, LabelKeys keys, FitWeights weights, MissingLabelPolicy policy = MissingLabelPolicy.SkipFrame)
    {
        var items = new List<(Structure, string, int)>();
        foreach (var path in paths)
        {
            int k = 0;
            foreach (var s in ExtXyz.Read(path)) items.Add((s, path, k++));
        }
        return FromStructures(items, keys, weights, policy);
    }

    /// <summary>Validates structures (each with the source name and index used in reports).</summary>
    public static FrameSet FromStructures(IEnumerable<(Structure Structure, string Source, int Index)> items, LabelKeys keys,
        FitWeights weights, MissingLabelPolicy policy = MissingLabelPolicy.SkipFrame)
    {
        var frames = new List<LabelledFrame>();
        var skipped = new List<SkippedFrame>();
        var dropped = new List<string>();
        foreach (var (s, src, idx) in items)
        {
            string? ct = s.Info.TryGetValue(keys.ConfigType, out var cto) ? cto as string ?? Convert.ToString(cto, System.Globalization.CultureInfo.InvariantCulture) : null;
            var w = weights.For(ct);
            if (w.Energy == 0 && w.Forces == 0 && w.Virial == 0)
            {
                skipped.Add(new SkippedFrame(src, idx, $"all weights are zero for config_type '{ct}'"));
                continue;
            }
            string? bad = null;
            var missing = new List<string>();
            double? energy = ReadEnergy(s, keys.Energy, ref bad);
            double[]? forces = ReadForces(s, keys.Forces, ref bad);
            double[]? virial = ReadVirial(s, keys.Virial, ref bad);
            if (bad is not null) { skipped.Add(new SkippedFrame(src, idx, bad)); continue; }
            if (w.Energy > 0 && energy is null) missing.Add($"no {keys.Energy}");
            if (w.Forces > 0 && forces is null) missing.Add($"no {keys.Forces}");
            if (w.Virial > 0 && virial is null)
                missing.Add(s.IsFullyPeriodic ? $"no {keys.Virial}" : $"no {keys.Virial} (not periodic in 3 directions)");
            if (missing.Count > 0 && policy == MissingLabelPolicy.SkipFrame)
            {
                skipped.Add(new SkippedFrame(src, idx, string.Join(", ", missing)));
                continue;
            }
            bool usable = (w.Energy > 0 && energy is not null) || (w.Forces > 0 && forces is not null) || (w.Virial > 0 && virial is not null);
            if (!usable) { skipped.Add(new SkippedFrame(src, idx, "no label with a non-zero weight: " + string.Join(", ", missing))); continue; }
            foreach (var msg in missing) dropped.Add($"{src}, frame {idx}: {msg}");
            frames.Add(new LabelledFrame(s, src, idx, ct, energy, forces, virial));
        }
        return new FrameSet(frames, skipped, dropped);
    }

    /// <summary>The frames split into (train, test) by a seeded random permutation; <paramref name="testFraction"/> of them (rounded) go to test.</summary>
    public (IReadOnlyList<LabelledFrame> Train, IReadOnlyList<LabelledFrame> Test) Split(double testFraction, int seed)
    {
        if (!(testFraction >= 0 && testFraction < 1)) throw new FittingException($"test fraction {testFraction} must be in [0, 1)");
        var order = Enumerable.Range(0, Frames.Count).ToArray();
        new Random(seed).Shuffle(order);
        int nt = (int)Math.Round(testFraction * Frames.Count);
        var test = order.Take(nt).Order().Select(i => Frames[i]).ToList();
        var train = order.Skip(nt).Order().Select(i => Frames[i]).ToList();
        return (train, test);
    }

    private static double? ReadEnergy(Structure s, string key, ref string? bad)
    {
        if (!s.Info.TryGetValue(key, out var o)) return null;
        double e = o switch
        {
            double d => d,
            long l => l,
            _ => double.NaN,
        };
        if (o is not double and not long) { bad ??= $"{key} is not a number ({o.GetType().Name})"; return null; }
        if (!double.IsFinite(e)) { bad ??= $"non-finite {key} ({e})"; return null; }
        return e;
    }

    private static double[]? ReadForces(Structure s, string key, ref string? bad)
    {
        if (!s.Arrays.TryGetValue(key, out var a)) return null;
        if (a.Kind != PropertyKind.Real || a.Width != 3) { bad ??= $"{key} is not a real per-atom array of width 3"; return null; }
        var f = a.Reals!;
        for (int k = 0; k < f.Length; k++)
            if (!double.IsFinite(f[k])) { bad ??= $"non-finite {key} on atom {k / 3} ({f[k]})"; return null; }
        return (double[])f.Clone();
    }

    private static double[]? ReadVirial(Structure s, string key, ref string? bad)
    {
        if (!s.Info.TryGetValue(key, out var o)) return null;
        double[]? v = o switch
        {
            double[] d => d,
            long[] l => l.Select(x => (double)x).ToArray(),
            _ => null,
        };
        if (v is null || (v.Length != 9 && v.Length != 6)) { bad ??= $"{key} must hold 9 (row-major 3x3) or 6 (Voigt) numbers"; return null; }
        foreach (double x in v)
            if (!double.IsFinite(x)) { bad ??= $"non-finite {key} ({x})"; return null; }
        if (!s.IsFullyPeriodic) return null;
        // Voigt order xx yy zz yz xz xy
        return v.Length == 9 ? [v[0], v[4], v[8], 0.5 * (v[5] + v[7]), 0.5 * (v[2] + v[6]), 0.5 * (v[1] + v[3])] : (double[])v.Clone();
    }
}
