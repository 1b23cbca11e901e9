using Nestor.Atoms;
using Nestor.Atoms.IO;

namespace Nestor.Potentials.Tests.Eam;

/// <summary>One frame of reference values: structure, energy (eV), forces (eV/A), virial (eV, row-major).</summary>
public sealed record ReferenceFrame(string Name, Structure Structure, double Energy, double[] Forces, double[] Virial);

/// <summary>The LAMMPS reference frames (extxyz with energy, virial and forces), read with <see cref="ExtXyz"/>.</summary>
public static class ReferenceFrames
{
    public static List<ReferenceFrame> Read(string path) =>
        ExtXyz.Read(path).Select(s => new ReferenceFrame(
            (string)s.Info["config_name"],
            s,
            Convert.ToDouble(s.Info["energy"], System.Globalization.CultureInfo.InvariantCulture),
            s.Arrays["forces"].Reals!,
            (double[])s.Info["virial"])).ToList();
}
