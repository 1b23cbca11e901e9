using Nestor.Atoms;
using Nestor.Labelling.Reference;
using Nestor.Potentials;

namespace Nestor.Labelling.Tests;

public class ReferenceLabellerTests
{
    private const string Lj = "lj:epsilon=0.1,sigma=2.5,cutoff=6.0,shift=true";

    internal static Structure Fcc(double a = 3.9, double jitter = 0.05, int seed = 1)
    {
        var rng = new Random(seed);
        var basis = new[] { 0, 0, 0, 0.5, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0.5 };
        var pos = new double[12];
        for (int k = 0; k < 12; k++) pos[k] = basis[k] * a + jitter * (rng.NextDouble() - 0.5);
        return new Structure(["Ar", "Ar", "Ar", "Ar"], pos, Cell.Cubic(a));
    }

    [Fact]
    public void LabelsEqualThePotentialAndAreMarkedAsReference()
    {
        var s = Fcc();
        var lab = ReferenceLabeller.FromSpec(Lj);
        var r = lab.Label(s, new LabelContext(Path.GetTempPath()));
        Assert.True(r.Succeeded, r.ToString());
        var pot = PotentialRegistry.Create(Lj);
        var direct = new PotentialResult();
        pot.Compute(s, Quantities.Forces | Quantities.Virial, direct);
        Assert.Equal(direct.Energy, r.Label!.Energy);
        Assert.Equal(direct.Forces, r.Label.Forces);
        Assert.Equal(direct.Virial, r.Label.Virial);
        Assert.StartsWith("reference:lj:", r.Label.Source);
        Assert.Equal(-direct.Virial[4] / s.Volume, r.Label.Stress[4], 14);

        var labelled = LabelKeys.Default.Apply(s, r.Label);
        Assert.Equal("reference:" + pot.Spec, labelled.Info["label_source"]);
        Assert.Equal(direct.Energy, (double)labelled.Info["dft_energy"]);
        // dft_stress is written in GPa (the paper's unit) and read back in eV/A^3
        var back = LabelKeys.Default.Read(labelled)!;
        for (int k = 0; k < 9; k++) Assert.Equal(r.Label.Stress[k], back.Stress[k], 15);
    }

    [SkippableFact]
    public void EamOracleReproducesLammps()
    {
        var eam = Nestor.Testing.SharedData.Require("mg/Mg1.eam.fs");
        var frames = Nestor.Atoms.IO.ExtXyz.Read(Nestor.Testing.SharedData.Require("lammps-eam-ref/mg_eam_fs_reference.extxyz")).ToList();
        var lab = ReferenceLabeller.FromSpec("eam:" + eam);
        foreach (var f in frames)
        {
            var r = lab.Label(f, new LabelContext(Path.GetTempPath()));
            Assert.True(r.Succeeded, r.ToString());
            Assert.Equal((double)f.Info["energy"], r.Label!.Energy, 1e-6);
            var fl = f.Arrays["forces"].Reals!;
            for (int k = 0; k < fl.Length; k++) Assert.Equal(fl[k], r.Label.Forces[k], 1e-6);
            var w = (double[])f.Info["virial"];
            for (int k = 0; k < 9; k++) Assert.Equal(w[k], r.Label.Virial[k], 1e-5);
            Assert.StartsWith("reference:eam", r.Label.Source);
        }
    }

    [Fact]
    public void CompressionGivesPositivePressureThroughTheLabel()
    {
        var lab = ReferenceLabeller.FromSpec(Lj);
        var squeezed = lab.Label(Fcc(a: 3.2, jitter: 0), new LabelContext(Path.GetTempPath())).Label!;
        Assert.True(squeezed.Pressure > 0);
        Assert.True(squeezed.Virial[0] > 0);
    }

    [Fact]
    public void OverlappingAtomsAreInvalidInput()
    {
        var s = Fcc(jitter: 0);
        s.Positions[3] = 0.1; s.Positions[4] = 0.0; s.Positions[5] = 0.0;
        var r = ReferenceLabeller.FromSpec(Lj).Label(s, new LabelContext(Path.GetTempPath()));
        Assert.Equal(FailureClass.InvalidInput, r.Failure);
        Assert.Contains("atoms 1 and 2 overlap", r.Message);
    }

    [Fact]
    public void AbsurdForcesAreUnphysical()
    {
        // 0.7 A apart: above the overlap threshold, but Lennard-Jones (sigma 2.5 A) gives forces of ~1e6 eV/A
        var s = Fcc(jitter: 0);
        s.Positions[3] = 0.7; s.Positions[4] = 0.0; s.Positions[5] = 0.0;
        var r = ReferenceLabeller.FromSpec(Lj).Label(s, new LabelContext(Path.GetTempPath()));
        Assert.Equal(FailureClass.Unphysical, r.Failure);
        Assert.Contains("eV/A (limit 1000)", r.Message);
        Assert.Null(r.Label);
    }
}
