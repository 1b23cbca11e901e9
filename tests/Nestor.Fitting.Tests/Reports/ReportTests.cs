using System.Text.Json;
using Nestor.Atoms;
using Nestor.Fitting.Design;
using Nestor.Fitting.Reports;

namespace Nestor.Fitting.Tests.Reports;

public class ReportTests
{
    /// <summary>Two frames with hand-chosen errors (see the numbers in the asserts).</summary>
    private static List<FramePrediction> HandFrames()
    {
        // frame A: 2 atoms, cubic 3 A cell (V = 27), reference virial trace = 3 V P with P = 5 GPa
        var a = new Structure(["Mg", "Mg"], [0, 0, 0, 1.5, 1.5, 1.5], Cell.Cubic(3));
        double wa = 5 * Units.GPa * 27;
        var fa = new LabelledFrame(a, "a.xyz", 0, "x", 1.0, new double[6], [wa, wa, wa, 0, 0, 0]);
        // frame B: 4 atoms, cubic 4 A cell (V = 64), P = 150 GPa
        var b = new Structure(["Mg", "Mg", "Mg", "Mg"], [0, 0, 0, 2, 2, 0, 2, 0, 2, 0, 2, 2], Cell.Cubic(4));
        double wb = 150 * Units.GPa * 64;
        var fb = new LabelledFrame(b, "b.xyz", 3, "y", -2.0, new double[12], [wb, wb, wb, 0, 0, 0]);
        var pa = new FramePrediction(fa, 1.0, 1.02, new double[6], [0.1, 0, 0, 0, 0, -0.1], [wa, wa, wa, 0, 0, 0], [wa + 0.02, wa, wa, 0, 0, 0]);
        var fpb = new double[12]; fpb[7] = 0.2;
        var pb = new FramePrediction(fb, -2.0, -2.08, new double[12], fpb, [wb, wb, wb, 0, 0, 0], [wb, wb, wb, 0, 0, -0.08]);
        return [pa, pb];
    }

    [Fact]
    public void StatisticsMatchHandComputedNumbers()
    {
        var e = ErrorStatistics.Of(HandFrames());
        Assert.Equal(2, e.Frames);
        Assert.Equal(6, e.Atoms);
        // energies per atom: +10 and -20 meV/atom
        Assert.Equal(Math.Sqrt(250), e.EnergyRmseMevPerAtom, 9);
        Assert.Equal(15, e.EnergyMaeMevPerAtom, 9);
        // forces: 18 components, errors 0.1, -0.1, 0.2
        Assert.Equal(18, e.ForceComponents);
        Assert.Equal(Math.Sqrt(0.06 / 18), e.ForcesRmseEvPerA, 12);
        Assert.Equal(0.4 / 18, e.ForcesMaeEvPerA, 12);
        // virial per atom: +10 meV (A, xx), -20 meV (B, xy), over 12 components
        Assert.Equal(Math.Sqrt(500.0 / 12), e.VirialRmseMevPerAtom, 9);
        Assert.Equal(30.0 / 12, e.VirialMaeMevPerAtom, 9);
    }

    [Fact]
    public void CommitteeSpreadIsTheRmsDeviationFromTheMainPrediction()
    {
        var f = HandFrames();
        // frame A (2 atoms, E = 1.02): members 1.04 and 1.00 -> deviations +-0.01 eV/atom -> 10 meV/atom
        // frame B (4 atoms, E = -2.08): members -2.08 and -2.16 -> deviations 0 and -0.02 eV/atom -> mean square 200
        var list = new List<FramePrediction> { f[0] with { CommitteeEnergies = [1.04, 1.00] }, f[1] with { CommitteeEnergies = [-2.08, -2.16] } };
        var e = ErrorStatistics.Of(list);
        Assert.Equal(2, e.CommitteeFrames);
        Assert.Equal(Math.Sqrt((100 + 200) / 2.0), e.CommitteeRmsStdMevPerAtom, 9);
        Assert.True(double.IsNaN(ErrorStatistics.Of(f).CommitteeRmsStdMevPerAtom));
    }

    [Fact]
    public void BreakdownsByConfigTypeAndPressure()
    {
        var frames = HandFrames();
        Assert.Equal(5.0, frames[0].Frame.PressureGPa!.Value, 9);
        Assert.Equal(150.0, frames[1].Frame.PressureGPa!.Value, 9);
        var set = SetReport.Of(frames, PressureBands.Default);
        Assert.Equal(["x", "y"], set.ByConfigType.Select(t => t.ConfigType));
        Assert.Equal(10, set.ByConfigType[0].Errors.EnergyRmseMevPerAtom, 9);
        Assert.Equal(20, set.ByConfigType[1].Errors.EnergyRmseMevPerAtom, 9);
        Assert.Equal(["0-10", "100-200"], set.ByPressure.Select(t => t.Band));
        Assert.Equal(20, set.ByPressure[1].Errors.EnergyMaeMevPerAtom, 9);
        Assert.Equal("<0", PressureBands.Default.Of(-1));
        Assert.Equal(">=400", PressureBands.Default.Of(600));
        Assert.Equal("unknown", PressureBands.Default.Of(null));
        // the NS pressure from an info key (eV/A^3) instead of the virial
        frames[1].Frame.Structure.Info["ns_P"] = 20 * Units.GPa;
        var ns = new PressureBands([0, 10, 50, 100, 200, 400], "ns_P", Units.EvPerA3InGPa);
        Assert.Equal(20, ns.PressureOf(frames[1].Frame)!.Value, 9);
        Assert.Equal(5, ns.PressureOf(frames[0].Frame)!.Value, 9); // no key: the virial
        Assert.Equal(["0-10", "10-50"], SetReport.Of(frames, ns).ByPressure.Select(t => t.Band));
    }

    [Fact]
    public void JsonReportHasTheDocumentedKeys()
    {
        var frames = HandFrames();
        var report = new FitReport("pair:test", 6, "blr", frames, [frames[1]],
            skipped: [new SkippedFrame("c.xyz", 7, "no dft_virial")]);
        var dir = Directory.CreateTempSubdirectory("nestor-fit-report");
        try
        {
            var path = Path.Combine(dir.FullName, "mg.report.json");
            report.WriteJson(path);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var train = root.GetProperty("train");
            Assert.Equal(2, train.GetProperty("n_frames").GetInt32());
            Assert.Equal(Math.Sqrt(250), train.GetProperty("energy_rmse_mev_per_atom").GetDouble(), 9);
            Assert.Equal(Math.Sqrt(0.06 / 18), train.GetProperty("forces_rmse_ev_per_a").GetDouble(), 12);
            Assert.Equal(Math.Sqrt(500.0 / 12), train.GetProperty("virial_rmse_mev_per_atom").GetDouble(), 9);
            var test = root.GetProperty("test");
            Assert.Equal(1, test.GetProperty("n_frames").GetInt32());
            Assert.Equal(20, test.GetProperty("energy_rmse_mev_per_atom").GetDouble(), 9);
            Assert.Equal(10, train.GetProperty("by_config_type").GetProperty("x").GetProperty("energy_rmse_mev_per_atom").GetDouble(), 9);
            Assert.Equal(1, train.GetProperty("by_pressure_gpa").GetProperty("100-200").GetProperty("n_frames").GetInt32());
            Assert.Equal("no dft_virial", root.GetProperty("skipped_frames")[0].GetProperty("reason").GetString());
            Assert.Empty(Directory.GetFiles(dir.FullName, "*.tmp"));
            Assert.Contains("100-200 GPa", report.ToText());
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void EmptyTestSetWritesNullErrors()
    {
        var report = new FitReport("pair:test", 6, "blr", HandFrames(), []);
        var dir = Directory.CreateTempSubdirectory("nestor-fit-report");
        try
        {
            var path = Path.Combine(dir.FullName, "r.json");
            report.WriteJson(path);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var test = doc.RootElement.GetProperty("test");
            Assert.Equal(0, test.GetProperty("n_frames").GetInt32());
            Assert.Equal(JsonValueKind.Null, test.GetProperty("energy_rmse_mev_per_atom").ValueKind);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void ParityPlotsArePngFiles()
    {
        var frames = HandFrames();
        var report = new FitReport("pair:test", 6, "blr", frames, [frames[1]]);
        var dir = Directory.CreateTempSubdirectory("nestor-fit-plots");
        try
        {
            var written = ParityPlots.Write(report, Path.Combine(dir.FullName, "mg"));
            Assert.Equal(4, written.Count);
            foreach (var p in written)
            {
                var bytes = File.ReadAllBytes(p);
                Assert.True(bytes.Length > 1000);
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            }
        }
        finally { dir.Delete(true); }
    }
}
