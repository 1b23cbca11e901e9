using ScottPlot;

namespace Nestor.Fitting.Reports;

/// <summary>
/// Parity plots (predicted vs reference) of energies (eV/atom, without the one-body references), force components
/// (eV/A) and virial components (eV/atom), train and test in different colours, as PNG files.
/// </summary>
public static class ParityPlots
{
    /// <summary>
    /// Writes <c>prefix.energy.png</c>, <c>prefix.forces.png</c>, <c>prefix.virial.png</c> and
    /// <c>prefix.energy_error_vs_pressure.png</c> (for whatever labels exist); returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(FitReport report, string prefix, int size = 700)
    {
        var written = new List<string>();
        foreach (var (what, unit, pick) in new (string, string, Func<FramePrediction, IEnumerable<(double, double)>>)[]
        {
            ("energy", "eV/atom", p => p.EnergyReference is double r && p.EnergyPredicted is double q ? [(r / p.Frame.Atoms, q / p.Frame.Atoms)] : []),
            ("forces", "eV/A", p => p.ForcesReference is { } r && p.ForcesPredicted is { } q ? r.Zip(q) : []),
            ("virial", "eV/atom", p => p.VirialReference is { } r && p.VirialPredicted is { } q ? r.Zip(q).Select(t => (t.First / p.Frame.Atoms, t.Second / p.Frame.Atoms)) : []),
        })
        {
            var train = report.TrainPredictions.SelectMany(pick).ToArray();
            var test = report.TestPredictions.SelectMany(pick).ToArray();
            if (train.Length + test.Length == 0) continue;
            var plt = new Plot();
            double lo = double.MaxValue, hi = double.MinValue;
            foreach (var (set, label, color) in new[] { (train, "train", Colors.Blue), (test, "test", Colors.OrangeRed) })
            {
                if (set.Length == 0) continue;
                var xs = set.Select(t => t.Item1).ToArray();
                var ys = set.Select(t => t.Item2).ToArray();
                lo = Math.Min(lo, Math.Min(xs.Min(), ys.Min())); hi = Math.Max(hi, Math.Max(xs.Max(), ys.Max()));
                var sc = plt.Add.ScatterPoints(xs, ys, color);
                sc.MarkerSize = 3;
                sc.LegendText = $"{label} ({set.Length})";
            }
            var line = plt.Add.Line(lo, lo, hi, hi);
            line.Color = Colors.Gray;
            plt.XLabel($"reference {what} ({unit})");
            plt.YLabel($"predicted {what} ({unit})");
            plt.Title($"{what}: {Style(report)}");
            plt.ShowLegend(Alignment.UpperLeft);
            written.Add(Save(plt, $"{prefix}.{what}.png", size));
        }
        // energy error against the reference pressure: how the errors vary with pressure
        var ep = new Plot();
        bool any = false;
        foreach (var (set, label, color) in new[] { (report.TrainPredictions, "train", Colors.Blue), (report.TestPredictions, "test", Colors.OrangeRed) })
        {
            var pts = set.Where(p => report.Bands.PressureOf(p.Frame) is not null && p.EnergyReference is not null && p.EnergyPredicted is not null)
                .Select(p => (P: report.Bands.PressureOf(p.Frame)!.Value, E: 1000 * (p.EnergyPredicted!.Value - p.EnergyReference!.Value) / p.Frame.Atoms)).ToArray();
            if (pts.Length == 0) continue;
            any = true;
            var sc = ep.Add.ScatterPoints(pts.Select(t => t.P).ToArray(), pts.Select(t => t.E).ToArray(), color);
            sc.MarkerSize = 3;
            sc.LegendText = $"{label} ({pts.Length})";
        }
        if (any)
        {
            ep.XLabel(report.Bands.InfoKey is null ? "reference pressure tr(W)/3V (GPa)" : $"pressure ({report.Bands.InfoKey}, GPa)");
            ep.YLabel("energy error (meV/atom)");
            ep.Title($"energy error vs pressure: {Style(report)}");
            ep.ShowLegend(Alignment.UpperRight);
            written.Add(Save(ep, $"{prefix}.energy_error_vs_pressure.png", size));
        }
        return written;
    }

    private static string Style(FitReport r)
    {
        int colon = r.Basis.IndexOf(':');
        return $"{(colon > 0 ? r.Basis[..colon] : r.Basis)} basis, {r.Parameters} parameters";
    }

    private static string Save(Plot plt, string path, int size)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp.png");
        plt.SavePng(tmp, size, size);
        File.Move(tmp, path, overwrite: true);
        return path;
    }
}
