using System.Globalization;
using Nestor.Sampling.Engine;

namespace Nestor.Sampling.Output;

/// <summary>
/// Writes one culled walker as an extended-XYZ frame with pymatnest's info keys (ns_energy, ns_KE, ns_P in eV/A^3,
/// volume, iter, config_n_global, config_type, KEmax) and arrays species, pos, masses and momenta (MD).
/// </summary>
public static class TrajectoryFrame
{
    /// <summary>Appends the frame to <paramref name="w"/>.</summary>
    public static void Write(TextWriter w, Walker walker, long iteration, long globalIndex, double pressure, double keMax, string configType)
    {
        var s = walker.Structure;
        var ci = CultureInfo.InvariantCulture;
        var c = s.Cell;
        bool md = s.Velocities is not null;
        w.Write(s.Count.ToString(ci));
        w.Write('\n');
        w.Write(string.Create(ci,
            $"Lattice=\"{c.A.X:R} {c.A.Y:R} {c.A.Z:R} {c.B.X:R} {c.B.Y:R} {c.B.Z:R} {c.C.X:R} {c.C.Y:R} {c.C.Z:R}\" "));
        w.Write(md ? "Properties=species:S:1:pos:R:3:masses:R:1:momenta:R:3 " : "Properties=species:S:1:pos:R:3:masses:R:1 ");
        w.Write(string.Create(ci,
            $"ns_energy={walker.H:R} ns_KE={walker.KineticEnergy:R} ns_P={pressure:R} volume={c.Volume:R} iter={iteration} config_n_global={globalIndex} config_type={configType} KEmax={keMax:R} pbc=\"T T T\"\n"));
        var x = s.Positions;
        var m = s.Masses;
        var v = s.Velocities;
        for (int i = 0; i < s.Count; i++)
        {
            w.Write(string.Create(ci, $"{s.Symbols[i]} {x[3 * i]:R} {x[3 * i + 1]:R} {x[3 * i + 2]:R} {m[i]:R}"));
            if (v is not null)
                w.Write(string.Create(ci, $" {m[i] * v[3 * i]:R} {m[i] * v[3 * i + 1]:R} {m[i] * v[3 * i + 2]:R}"));
            w.Write('\n');
        }
    }
}
