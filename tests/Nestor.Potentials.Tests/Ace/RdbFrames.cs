using System.Globalization;
using Nestor.Atoms;

namespace Nestor.Potentials.Tests.Ace;

/// <summary>
/// A tiny test-local reader of the NS rdb extxyz frames (species and positions, Lattice, numeric info), enough for
/// the exactness tests. The model energy a frame implies is ns_energy - ns_KE - ns_P * volume.
/// </summary>
internal static class RdbFrames
{
    internal sealed record Frame(Structure Structure, Dictionary<string, string> Info)
    {
        public double Number(string key) => double.Parse(Info[key], CultureInfo.InvariantCulture);

        public double ImpliedEnergy => Number("ns_energy") - Number("ns_KE") - Number("ns_P") * Structure.Volume;
    }

    private static readonly Dictionary<string, List<Frame>> Cache = new();

    public static IReadOnlyList<Frame> Read(string path)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(path, out var cached)) return cached;
            var frames = new List<Frame>();
            using var reader = new StreamReader(path);
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line.Trim().Length == 0) continue;
                int n = int.Parse(line.Trim(), CultureInfo.InvariantCulture);
                var info = ParseComment(reader.ReadLine()!);
                var props = info["Properties"].Split(':');
                int posCol = 0, col = 0;
                for (int p = 0; p < props.Length; p += 3)
                {
                    if (props[p] == "pos") posCol = col;
                    col += int.Parse(props[p + 2], CultureInfo.InvariantCulture);
                }
                var symbols = new string[n];
                var pos = new double[3 * n];
                for (int i = 0; i < n; i++)
                {
                    var f = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    symbols[i] = f[0];
                    for (int d = 0; d < 3; d++) pos[3 * i + d] = double.Parse(f[posCol + d], CultureInfo.InvariantCulture);
                }
                var lat = info["Lattice"].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                frames.Add(new Frame(new Structure(symbols, pos, Cell.FromRowMajor(lat)), info));
            }
            Cache[path] = frames;
            return frames;
        }
    }

    private static Dictionary<string, string> ParseComment(string line)
    {
        var d = new Dictionary<string, string>();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == ' ') i++;
            if (i >= line.Length) break;
            int eq = line.IndexOf('=', i);
            string key = line[i..eq];
            i = eq + 1;
            string value;
            if (line[i] == '"')
            {
                int close = line.IndexOf('"', i + 1);
                value = line[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                int sp = line.IndexOf(' ', i);
                if (sp < 0) sp = line.Length;
                value = line[i..sp];
                i = sp;
            }
            d[key] = value;
        }
        return d;
    }
}
