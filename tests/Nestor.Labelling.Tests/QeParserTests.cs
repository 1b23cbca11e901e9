using Nestor.Atoms;
using Nestor.Labelling.QuantumEspresso;

namespace Nestor.Labelling.Tests;

public class QeParserTests
{
    private const string Sample = """
     number of atoms/cell      =            2
!    total energy              =     -38.47397573 Ry
     smearing contrib. (-TS)   =       0.00020123 Ry
     internal energy E=F+TS    =     -38.47417697 Ry
     convergence has been achieved in   9 iterations
     Forces acting on atoms (cartesian axes, Ry/au):

     atom    1 type  1   force =     0.00908211    0.00193911    0.03379484
     atom    2 type  1   force =    -0.00908211   -0.00193911   -0.03379484
     The non-local contrib.  to forces
     atom    1 type  1   force =     9.00000000    9.00000000    9.00000000
     atom    2 type  1   force =     9.00000000    9.00000000    9.00000000
     Total force =     0.236969     Total SCF correction =     0.000205

     Computing stress (Cartesian axis) and pressure

          total   stress  (Ry/bohr**3)                   (kbar)     P=       86.60
   0.00040597   0.00007583   0.00012199           59.72       11.16       17.95
   0.00007583   0.00076901  -0.00000615           11.16      113.13       -0.90
   0.00012199  -0.00000615   0.00059115           17.95       -0.90       86.96

     JOB DONE.
""";

    [Fact]
    public void UnitsAndSignsFollowEnginesMd()
    {
        var o = QeOutputParser.Parse(Sample, "sample.out");
        Assert.True(o.Complete);
        Assert.Equal(9, o.Iterations);
        Assert.Equal(-38.47397573 * 13.605693122994, o.EnergyEv!.Value, 9);
        // only the first nat force lines count (not the per-term blocks of verbosity='high')
        Assert.Equal(0.03379484 * 25.71104309, o.Forces![2], 5);
        Assert.Equal(-0.00908211 * 25.71104309, o.Forces[3], 5);
        // QE: positive = compressive. ASE stress is negative, the virial positive; P = 86.60 kbar = 8.660 GPa
        var label = o.ToLabel(100.0);
        Assert.True(label.Stress[0] < 0 && label.Virial[0] > 0);
        Assert.Equal(8.660, Units.EvPerA3ToGPa(label.Pressure), 2);
        Assert.Equal(59.72, -label.Stress[0] / LabelKeys.AseGPa * 10, 1);
        Assert.Equal(-label.Stress[1] * 100.0, label.Virial[1], 12);
    }

    [Fact]
    public void UnconvergedAndTruncatedOutputsAreRecognised()
    {
        var bad = QeOutputParser.Parse("""
     number of atoms/cell      =            2
     convergence NOT achieved after   2 iterations: stopping
     JOB DONE.
""", "bad.out");
        Assert.True(bad.NotConverged);
        Assert.False(bad.Complete);
        Assert.Null(bad.EnergyRy);

        string cut = Sample[..Sample.IndexOf("     atom    2", StringComparison.Ordinal)];
        var e = Assert.Throws<OutputFormatException>(() => QeOutputParser.Parse(cut, "cut.out"));
        Assert.Contains("cut.out", e.Message);
        Assert.Contains("truncated", e.Message);

        var err = QeOutputParser.Parse("""
 %%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%
     Error in routine readpp (1):
     file ./pseudo/X.UPF not found
 %%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%
""", "err.out");
        Assert.Equal("Error in routine readpp (1): file ./pseudo/X.UPF not found", err.Error);
    }

    [Fact]
    public void KPointMeshUsesTheTwoPiConvention()
    {
        // engines.md 1.5: s = 0.3 gives 8x8x5 for hcp-2, s = 0.2 gives 12x12x7
        var cell = QeFixture.Hcp2().Cell;
        Assert.Equal([8, 8, 5], KPointMesh.FromSpacing(cell, 0.3));
        Assert.Equal([12, 12, 7], KPointMesh.FromSpacing(cell, 0.2));
    }

    [Fact]
    public void InputHasTheSettings()
    {
        var q = new QeSettings
        {
            PseudoDir = "/tmp", Pseudopotentials = new Dictionary<string, string> { ["Mg"] = "Mg.UPF" },
            EcutWfc = 20, KSpacing = 0.3,
        };
        var text = QeInputWriter.Write(QeFixture.Hcp2(), q, "pw", "./tmp", 0.25, 7);
        Assert.Contains("ecutrho = 80\n", text);
        Assert.Contains("conv_thr = 2.0E-08\n", text);
        Assert.Contains("mixing_beta = 0.25\n", text);
        Assert.Contains("electron_maxstep = 7\n", text);
        Assert.Contains("Mg 24.305 Mg.UPF\n", text);
        Assert.Contains("K_POINTS automatic\n  8 8 5 0 0 0\n", text);
        Assert.Contains("Mg 0.0000000000 1.8417473600 2.5950000000\n", text);
        Assert.Contains("tprnfor = .true.", text);
        Assert.Contains("tstress = .true.", text);
    }

    [Fact]
    public void BadSettingsAreListed()
    {
        var e = Assert.Throws<ArgumentException>(() => new QeLabeller(new QeSettings { PseudoDir = "/nonexistent-dir" }));
        Assert.Contains("pseudo_dir '/nonexistent-dir' does not exist", e.Message);
        Assert.Contains("ecutwfc must be positive", e.Message);
        Assert.Contains("kspacing", e.Message);
    }

    [Fact]
    public void ParallelRunsUseMpirunWithPools()
    {
        var q = new QeSettings
        {
            PseudoDir = "/tmp", Pseudopotentials = new Dictionary<string, string> { ["Mg"] = "Mg.UPF" }, EcutWfc = 20, KSpacing = 0.3,
        };
        var lab = new QeLabeller(q);
        var serial = lab.Command("a.in", 1);
        Assert.Equal("pw.x", serial.Program);
        Assert.Equal(["-in", "a.in"], serial.Args);
        var (p, a) = lab.Command("a.in", 2);
        Assert.Equal("mpirun", p);
        Assert.Equal(["-np", "2", "pw.x", "-nk", "2", "-in", "a.in"], a);
        var gamma = new QeLabeller(q with { KSpacing = 0, Gamma = true }).Command("a.in", 4).Args;
        Assert.Equal(["-np", "4", "pw.x", "-nk", "1", "-in", "a.in"], gamma);
    }
}
