using System.Diagnostics;
using System.Globalization;
using Nestor.Atoms;
using Nestor.Potentials;
using Nestor.Potentials.Ace;

namespace Nestor.Bench;

/// <summary>
/// ACE (ace:PATH) cost per atom for energy + forces: 16-atom NS cells from cycle_3.rdb.extxyz at 0 GPa (frame 0) and
/// 600 GPa (frame 389), and a 2000-atom hcp cell at 0 GPa density, with 1 and all threads; committee overhead;
/// neighbours per atom and the estimated floating-point operations per atom.
/// </summary>
public static class AceBenchmark
{
    public static int Run(string[] args)
    {
        string data = Arg(args, "--data") ?? Locate("mg");
        string model = Arg(args, "--model") ?? Path.Combine(data, "models", "cycle_3_o4_d14.json");
        double seconds = double.Parse(Arg(args, "--seconds") ?? "2", CultureInfo.InvariantCulture);
        var pot = AcePotential.Load(model);
        var frames = Nestor.Atoms.IO.ExtXyz.Read(Path.Combine(data, "cycle_3.rdb.extxyz")).ToList();
        int cores = Environment.ProcessorCount;
        Console.WriteLine($"# ACE benchmark: {model}; {cores} cores; .NET {Environment.Version}; {seconds} s per case");
        var (fn, fa) = AceCost.Estimate(pot.Model);
        Console.WriteLine(FormattableString.Invariant(
            $"# product functions: {pot.Model.ManyBody?.Products.Count} in the file, {pot.ProductFunctionsEvaluated} evaluated (conjugate pairs merged); flops (E+F): {fn:F0} per neighbour + {fa:F0} per atom"));
        Console.WriteLine("# us/atom: wall clock (CPU time of the process in brackets, all threads together)");
        Console.WriteLine("| case | atoms | neighbours/atom | threads | E+F us/atom | E only us/atom | E+F+committee us/atom | est. Mflop/atom (E+F) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var cases = new List<(string Name, Structure S)>
        {
            ("NS cell 0 GPa (frame 0)", frames[0]),
            ("NS cell 600 GPa (frame 389)", frames[389]),
            ("hcp 0 GPa 10x10x10", EamVsLammps.HcpWithAtoms(2000)),
        };
        foreach (var (name, s) in cases)
        {
            double nbr = Neighbours(s, pot.Cutoff);
            foreach (int threads in s.Count > 100 && cores > 1 ? new[] { 1, cores } : new[] { 1 })
            {
                var r = new PotentialResult { Threads = threads };
                var c = new double[pot.CommitteeSize];
                var ef = Time(() => pot.Compute(s, Quantities.Forces, r), seconds);
                var e = Time(() => pot.Compute(s, Quantities.Energy, r), seconds);
                var efc = Time(() => pot.ComputeCommittee(s, Quantities.Forces, r, c), seconds);
                double flops = FlopsPerAtom(pot, nbr) / 1e6;
                string F((double Wall, double Cpu) t) => FormattableString.Invariant($"{t.Wall / s.Count * 1e6:F1} ({t.Cpu / s.Count * 1e6:F1})");
                Console.WriteLine(FormattableString.Invariant(
                    $"| {name} | {s.Count} | {nbr:F1} | {threads} | {F(ef)} | {F(e)} | {F(efc)} | {flops:F3} |"));
            }
        }
        return 0;
    }

    /// <summary>Floating-point operations per atom for energy + forces (<see cref="AceCost"/>).</summary>
    public static double FlopsPerAtom(AcePotential pot, double neighbours)
    {
        var (perNeighbour, perAtom) = AceCost.Estimate(pot.Model);
        return perNeighbour * neighbours + perAtom;
    }

    private static double Neighbours(Structure s, double cutoff)
    {
        var nl = new Nestor.Atoms.Neighbours.NeighbourList(cutoff);
        nl.Build(s);
        int count = 0;
        foreach (double r in nl.R) if (r < cutoff) count++;
        return (double)count / s.Count;
    }

    /// <summary>Seconds per call: wall clock, and process CPU time (all threads; with one thread the better figure on a busy machine).</summary>
    private static (double Wall, double Cpu) Time(Action a, double seconds)
    {
        // warm-up long enough for tiered compilation to reach optimised code
        var warm = Stopwatch.StartNew();
        for (int w = 0; w < 50 || warm.Elapsed.TotalSeconds < 0.2 * seconds; w++) a();
        Thread.Sleep(100);
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        int reps = 0;
        while (sw.Elapsed.TotalSeconds < seconds || reps < 3) { a(); reps++; }
        double wall = sw.Elapsed.TotalSeconds;
        proc.Refresh();
        return (wall / reps, (proc.TotalProcessorTime - cpu0).TotalSeconds / reps);
    }

    internal static string Locate(string sub)
    {
        var env = Environment.GetEnvironmentVariable("NESTOR_REFERENCE_DATA");
        if (!string.IsNullOrEmpty(env)) return Path.Combine(env, sub);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var c = Path.Combine(dir.FullName, "shared", "data", sub);
            if (Directory.Exists(c)) return c;
            dir = dir.Parent;
        }
        throw new DirectoryNotFoundException("shared/data not found: set NESTOR_REFERENCE_DATA or pass --data");
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
