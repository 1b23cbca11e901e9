using System.Diagnostics;
using System.Globalization;
using Nestor.Potentials.Eam;
using Nestor.Sampling;
using Nestor.Sampling.Output;

namespace Nestor.Bench;

/// <summary>
/// Nested-sampling throughput (issue #4): 16-atom Mg with an EAM, 640 walkers, 300 model calls per walk, MD atom
/// moves of 5 steps, at 0 and 100 GPa, with 1 and 2 threads (2 parallel walks for both, so the work and the output
/// are identical). Each pressure first runs --warmup iterations (untimed, 2 threads) to leave the gas; the timed
/// part continues that run from its snapshot for --iterations more, once per thread count, in copies of its files,
/// after 300 untimed iterations that get the hot code compiled.
/// Reports model calls per wall and per CPU second, iterations per second, and where the time went. With
/// --repeat N every segment runs N times (thread counts interleaved) and a summary gives medians and ranges, for
/// machines whose speed varies from run to run.
/// Usage: ns [--eam FILE] [--pressures 0,100] [--warmup 20000] [--iterations 3000] [--threads 1,2] [--skin A] [--repeat N] [--keep DIR]
/// </summary>
public static class NsBenchmark
{
    public static int Run(string[] args)
    {
        string eamPath = Arg(args, "--eam") ?? Path.Combine(AceBenchmark.Locate("mg"), "Mg1.eam.fs");
        var pressures = (Arg(args, "--pressures") ?? "0,100").Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        long warmup = long.Parse(Arg(args, "--warmup") ?? "20000", CultureInfo.InvariantCulture);
        long iterations = long.Parse(Arg(args, "--iterations") ?? "3000", CultureInfo.InvariantCulture);
        var threadCounts = (Arg(args, "--threads") ?? "1,2").Split(',').Select(int.Parse).ToArray();
        string root = Arg(args, "--keep") ?? Path.Combine(Path.GetTempPath(), "nestor-ns-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(root);
        double skin = double.Parse(Arg(args, "--skin") ?? "1.0", CultureInfo.InvariantCulture);
        var eam = EamPotential.Read(eamPath, skin: skin);
        Console.WriteLine($"NS benchmark: {eamPath}, 16 Mg, 640 walkers, 300 calls/walk, MD 5 steps, 2 parallel walks, neighbour skin {skin} A; warm-up {warmup} iterations, timed {iterations}; {Environment.ProcessorCount} cores");
        Console.WriteLine("| P GPa | threads | iterations | H/N at end eV | model calls | wall s | calls/wall-s | calls/CPU-s | iter/s | potential us/call | engine us/call | idle % | run ahead % | speed-up |");
        Console.WriteLine("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        int repeat = int.Parse(Arg(args, "--repeat") ?? "1", CultureInfo.InvariantCulture);
        var summary = new List<string>();
        foreach (double p in pressures)
        {
            var o = new NestedSamplingOptions
            {
                Atoms = [new SpeciesCount("Mg", 16)], PressureGPa = p, Walkers = 640, WalkLength = 300, AtomTrajLength = 5,
                MinAspectRatio = 0.65, MaxVolumePerAtom = 60, KEmaxMaxT = p == 0 ? 2000 : -1, Seed = 1, ParallelWalks = 2,
                TrajInterval = 0, SnapshotInterval = 0, SnapshotSeconds = 0, NIter = warmup, Threads = 2,
            };
            string warm = Path.Combine(root, $"warm_{p:G}");
            if (warmup > 0 && !File.Exists(warm + ".snapshot.json")) new NestedSampler(o, eam, warm).Run();
            // an untimed stretch first, so that the first timed run does not pay for compiling the hot code
            // (tiered JIT) and the runs after it do
            if (warmup > 0)
            {
                string jit = Path.Combine(root, $"jit_{p:G}");
                StartFrom(warm, jit);
                new NestedSampler(o with { NIter = warmup + 300, Threads = threadCounts.Max() }, eam, jit).Run();
            }
            // per thread count, every repetition's calls per CPU second and per wall second (repetitions interleave
            // the thread counts, so that a slow spell of a shared machine hits them alike)
            var cpuRates = threadCounts.Select(_ => new List<double>()).ToArray();
            var wallRates = threadCounts.Select(_ => new List<double>()).ToArray();
            for (int rep = 0; rep < repeat; rep++)
            {
                double rate1 = double.NaN;
                for (int ti = 0; ti < threadCounts.Length; ti++)
                {
                    int t = threadCounts[ti];
                    string prefix = Path.Combine(root, $"mg_{p:G}_{t}");
                    if (warmup > 0) StartFrom(warm, prefix);
                    else DeleteRun(prefix);
                    var run = o with { NIter = warmup + iterations, Threads = t };
                    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                    var sampler = new NestedSampler(run, eam, prefix);
                    var r = sampler.Run();
                    double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
                    var tm = r.Timing!;
                    double lowest = RunRecord.TryLoad(sampler.Paths.RunRecord)?.LowestH ?? double.NaN;
                    double wallRate = r.ModelCalls / r.WallSeconds;
                    if (double.IsNaN(rate1)) rate1 = wallRate;
                    cpuRates[ti].Add(r.ModelCalls / cpu);
                    wallRates[ti].Add(wallRate);
                    double idle = 100 * tm.IdleThreadSeconds / (t * tm.WallSeconds);
                    double ahead = 100.0 * tm.AdoptedWalks / (2 * iterations);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {p:G} | {t} | {warmup}-{warmup + iterations} | {lowest / 16:F3} | {r.ModelCalls} | {r.WallSeconds:F1} | {wallRate:F0} | {r.ModelCalls / cpu:F0} | {iterations / r.WallSeconds:F0} | {tm.PotentialMicrosecondsPerCall:F2} | {tm.EngineMicrosecondsPerCall:F2} | {idle:F1} | {ahead:F1} | {wallRate / rate1:F2} |"));
                }
            }
            if (repeat > 1)
                for (int ti = 0; ti < threadCounts.Length; ti++)
                {
                    // speed-up of the medians of wall rates, against the first thread count
                    double speedUp = Median(wallRates[ti]) / Median(wallRates[0]);
                    summary.Add(string.Create(CultureInfo.InvariantCulture,
                        $"| {p:G} | {threadCounts[ti]} | {repeat} | {Median(cpuRates[ti]):F0} | {cpuRates[ti].Min():F0}-{cpuRates[ti].Max():F0} | {Median(wallRates[ti]):F0} | {speedUp:F2} |"));
                }
        }
        if (summary.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| P GPa | threads | runs | calls/CPU-s median | calls/CPU-s range | calls/wall-s median | speed-up of medians |");
            Console.WriteLine("|---:|---:|---:|---:|---|---:|---:|");
            foreach (var line in summary) Console.WriteLine(line);
        }
        if (Arg(args, "--keep") is null) Directory.Delete(root, recursive: true);
        return 0;
    }

    /// <summary>Replaces the run at <paramref name="to"/> by a copy of the run at <paramref name="from"/> (prefixes in one folder).</summary>
    private static void StartFrom(string from, string to)
    {
        DeleteRun(to);
        string dir = Path.GetDirectoryName(from)!;
        foreach (var f in Directory.GetFiles(dir, Path.GetFileName(from) + ".*"))
            File.Copy(f, to + Path.GetFileName(f)[Path.GetFileName(from).Length..]);
    }

    private static void DeleteRun(string prefix)
    {
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(prefix)!, Path.GetFileName(prefix) + ".*")) File.Delete(f);
    }

    private static double Median(List<double> x)
    {
        var y = x.Order().ToArray();
        return y.Length % 2 == 1 ? y[y.Length / 2] : 0.5 * (y[y.Length / 2 - 1] + y[y.Length / 2]);
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
