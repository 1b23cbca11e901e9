using System.Diagnostics;
using Nestor.Fitting;
using Nestor.Fitting.Bases;
using Nestor.Fitting.Design;
using Nestor.Fitting.Reports;
using Nestor.Potentials;

namespace Nestor.Bench;

/// <summary>
/// End-to-end baseline fit on the Mg DFT data: the pair-polynomial linear basis (NOT ACE) fitted by BLR with a
/// committee to cycle_0/1/3 .edb.extxyz with a fixed 10 % test split, report + parity plots, and the released
/// cycle-5 ACE1 model evaluated on the same test frames for comparison.
/// With --embedding K &gt; 0 the EAM-like basis (pairs + K embedding functions of each density in --betas) is used.
/// usage: fit-pair [--data DIR] [--out PREFIX] [--degree 14] [--embedding 0] [--betas 1,2,4] [--cutoff 8.2] [--r0 3.2]
///        [--weights 30:1:1] [--threads N] [--holdout cycle_3] [--pressure virial|ns_P]
/// </summary>
public static class FitPairMg
{
    public static int Run(string[] args)
    {
        string Arg(string name, string def)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : def;
        }
        string data = Arg("--data", "/work/shared/data/mg");
        string outPrefix = Arg("--out", "fit-pair-mg/mg_pair");
        int degree = int.Parse(Arg("--degree", "14"));
        double cutoff = double.Parse(Arg("--cutoff", "8.2"), System.Globalization.CultureInfo.InvariantCulture);
        double r0 = double.Parse(Arg("--r0", "3.2"), System.Globalization.CultureInfo.InvariantCulture);
        int threads = int.Parse(Arg("--threads", "-1"));
        var weights = new FitWeights { Default = ObservationWeight.Parse(Arg("--weights", "30:1:1")) };
        var e0 = new Dictionary<string, double> { ["Mg"] = -1688.821130128 };

        var clock = Stopwatch.StartNew();
        var files = new[] { "cycle_0.edb.extxyz", "cycle_1.edb.extxyz", "cycle_3.edb.extxyz" }.Select(f => Path.Combine(data, f)).ToArray();
        var set = FrameSet.Load(files, new LabelKeys(), weights);
        Console.WriteLine($"read {set.Frames.Count} frames ({set.Skipped.Count} skipped) in {clock.Elapsed.TotalSeconds:F2} s");
        foreach (var s in set.Skipped) Console.WriteLine($"  skipped {s}");
        // --holdout cycle_3: train on the other files, test on that one (the paper's cycle-3 situation)
        string holdout = Arg("--holdout", "");
        var (train, test) = holdout.Length == 0 ? set.Split(0.1, seed: 1)
            : ((IReadOnlyList<LabelledFrame>)set.Frames.Where(f => !Path.GetFileName(f.Source).StartsWith(holdout, StringComparison.Ordinal)).ToList(),
               (IReadOnlyList<LabelledFrame>)set.Frames.Where(f => Path.GetFileName(f.Source).StartsWith(holdout, StringComparison.Ordinal)).ToList());
        int embedding = int.Parse(Arg("--embedding", "0"));
        var betas = Arg("--betas", "1,2,4").Split(',').Select(b => double.Parse(b, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        ILinearBasis basis = embedding > 0
            ? new EamLikeBasis("Mg", degree, embedding, betas, cutoff, r0)
            : new PairPolynomialBasis(["Mg"], degree, cutoff, r0);
        var options = new FitOptions { Weights = weights, E0 = e0, Solver = SolverKind.Blr, Committee = 10, Seed = 1, Smoothness = 4, Threads = threads,
            Bands = Arg("--pressure", "virial") == "ns_P" ? new PressureBands([0, 10, 50, 100, 200, 400], "ns_P", Nestor.Atoms.Units.EvPerA3InGPa) : PressureBands.Default };
        Console.WriteLine($"basis {basis.Description}: {basis.Length} functions; {train.Count} train / {test.Count} test frames");
        clock.Restart();
        var fit = LinearFitter.Fit(basis, train, test, options, set.Skipped);
        Console.WriteLine($"fit in {clock.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine(fit.Report.ToText());
        fit.Report.WriteJson(outPrefix + ".report.json");
        Nestor.Fitting.Models.LinearModelFile.Write(outPrefix + ".linear.json", basis, fit.Solution.Coefficients, fit.Solution.Committee, e0, fit.Report.Solver);
        Console.WriteLine($"wrote {outPrefix}.linear.json (load as linear:PATH after LinearModelFile.RegisterStyle())");
        foreach (var p in ParityPlots.Write(fit.Report, outPrefix)) Console.WriteLine($"wrote {p}");

        string model = Path.Combine(data, "models", "cycle_5_o4_d14.json");
        if (File.Exists(model))
        {
            clock.Restart();
            var ace = PotentialRegistry.Create("ace:" + model);
            var pred = PotentialPredictions.Of(ace, test, e0, threads);
            var st = SetReport.Of(pred, PressureBands.Default);
            Console.WriteLine($"released cycle_5_o4_d14 (ACE1) on the same {test.Count} test frames ({clock.Elapsed.TotalSeconds:F1} s):");
            Console.WriteLine(System.FormattableString.Invariant(
                $"  E rmse {st.Overall.EnergyRmseMevPerAtom:F3} meV/atom, F rmse {st.Overall.ForcesRmseEvPerA:F4} eV/A, V rmse {st.Overall.VirialRmseMevPerAtom:F3} meV/atom"));
            foreach (var (band, e) in st.ByPressure)
                Console.WriteLine(System.FormattableString.Invariant($"  {band,-10} GPa {e.Frames,4} frames  E {e.EnergyRmseMevPerAtom:F3}  F {e.ForcesRmseEvPerA:F4}  V {e.VirialRmseMevPerAtom:F3}"));
        }
        // the paper's figure: the cycle-3 model, fitted without cycle-3 data, was off by 3.96 meV/atom RMS on the cycle-3 samples
        string c3model = Path.Combine(data, "models", "cycle_3_o4_d14.json");
        if (File.Exists(c3model))
        {
            var c3 = FrameSet.Load([Path.Combine(data, "cycle_3.edb.extxyz")], new LabelKeys(), weights);
            var pred = PotentialPredictions.Of(PotentialRegistry.Create("ace:" + c3model), c3.Frames, e0, threads);
            var st = ErrorStatistics.Of(pred);
            Console.WriteLine(System.FormattableString.Invariant(
                $"released cycle_3_o4_d14 on all {st.Frames} cycle_3.edb frames: E rmse {st.EnergyRmseMevPerAtom:F3} meV/atom, F rmse {st.ForcesRmseEvPerA:F4} eV/A, V rmse {st.VirialRmseMevPerAtom:F3} meV/atom"));
        }
        return 0;
    }
}
