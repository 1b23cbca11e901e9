using System.Globalization;
using Nestor.Sampling.Analysis;
using Nestor.Testing;

namespace Nestor.Sampling.Tests.Analysis;

/// <summary>Reproduces pymatnest's ns_analyse table for a real pymatnest run (lj16_mc).</summary>
public class NsAnalyseReferenceTests
{
    [SkippableFact]
    public void ReproducesNsAnalyseTable()
    {
        var energies = SharedData.Require("pymatnest/lj16_mc.energies");
        var reference = SharedData.Require("pymatnest/lj16_mc.ns_analyse.txt");
        var file = EnergiesFile.Read(energies);
        Assert.Equal(64, file.Walkers);
        Assert.Equal(48, file.ExtraDof);
        var analysis = new ThermoAnalysis(file, kB: 1.0);
        var grid = ThermoAnalysis.Grid(0.05, 2.04, 0.01);
        Assert.Equal(200, grid.Length);
        var rows = analysis.Run(grid);
        var refRows = File.ReadLines(reference).Where(l => !l.StartsWith('#') && l.Trim().Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        Assert.Equal(200, refRows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            var x = refRows[i];
            Close(x[0], r.T, $"T row {i}");
            Close(x[1], r.LogZ, $"log_Z at T={r.T}");
            Close(x[2], r.F, $"F at T={r.T}");
            Close(x[3], r.U, $"U at T={r.T}");
            Close(x[4], r.Cp, $"Cp at T={r.T}");
            Assert.Equal((int)x[5], r.LowIndex);
            Assert.Equal((int)x[6], r.ModeIndex);
            Assert.Equal((int)x[7], r.HighIndex);
            Close(x[11], r.ZFraction, $"Z_fract at T={r.T}");
            Close(x[12], r.V, $"V at T={r.T}");
            // the thermal expansion is printed with 6 significant digits like the rest, but is a small
            // difference of large numbers; 1e-4 relative
            Assert.True(Math.Abs(x[13] - r.ThermalExpansion) <= 1e-4 * Math.Abs(x[13]) + 1e-9,
                $"thermal_exp at T={r.T}: ref {x[13]} got {r.ThermalExpansion}");
        }
    }

    [SkippableFact]
    public void FindsCondensationAndMeltingPeaks()
    {
        var energies = SharedData.Require("pymatnest/lj16_mc.energies");
        var file = EnergiesFile.Read(energies);
        var grid = ThermoAnalysis.Grid(0.05, 2.04, 0.01);
        var rows = new ThermoAnalysis(file, kB: 1.0).Run(grid);
        var peaks = CpPeakFinder.Find(rows.Select(r => r.T).ToArray(), rows.Select(r => r.Cp).ToArray(), 0.05);
        // the data README: Cp peaks at T* = 1.00 (condensation) and 0.75 (melting)
        Assert.Contains(peaks, p => Math.Abs(p.T - 1.00) < 0.03);
        Assert.Contains(peaks, p => Math.Abs(p.T - 0.75) < 0.03);
    }

    [SkippableFact]
    public void SampleTemperatureInvertsU()
    {
        var file = EnergiesFile.Read(SharedData.Require("pymatnest/lj16_mc.energies"));
        var rows = new ThermoAnalysis(file, kB: 1.0).Run(ThermoAnalysis.Grid(0.05, 2.04, 0.01));
        var t = SampleTemperatures.Assign(rows, [rows[50].U, rows[120].U, -1e9, 1e9]);
        Assert.Equal(rows[50].T, t[0], 9);
        Assert.Equal(rows[120].T, t[1], 9);
        Assert.True(double.IsNaN(t[2]) && double.IsNaN(t[3]));
    }

    private static void Close(double expected, double actual, string what)
    {
        // reference printed with %g (6 significant digits): allow 1e-5 relative
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Abs(expected) + 1e-12,
            $"{what}: ns_analyse {expected}, got {actual}");
    }
}
