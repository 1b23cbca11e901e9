using Nestor.Atoms;
using Nestor.Potentials.Eam;
using Nestor.Testing;

namespace Nestor.Potentials.Tests.Eam;

/// <summary>
/// Agreement with LAMMPS run here on further random cells and on multi-element files (skipped when <c>lmp</c> or
/// the Debian potential files are absent).
/// </summary>
public class EamLammpsTests
{
    private const string Potentials = "/usr/share/lammps/potentials";

    private static void Compare(IPotential pot, Structure s, string pairStyle, string file)
    {
        var oriented = LammpsEam.Orient(s);
        var (e, f, v) = LammpsEam.Run(oriented, pairStyle, file);
        var r = new PotentialResult();
        pot.Compute(oriented, Quantities.All, r);
        int n = s.Count;
        Assert.True(Math.Abs(r.Energy - e) / n < 1e-8, $"energy {r.Energy:R} vs LAMMPS {e:R}");
        for (int k = 0; k < 3 * n; k++)
            Assert.True(Math.Abs(r.Forces[k] - f[k]) < 1e-7, $"force {k}: {r.Forces[k]:R} vs LAMMPS {f[k]:R}");
        for (int k = 0; k < 9; k++)
            Assert.True(Math.Abs(r.Virial[k] - v[k]) < 1e-6, $"virial {k}: {r.Virial[k]:R} vs LAMMPS {v[k]:R}");
        // and the unrotated structure gives the same energy
        Assert.Equal(r.Energy, PotentialChecks.Energy(pot, s), 9);
    }

    private static Structure Mixed(int seed, int n, double vpa, double dmin, string[] elements)
    {
        var s = RandomStructures.Skewed(seed, n, vpa, minDistance: dmin);
        var rng = new Random(seed);
        var symbols = Enumerable.Range(0, n).Select(i => elements[i < elements.Length ? i : rng.Next(elements.Length)]).ToArray();
        return new Structure(symbols, s.Positions, s.Cell);
    }

    [SkippableTheory]
    [InlineData(101, 23.0, 2.3)]
    [InlineData(102, 16.0, 2.0)]
    [InlineData(103, 9.0, 1.7)]
    public void Mg1OnRandomSkewedCells(int seed, double vpa, double dmin)
    {
        Skip.If(LammpsEam.Executable is null, "LAMMPS (lmp) is not installed");
        string file = SharedData.Require("mg/Mg1.eam.fs");
        var s = RandomStructures.Skewed(seed, 16, vpa, minAspect: 0.5, minDistance: dmin);
        Compare(EamPotential.Read(file), s, "eam/fs", file);
    }

    [SkippableTheory]
    [InlineData("AlFe_mm.eam.fs", "eam/fs", 14.0, 2.0, new[] { "Al", "Fe" })]
    [InlineData("NiAlH_jea.eam.fs", "eam/fs", 12.0, 1.6, new[] { "Ni", "Al", "H" })]
    [InlineData("CuNi.eam.alloy", "eam/alloy", 11.5, 2.0, new[] { "Cu", "Ni" })]
    [InlineData("NiAlH_jea.eam.alloy", "eam/alloy", 12.0, 1.6, new[] { "H", "Al", "Ni" })]
    public void MultiElementFiles(string name, string style, double vpa, double dmin, string[] elements)
    {
        Skip.If(LammpsEam.Executable is null, "LAMMPS (lmp) is not installed");
        string file = Path.Combine(Potentials, name);
        Skip.IfNot(File.Exists(file), $"{file} is absent (Debian package lammps-data)");
        var pot = (IPotential)PotentialRegistry.Create($"{style}:{file}");
        Compare(pot, Mixed(7, 16, vpa, dmin, elements), style, file);
        Compare(pot, Mixed(8, 12, vpa * 0.7, dmin * 0.85, elements), style, file);
    }
}
