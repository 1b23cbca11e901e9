using Nestor.Atoms;
using Nestor.Atoms.IO;

namespace Nestor.Potentials.Tests.Ace;

/// <summary>
/// The NS rdb extxyz frames (read once per file). The model energy a frame implies is ns_energy - ns_KE - ns_P V.
/// </summary>
internal static class RdbFrames
{
    internal sealed record Frame(Structure Structure)
    {
        public double Number(string key) => Convert.ToDouble(Structure.Info[key], System.Globalization.CultureInfo.InvariantCulture);

        public double ImpliedEnergy => Number("ns_energy") - Number("ns_KE") - Number("ns_P") * Structure.Volume;
    }

    private static readonly Dictionary<string, List<Frame>> Cache = new();

    public static IReadOnlyList<Frame> Read(string path)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(path, out var frames))
                Cache[path] = frames = ExtXyz.Read(path).Select(s => new Frame(s)).ToList();
            return frames;
        }
    }
}
