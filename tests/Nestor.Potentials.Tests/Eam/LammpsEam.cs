using System.Diagnostics;
using System.Globalization;
using Nestor.Atoms;

namespace Nestor.Potentials.Tests.Eam;

/// <summary>
/// Runs LAMMPS (<c>lmp</c>) for one structure with an EAM pair style and returns its energy, forces and virial, in
/// LAMMPS's orientation of the cell (a along x, b in the xy plane; the structure is rotated there first).
/// </summary>
internal static class LammpsEam
{
    /// <summary>LAMMPS's metal-units conversion from eV/A^3 to bar (force->nktv2p), used to turn its pressure back into a virial.</summary>
    private const double Nktv2p = 1.6021765e6;

    public static string? Executable { get; } = Find();

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var p = Path.Combine(dir, "lmp");
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>The structure rotated so that its cell is lower triangular (LAMMPS's orientation), atoms wrapped.</summary>
    public static Structure Orient(Structure s)
    {
        var len = s.Cell.Lengths;
        var ang = s.Cell.Angles;
        var cell = Cell.FromParameters(len.X, len.Y, len.Z, ang.X, ang.Y, ang.Z);
        var frac = s.GetFractional();
        for (int k = 0; k < frac.Length; k++) frac[k] -= Math.Floor(frac[k]);
        var t = new Structure(s.Symbols, new double[3 * s.Count], cell);
        t.SetFractional(frac);
        return t;
    }

    /// <summary>Evaluates an oriented structure (see <see cref="Orient"/>) with LAMMPS.</summary>
    public static (double Energy, double[] Forces, double[] Virial) Run(Structure s, string pairStyle, string potentialFile)
    {
        var dir = Directory.CreateTempSubdirectory("nestor-lmp-");
        try
        {
            var types = s.Symbols.Distinct().ToList();
            var c = s.Cell;
            Assert.True(c.A.Y == 0 && c.A.Z == 0 && c.B.Z == 0, "the cell must be lower triangular (call Orient)");
            var inv = CultureInfo.InvariantCulture;
            using (var w = new StreamWriter(Path.Combine(dir.FullName, "conf.data")))
            {
                w.WriteLine("structure written by Nestor tests\n");
                w.WriteLine($"{s.Count} atoms\n{types.Count} atom types\n");
                w.WriteLine(string.Format(inv, "0 {0:R} xlo xhi\n0 {1:R} ylo yhi\n0 {2:R} zlo zhi\n{3:R} {4:R} {5:R} xy xz yz\n", c.A.X, c.B.Y, c.C.Z, c.B.X, c.C.X, c.C.Y));
                w.WriteLine("Masses\n");
                for (int t = 0; t < types.Count; t++) w.WriteLine(string.Format(inv, "{0} {1:R}", t + 1, Elements.Mass(Elements.Number(types[t]))));
                w.WriteLine("\nAtoms # atomic\n");
                for (int i = 0; i < s.Count; i++)
                {
                    var r = s.GetPosition(i);
                    w.WriteLine(string.Format(inv, "{0} {1} {2:R} {3:R} {4:R}", i + 1, types.IndexOf(s.Symbols[i]) + 1, r.X, r.Y, r.Z));
                }
            }
            string Input(bool boxTilt) => string.Join('\n',
                "units metal", "atom_style atomic", "boundary p p p", boxTilt ? "box tilt large" : "", "read_data conf.data",
                $"pair_style {pairStyle}", $"pair_coeff * * {potentialFile} {string.Join(' ', types)}",
                "compute pv all pressure NULL virial", "variable vol equal vol",
                "thermo_style custom step pe c_pv[1] c_pv[2] c_pv[3] c_pv[4] c_pv[5] c_pv[6] v_vol",
                "dump d all custom 1 forces.dump id fx fy fz", "dump_modify d format float %.17g sort id", "run 0",
                "print \"RESULT $(pe:%.17g) $(c_pv[1]:%.17g) $(c_pv[2]:%.17g) $(c_pv[3]:%.17g) $(c_pv[4]:%.17g) $(c_pv[5]:%.17g) $(c_pv[6]:%.17g) $(vol:%.17g)\"", "");
            string output = RunLammps(dir.FullName, Input(true));
            if (!output.Contains("RESULT") && (output.Contains("Box command has been removed") || output.Contains("Unknown command: box")))
                output = RunLammps(dir.FullName, Input(false));
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("LAMMPS gave no result:\n" + output);
            var v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(x => double.Parse(x, inv)).ToArray();
            double vol = v[7];
            double W(double p) => p * vol / Nktv2p;
            var virial = new[] { W(v[1]), W(v[4]), W(v[5]), W(v[4]), W(v[2]), W(v[6]), W(v[5]), W(v[6]), W(v[3]) };
            var dump = File.ReadAllLines(Path.Combine(dir.FullName, "forces.dump"));
            var forces = new double[3 * s.Count];
            for (int i = 0; i < s.Count; i++)
            {
                var t = dump[9 + i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                int id = int.Parse(t[0], inv) - 1;
                for (int d = 0; d < 3; d++) forces[3 * id + d] = double.Parse(t[1 + d], inv);
            }
            return (v[0], forces, virial);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string RunLammps(string dir, string input)
    {
        File.WriteAllText(Path.Combine(dir, "in.lmp"), input);
        var psi = new ProcessStartInfo(Executable!, "-in in.lmp -log none -nocite")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output + err.Result;
    }
}
