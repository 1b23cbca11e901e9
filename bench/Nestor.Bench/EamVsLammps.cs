using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Nestor.Atoms;
using Nestor.Atoms.Build;
using Nestor.Potentials;

namespace Nestor.Bench;

/// <summary>
/// EAM energy+forces cost per atom-step for hcp Mg (16, 128, 2000 atoms), Nestor with 1 and all threads, and
/// LAMMPS (Debian's lmp, pair_style eam/fs, 1 and all MPI ranks) on the same structures in the same run.
/// </summary>
public static class EamVsLammps
{
    public static int Run(string[] args)
    {
        string pot = Arg(args, "--potential") ?? FirstExisting(
            Environment.GetEnvironmentVariable("NESTOR_REFERENCE_DATA") is { } d ? Path.Combine(d, "mg", "Mg1.eam.fs") : "",
            "../shared/data/mg/Mg1.eam.fs", "/usr/share/lammps/potentials/Mg_mm.eam.fs");
        long atomSteps = long.Parse(Arg(args, "--atom-steps") ?? "4000000", CultureInfo.InvariantCulture);
        var sizes = (Arg(args, "--sizes") ?? "16,128,2000").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        int cores = Environment.ProcessorCount;
        var potential = PotentialRegistry.Create("eam:" + pot);
        Console.WriteLine($"# EAM benchmark: {pot}, hcp Mg, NVE velocity Verlet, dt 1 fs, 300 K start, {atomSteps} atom-steps per run (steps = atom-steps / atoms)");
        Console.WriteLine($"# machine: {cores} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        bool haveLmp = Which("lmp") is not null;
        bool haveMpi = Which("mpirun") is not null;
        Console.WriteLine("# wall = elapsed time; cpu = CPU time of all threads (Nestor: process CPU time; LAMMPS: loop time x its 'CPU use')");
        Console.WriteLine("# per thread count: Nestor uses that many threads, LAMMPS that many MPI ranks");
        Console.WriteLine("| atoms | threads | Nestor wall us/atom-step | LAMMPS wall | LAMMPS/Nestor wall | Nestor cpu us/atom-step | LAMMPS cpu | LAMMPS/Nestor cpu |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int n in sizes)
        {
            var s = HcpWithAtoms(n);
            int st = (int)Math.Max(50, atomSteps / n);
            foreach (int threads in cores > 1 ? new[] { 1, cores } : new[] { 1 })
            {
                // warm-up (JIT, neighbour list) then the measured run on a fresh copy
                MdLoop.Run(potential, s.Clone(), Math.Max(20, st / 10), 1.0, 300, 1, threads, out _);
                double sec = MdLoop.Run(potential, s.Clone(), st, 1.0, 300, 1, threads, out double drift, out double cpu);
                double ours = sec / st / n * 1e6, oursCpu = cpu / st / n * 1e6;
                // LAMMPS over MPI on tiny cells spends most of its time communicating: fewer steps keep the run short
                int ranks = threads > 1 && haveMpi ? threads : 1;
                var lmp = haveLmp ? Lammps(pot, s, ranks > 1 ? Math.Max(50, st / 20) : st, ranks) : null;
                static string F(double? x, string fmt) => x is null ? "n/a" : x.Value.ToString(fmt, CultureInfo.InvariantCulture);
                Console.WriteLine(FormattableString.Invariant(
                    $"| {n} | {threads} | {ours:F3} | {F(lmp?.Wall, "F3")} | {F(lmp?.Wall / ours, "F2")} | {oursCpu:F3} | {F(lmp?.Cpu, "F3")} | {F(lmp?.Cpu / oursCpu, "F2")} |"));
                if (Math.Abs(drift) > 1e-3) Console.WriteLine($"#   warning: NVE energy drift {drift:G3} eV/atom");
            }
        }
        if (!haveLmp) Console.WriteLine("# lmp not found: install Debian's lammps for the comparison");
        return 0;
    }

    /// <summary>hcp Mg (a = 3.18529, c = 5.18531 A) with n atoms: 16 = 2x2x2, 128 = 4x4x4, 2000 = 10x10x10 cells.</summary>
    public static Structure HcpWithAtoms(int n)
    {
        int cells = n / 2;
        int m = (int)Math.Round(Math.Cbrt(cells));
        if (2 * m * m * m != n) throw new ArgumentException($"{n} atoms is not 2 m^3 for an hcp m x m x m supercell");
        return Lattices.Hcp("Mg", 3.18529, 5.18531, m, m, m);
    }

    /// <summary>Runs the same MD in LAMMPS; returns microseconds per atom-step from its "Loop time".</summary>
    private static (double Wall, double Cpu)? Lammps(string potFile, Structure s, int steps, int ranks)
    {
        var dir = Directory.CreateTempSubdirectory("nestor-bench-lmp-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "data.lmp"), LammpsData(s));
            File.WriteAllText(Path.Combine(dir.FullName, "in.lmp"), string.Join('\n',
                "units metal", "atom_style atomic", "boundary p p p", "box tilt large", "read_data data.lmp",
                "mass 1 24.305", "pair_style eam/fs", $"pair_coeff * * {Path.GetFullPath(potFile)} Mg",
                "neighbor 1.0 bin", "velocity all create 300 1 dist gaussian", "fix 1 all nve", "timestep 0.001",
                "thermo 1000", "run 20", $"run {steps}", ""));
            var psi = ranks > 1
                ? new ProcessStartInfo("mpirun", $"--allow-run-as-root --oversubscribe -np {ranks} lmp -in in.lmp -log log.lammps")
                : new ProcessStartInfo("lmp", "-in in.lmp -log log.lammps");
            psi.WorkingDirectory = dir.FullName;
            psi.RedirectStandardOutput = true;
            psi.RedirectStandardError = true;
            psi.Environment["OMP_NUM_THREADS"] = "1";
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            var log = File.Exists(Path.Combine(dir.FullName, "log.lammps")) ? File.ReadAllText(Path.Combine(dir.FullName, "log.lammps")) : output;
            var ms = Regex.Matches(log, @"Loop time of ([0-9.eE+-]+) on \d+ procs for (\d+) steps with (\d+) atoms");
            if (ms.Count == 0) { Console.WriteLine("#   LAMMPS failed: " + output.Split('\n').LastOrDefault(l => l.Length > 0)); return null; }
            var last = ms[^1];
            double t = double.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture);
            double wall = t / int.Parse(last.Groups[2].Value, CultureInfo.InvariantCulture) / int.Parse(last.Groups[3].Value, CultureInfo.InvariantCulture) * 1e6;
            // "98.7% CPU use with 1 MPI tasks x 1 OpenMP threads" follows the last loop line (per rank)
            var cpuUse = Regex.Matches(log, @"([0-9.]+)% CPU use with (\d+) MPI tasks");
            double cpu = cpuUse.Count > 0
                ? wall * double.Parse(cpuUse[^1].Groups[1].Value, CultureInfo.InvariantCulture) / 100 * int.Parse(cpuUse[^1].Groups[2].Value, CultureInfo.InvariantCulture)
                : double.NaN;
            return (wall, cpu);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    /// <summary>A LAMMPS data file; the cell must be lower triangular (a along x, b in xy), as Lattices.Hcp builds it.</summary>
    public static string LammpsData(Structure s)
    {
        var c = s.Cell;
        if (Math.Abs(c.A.Y) > 1e-12 || Math.Abs(c.A.Z) > 1e-12 || Math.Abs(c.B.Z) > 1e-12)
            throw new ArgumentException("LAMMPS needs a lower-triangular cell (a along x, b in the xy plane)");
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("Nestor benchmark structure").AppendLine();
        sb.AppendLine($"{s.Count} atoms").AppendLine("1 atom types");
        sb.AppendLine(string.Format(inv, "0 {0:R} xlo xhi", c.A.X));
        sb.AppendLine(string.Format(inv, "0 {0:R} ylo yhi", c.B.Y));
        sb.AppendLine(string.Format(inv, "0 {0:R} zlo zhi", c.C.Z));
        sb.AppendLine(string.Format(inv, "{0:R} {1:R} {2:R} xy xz yz", c.B.X, c.C.X, c.C.Y)).AppendLine();
        sb.AppendLine("Atoms # atomic").AppendLine();
        for (int i = 0; i < s.Count; i++)
            sb.AppendLine(string.Format(inv, "{0} 1 {1:R} {2:R} {3:R}", i + 1, s.Positions[3 * i], s.Positions[3 * i + 1], s.Positions[3 * i + 2]));
        return sb.ToString();
    }

    private static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string FirstExisting(params string[] paths) =>
        paths.FirstOrDefault(p => p.Length > 0 && File.Exists(p)) ?? throw new FileNotFoundException("no EAM file found: pass --potential PATH");

    private static string? Which(string exe) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, exe)).FirstOrDefault(File.Exists);
}
