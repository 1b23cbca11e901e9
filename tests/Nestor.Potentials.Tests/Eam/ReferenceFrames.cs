using System.Globalization;
using System.Text.RegularExpressions;
using Nestor.Atoms;

namespace Nestor.Potentials.Tests.Eam;

/// <summary>One frame of reference values: structure, energy (eV), forces (eV/A), virial (eV, row-major).</summary>
public sealed record ReferenceFrame(string Name, Structure Structure, double Energy, double[] Forces, double[] Virial);

/// <summary>
/// A minimal reader for the LAMMPS reference extxyz files (Properties=species:S:1:pos:R:3:forces:R:3, energy and
/// virial in the header). Local to these tests until Nestor.Atoms.IO.ExtXyz is available.
/// </summary>
public static partial class ReferenceFrames
{
    [GeneratedRegex("(\\w+)=(\"[^\"]*\"|\\S+)")]
    private static partial Regex KeyValue();

    private static double[] Numbers(string s) =>
        s.Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();

    public static List<ReferenceFrame> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var frames = new List<ReferenceFrame>();
        int l = 0;
        while (l < lines.Length && lines[l].Trim().Length > 0)
        {
            int n = int.Parse(lines[l].Trim(), CultureInfo.InvariantCulture);
            var kv = KeyValue().Matches(lines[l + 1]).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            Assert.Equal("species:S:1:pos:R:3:forces:R:3", kv["Properties"]);
            var cell = Cell.FromRowMajor(Numbers(kv["Lattice"]));
            var symbols = new string[n];
            var pos = new double[3 * n];
            var forces = new double[3 * n];
            for (int i = 0; i < n; i++)
            {
                var t = lines[l + 2 + i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                symbols[i] = t[0];
                for (int d = 0; d < 3; d++)
                {
                    pos[3 * i + d] = double.Parse(t[1 + d], CultureInfo.InvariantCulture);
                    forces[3 * i + d] = double.Parse(t[4 + d], CultureInfo.InvariantCulture);
                }
            }
            frames.Add(new ReferenceFrame(kv["config_name"], new Structure(symbols, pos, cell),
                double.Parse(kv["energy"], CultureInfo.InvariantCulture), forces, Numbers(kv["virial"])));
            l += n + 2;
        }
        return frames;
    }
}
