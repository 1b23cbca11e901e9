using System.Globalization;
using Nestor.Atoms;

namespace Nestor.Labelling.Tests;

/// <summary>
/// A minimal extended-XYZ reader for these tests only (Lattice, Properties with species/pos and real columns,
/// scalar and quoted-array info values), until Nestor.Atoms.IO.ExtXyz is on main.
/// </summary>
internal static class MiniExtXyz
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static List<Structure> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var frames = new List<Structure>();
        int i = 0;
        while (i < lines.Length && lines[i].Trim().Length > 0)
        {
            int n = int.Parse(lines[i].Trim(), Inv);
            var info = ParseHeader(lines[i + 1]);
            var lattice = Doubles(info["Lattice"]);
            var props = info["Properties"].Split(':');
            var symbols = new string[n];
            var pos = new double[3 * n];
            var columns = new List<(string Name, int Width, double[] Data)>();
            for (int a = 0; a < n; a++)
            {
                var f = lines[i + 2 + a].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                int col = 0, c = 0;
                for (int p = 0; p < props.Length; p += 3, c++)
                {
                    string name = props[p]; int w = int.Parse(props[p + 2], Inv);
                    if (name == "species") symbols[a] = f[col];
                    else if (name == "pos") for (int k = 0; k < 3; k++) pos[3 * a + k] = double.Parse(f[col + k], Inv);
                    else
                    {
                        if (a == 0) columns.Add((name, w, new double[n * w]));
                        var data = columns.First(x => x.Name == name).Data;
                        for (int k = 0; k < w; k++) data[a * w + k] = double.Parse(f[col + k], Inv);
                    }
                    col += w;
                }
            }
            var s = new Structure(symbols, pos, Cell.FromRowMajor(lattice));
            foreach (var (name, w, data) in columns) s.Arrays[name] = PerAtomArray.Real(name, w, data);
            foreach (var (k, v) in info)
            {
                if (k is "Lattice" or "Properties" or "pbc") continue;
                var parts = v.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length > 1 && parts.All(x => double.TryParse(x, NumberStyles.Float, Inv, out _))) s.Info[k] = Doubles(v);
                else if (double.TryParse(v, NumberStyles.Float, Inv, out double d)) s.Info[k] = d;
                else s.Info[k] = v;
            }
            frames.Add(s);
            i += n + 2;
        }
        return frames;
    }

    private static double[] Doubles(string s) =>
        s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, Inv)).ToArray();

    private static Dictionary<string, string> ParseHeader(string line)
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
            if (line[i] == '"') { int end = line.IndexOf('"', i + 1); value = line[(i + 1)..end]; i = end + 1; }
            else { int end = line.IndexOf(' ', i); if (end < 0) end = line.Length; value = line[i..end]; i = end; }
            d[key] = value;
        }
        return d;
    }
}
