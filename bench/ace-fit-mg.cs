#:project ../src/Nestor.Fitting/Nestor.Fitting.csproj
// The o4_d14 ACE fit of the Mg benchmark (issue 6): cycle_0 + cycle_1 + cycle_3, 10 % test split (seed 1), BLR with a
// committee of 10, against the released cycle-5 model on the same test frames.
// Run from bench/: dotnet run -c Release ace-fit-mg.cs [WEIGHTS=9:1:1] [DATA=/work/shared/data]
using System.Diagnostics;
using Nestor.Fitting;
using Nestor.Fitting.Ace;
using Nestor.Fitting.Design;
using Nestor.Fitting.Reports;
using Nestor.Potentials.Ace;
var sw = Stopwatch.StartNew();
var e0 = new Dictionary<string, double> { ["Mg"] = -1688.821130128 };
string data = args.Length > 1 ? args[1] : "/work/shared/data";
var files = new[] { "cycle_0", "cycle_1", "cycle_3" }.Select(c => $"{data}/mg/{c}.edb.extxyz").ToArray();
var weights = FitWeights.Parse(args.Length > 0 ? args[0] : "9:1:1", []);
var set = FrameSet.Load(files, new LabelKeys(), weights);
Console.WriteLine($"frames {set.Frames.Count}, skipped {set.Skipped.Count}, load {sw.Elapsed.TotalSeconds:F1} s");
sw.Restart();
var basis = new AceLinearBasis("Mg", new AceBasisSpec { Order = 4, TotalDegree = 14, Cutoff = 8.2, R0 = 3.2 });
Console.WriteLine($"basis {basis.Length} functions, {sw.Elapsed.TotalSeconds:F2} s");
sw.Restart();
var fit = LinearFitter.Fit(basis, set, 0.1, 1, new FitOptions { Weights = weights, E0 = e0, Committee = 10, Seed = 1, Threads = 2 });
Console.WriteLine($"fit total {sw.Elapsed.TotalSeconds:F1} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:F2} GB");
foreach (var (k, v) in fit.Report.Timings) Console.WriteLine($"  {k} {v:F2} s");
foreach (var (k, v) in fit.Report.SolverFigures) Console.WriteLine($"  {k} {v:G4}");
var (train, test) = set.Split(0.1, 1);
var rel = new AcePotential(Ace1JsonLoader.Load($"{data}/mg/models/cycle_5_o4_d14.json"), "cycle5");
var relStats = ErrorStatistics.Of(PotentialPredictions.Of(rel, test, e0));
var t = fit.Report.Test.Overall; var tr = fit.Report.Train.Overall;
Console.WriteLine($"train: E {tr.EnergyRmseMevPerAtom:F2} meV/atom, F {tr.ForcesRmseEvPerA:F4} eV/A, V {tr.VirialRmseMevPerAtom:F2} meV/atom ({tr.Frames} frames)");
Console.WriteLine($"test : E {t.EnergyRmseMevPerAtom:F2} meV/atom, F {t.ForcesRmseEvPerA:F4} eV/A, V {t.VirialRmseMevPerAtom:F2} meV/atom ({t.Frames} frames)");
Console.WriteLine($"cycle_5 released model on the same test frames: E {relStats.EnergyRmseMevPerAtom:F2}, F {relStats.ForcesRmseEvPerA:F4}, V {relStats.VirialRmseMevPerAtom:F2}");
Console.WriteLine(fit.Report.ToText());
