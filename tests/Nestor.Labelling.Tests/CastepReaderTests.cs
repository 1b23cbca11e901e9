using System.IO.Compression;
using Nestor.Atoms;
using Nestor.Labelling.Castep;
using Nestor.Testing;

namespace Nestor.Labelling.Tests;

public class CastepReaderTests
{
    private static List<(string Name, CastepOutput Output)> ReadZip(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var list = new List<(string, CastepOutput)>();
        foreach (var e in zip.Entries.Where(e => e.FullName.EndsWith(".castep", StringComparison.Ordinal)).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            using var r = new StreamReader(e.Open());
            list.Add((e.FullName, CastepOutputReader.Parse(r.ReadToEnd(), e.FullName)));
        }
        return list;
    }

    /// <summary>True when every atom i of a sits on atom i of b up to a lattice vector of b (same atom order).</summary>
    private static double MaxMinImageDistance(Structure a, Structure b)
    {
        double worst = 0;
        for (int i = 0; i < a.Count; i++)
        {
            var d = b.Cell.ToFractional(a.GetPosition(i) - b.GetPosition(i));
            var f = new Vec3(d.X - Math.Round(d.X), d.Y - Math.Round(d.Y), d.Z - Math.Round(d.Z));
            worst = Math.Max(worst, b.Cell.ToCartesian(f).Norm());
        }
        return worst;
    }

    [SkippableFact]
    public void ThirtyNineCastepOutputsReproduceThePaperLabelsExactly()
    {
        var zipPath = SharedData.Require("mg/castep_cycle_1_outputs.zip");
        var edb = Nestor.Atoms.IO.ExtXyz.Read(SharedData.Require("mg/cycle_1.edb.extxyz")).ToList();
        var outputs = ReadZip(zipPath);
        Assert.Equal(39, outputs.Count);
        Assert.Equal(39, edb.Count);
        var used = new HashSet<int>();
        foreach (var (name, o) in outputs)
        {
            // match the frame by structure: same volume, every atom on its partner up to a lattice vector
            int match = -1;
            for (int k = 0; k < edb.Count; k++)
            {
                var f = edb[k];
                if (f.Count != o.Structure.Count || Math.Abs(f.Volume - o.Structure.Volume) > 1e-3) continue;
                if (MaxMinImageDistance(o.Structure, f) < 1e-4) { match = k; break; }
            }
            Assert.True(match >= 0, $"{name}: no frame of cycle_1.edb.extxyz has this structure");
            Assert.True(used.Add(match), $"{name}: frame {match} matched twice");
            var frame = edb[match];
            Assert.True(o.Finished, name);
            Assert.Equal(CastepEnergyKind.FiniteBasisCorrected, o.EnergyKind);
            Assert.Equal((double)frame.Info["dft_energy"], o.Energy);
            Assert.Equal(frame.Arrays["dft_forces"].Reals!, o.Forces);
            Assert.Equal((double[])frame.Info["dft_stress"], o.StressGPa!);
            // the paper's virial is -stress(GPa) x ASE's GPa x the volume of its own (unrounded) structure
            var expected = (double[])frame.Info["dft_virial"];
            var virial = o.Virial(frame.Volume)!;
            for (int k = 0; k < 9; k++) Assert.Equal(expected[k], virial[k], 1e-12 * Math.Max(1, Math.Abs(expected[k])));
            // with the volume of the cell printed in the output (7 decimals) it agrees to about 1e-7 relative
            var own = o.Virial()!;
            for (int k = 0; k < 9; k++) Assert.Equal(expected[k], own[k], 1e-6 * Math.Max(1, Math.Abs(expected[k])));
        }
        Assert.Equal(39, used.Count);
    }

    [SkippableFact]
    public void OtherEnergiesAreReadAndDifferFromTheLabel()
    {
        var o = ReadZip(SharedData.Require("mg/castep_cycle_1_outputs.zip"))[1].Output;
        // mg_0001: the last of the three finite-basis SCF runs (690, 695, 700 eV)
        Assert.Equal(-27044.83829002, o.FinalEnergy!.Value);
        Assert.Equal(-27044.96852280, o.FreeEnergy!.Value);
        Assert.Equal(-27044.90340641, o.ZeroKEnergy!.Value);
        Assert.Equal(-27044.968523, o.CorrectedEnergy!.Value);
        Assert.Equal("Forces", o.ForcesBlock);
        // CASTEP prints the stress with ASE's sign: its printed pressure is -trace/3
        double p = -(o.StressGPa![0] + o.StressGPa[4] + o.StressGPa[8]) / 3;
        Assert.Equal(1.8452, p, 4);
    }

    private const string Constrained = """
        Real Lattice(A)              Reciprocal Lattice(1/A)
     4.0000000     0.0000000     0.0000000        0.25 0 0
     0.0000000     4.0000000     0.0000000        0 0.25 0
     0.0000000     0.0000000     4.0000000        0 0 0.25
            x  Element    Atom        Fractional coordinates of atoms  x
            x            Number           u          v          w      x
            x----------------------------------------------------------x
            x  Mg           1         0.000000   0.000000   0.000000   x
            x  Mg           2         0.500000   0.500000   0.500000   x
            xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
Final energy, E             =  -100.00000000     eV
Final free energy (E-TS)    =  -100.50000000     eV
 ******************* Symmetrised Forces *******************
 *                                                          *
 *               Cartesian components (eV/A)                *
 * -------------------------------------------------------- *
 *                         x            y            z      *
 *                                                          *
 * Mg              1      0.10000(cons'd)  -0.20000      0.30000 *
 * Mg              2     -0.10000      0.20000     -0.30000 *
 *                                                          *
 ************************************************************
 *********** Symmetrised Stress Tensor ***********
 *                                               *
 *          Cartesian components (GPa)           *
 * --------------------------------------------- *
 *             x             y             z     *
 *                                               *
 *  x     -1.000000      0.000000      0.000000  *
 *  y      0.000000     -2.000000      0.000000  *
 *  z      0.000000      0.000000     -3.000000  *
 *                                               *
 *  Pressure:    2.0000                          *
 *                                               *
 *************************************************
Total time          =   1.00 s
""";

    [Fact]
    public void SymmetrisedAndConstrainedBlocksAreRead()
    {
        var o = CastepOutputReader.Parse(Constrained, "test.castep");
        Assert.Equal("Symmetrised Forces", o.ForcesBlock);
        Assert.Equal([0.1, -0.2, 0.3, -0.1, 0.2, -0.3], o.Forces);
        Assert.Equal(CastepEnergyKind.FreeEnergy, o.EnergyKind);
        Assert.Equal(-100.5, o.Energy);
        var label = o.ToLabel();
        // compressed: stress negative, virial positive, pressure +2 GPa
        Assert.Equal(2.0 * LabelKeys.AseGPa, label.Pressure, 12);
        Assert.True(label.Virial[0] > 0);
        Assert.Equal(64.0, o.Structure.Volume, 9);
        Assert.Equal(2.0, o.Structure.Positions[3], 12);
    }

    [Fact]
    public void TruncatedOutputIsAClearError()
    {
        string cut = Constrained[..Constrained.IndexOf("* Mg              2", StringComparison.Ordinal)];
        var e = Assert.Throws<OutputFormatException>(() => CastepOutputReader.Parse(cut, "cut.castep"));
        Assert.Contains("cut.castep", e.Message);
        Assert.Contains("truncated", e.Message);
        var empty = Assert.Throws<OutputFormatException>(() => CastepOutputReader.Parse("", "empty.castep"));
        Assert.Contains("empty.castep", empty.Message);
    }

    [Fact]
    public void CellWriterRoundTripsThroughTheReaderLayout()
    {
        var s = new Structure(["Mg", "Mg"], [0, 0, 0, 1.595, 0.92087368, 2.595], new Cell(new Vec3(3.19, 0, 0), new Vec3(-1.595, 2.7626210381, 0), new Vec3(0, 0, 5.19)));
        var cell = CastepInputWriter.CellText(s, new CastepSettings());
        Assert.Contains("%BLOCK LATTICE_CART", cell);
        Assert.Contains("1.5950000000       0.9208736800       2.5950000000\n", cell);
        Assert.StartsWith("Mg ", cell.Split('\n').First(l => l.Contains("2.5950000000", StringComparison.Ordinal)));
        Assert.Contains("KPOINTS_MP_SPACING : 0.015", cell);
        var param = CastepInputWriter.ParamText(new CastepSettings());
        Assert.Contains("cut_off_energy : 700 eV", param);
        Assert.Contains("smearing_width : 0.2 eV", param);
        Assert.Contains("calculate_stress : true", param);
    }
}
