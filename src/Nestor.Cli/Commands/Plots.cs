using Nestor.Atoms.IO;
using Nestor.Sampling;

namespace Nestor.Cli.Commands;

/// <summary>Simple line plots (ScottPlot), written atomically as PNG.</summary>
public static class Plots
{
    /// <summary>Draws y(x) and saves it as a PNG.</summary>
    public static void Line(string path, double[] x, double[] y, string xLabel, string yLabel, string title)
    {
        var plt = new ScottPlot.Plot();
        var s = plt.Add.Scatter(x, y);
        s.MarkerSize = 0;
        s.LineWidth = 2;
        plt.XLabel(xLabel);
        plt.YLabel(yLabel);
        plt.Title(title);
        var bytes = plt.GetImageBytes(800, 500, ScottPlot.ImageFormat.Png);
        AtomicFile.Write(path, st => st.Write(bytes));
    }
}
