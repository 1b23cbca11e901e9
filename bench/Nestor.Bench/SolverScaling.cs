using System.Diagnostics;
using Nestor.Fitting.Solvers;

namespace Nestor.Bench;

/// <summary>
/// Times the solver half of a fit at ACE size on a random dense problem (default 84095 x 710, the o4_d14 Mg
/// benchmark: 1529 frames x 55 rows, 696 + 14 parameters): QR reduction, SVD of R, BLR with a 10-member committee.
/// usage: solve [--rows N] [--cols M] [--threads T]
/// </summary>
public static class SolverScaling
{
    public static int Run(string[] args)
    {
        int Arg(string name, int def)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : def;
        }
        int rows = Arg("--rows", 84095), cols = Arg("--cols", 710), threads = Arg("--threads", -1);
        var clock = Stopwatch.StartNew();
        var rng = new Random(1);
        var a = new double[(long)rows * cols];
        for (long k = 0; k < a.LongLength; k++) a[k] = rng.NextDouble() - 0.5;
        var y = new double[rows];
        for (int i = 0; i < rows; i++) y[i] = a[(long)i * cols] + 0.1 * (rng.NextDouble() - 0.5);
        Console.WriteLine($"random {rows} x {cols} matrix ({a.LongLength * 8 / 1048576.0:F0} MiB) in {clock.Elapsed.TotalSeconds:F2} s");
        var proc = Process.GetCurrentProcess();
        double Cpu() { proc.Refresh(); return proc.TotalProcessorTime.TotalSeconds; }
        clock.Restart();
        double c0 = Cpu();
        var red = QrReduction.Reduce(a, y, rows, cols, threads);
        double tQr = clock.Elapsed.TotalSeconds, cQr = Cpu() - c0;
        clock.Restart(); c0 = Cpu();
        var svd = SvdProblem.FromReduced(red);
        double tSvd = clock.Elapsed.TotalSeconds, cSvd = Cpu() - c0;
        clock.Restart();
        var sol = BayesianLinearRegression.Solve(svd, new BlrOptions { CommitteeSize = 10, Seed = 1 });
        double tBlr = clock.Elapsed.TotalSeconds;
        Console.WriteLine(System.FormattableString.Invariant(
            $"QR reduction {tQr:F2} s wall ({cQr:F2} s CPU), SVD of R {tSvd:F2} s wall ({cSvd:F2} s CPU), BLR + committee {tBlr:F3} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));
        Console.WriteLine(System.FormattableString.Invariant(
            $"sigma0^2 {sol.Bayes!.PriorVariance:G6}, sigma_e^2 {sol.Bayes.NoiseVariance:G6}, MacKay residuals {sol.Bayes.MacKayAlphaResidual:G3} {sol.Bayes.MacKayBetaResidual:G3}"));
        return 0;
    }
}
