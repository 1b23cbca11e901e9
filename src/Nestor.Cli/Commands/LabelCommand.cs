using System.CommandLine;
using System.Globalization;
using Nestor.Atoms;
using Nestor.Atoms.IO;
using Nestor.Labelling;
using Nestor.Labelling.Executors;
using Nestor.Labelling.QuantumEspresso;
using Nestor.Labelling.Store;

namespace Nestor.Cli.Commands;

/// <summary>
/// <c>nestor label</c>: labels the frames of an extxyz file with DFT (Quantum ESPRESSO) or a reference potential,
/// through a resumable SQLite store, and writes the labelled frames.
/// </summary>
public static class LabelCommand
{
    public static Command Create()
    {
        var labeller = new Option<string>("--labeller") { Description = "qe (Quantum ESPRESSO pw.x), castep (needs a CASTEP binary; settings default to the paper's) or reference (a Nestor potential standing in for DFT; labels marked label_source=reference:SPEC)", Required = true };
        var config = new Option<string?>("--config") { Description = "TOML settings of the labeller. qe keys: " + string.Join("; ", QeSettingsReader.Keys.Select(k => $"{k.Key}: {k.Help}")) + ". castep keys: " + string.Join("; ", Nestor.Labelling.Castep.CastepSettingsReader.Keys.Select(k => $"{k.Key}: {k.Help}")) + ". reference key: potential" };
        var potential = new Option<string?>("--potential") { Description = "potential spec for --labeller reference, e.g. eam:Mg1.eam.fs" };
        var input = new Option<string>("--input") { Description = "extxyz file of structures to label", Required = true };
        var output = new Option<string>("--output") { Description = "extxyz file written with the labelled structures (failures left out), atomically", Required = true };
        var executor = new Option<string>("--executor") { Description = "where jobs run: local (this machine) or slurm (one job array via sbatch; rerunning re-attaches to elements still queued or running)", DefaultValueFactory = _ => "local" };
        var jobs = new Option<int>("--jobs") { Description = "jobs running at once (slurm: the array throttle %N)", DefaultValueFactory = _ => 1 };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (default: the cluster's default)" };
        var cores = new Option<int>("--cores") { Description = "cores (MPI ranks) per job; pw.x runs as mpirun -np N pw.x -nk N when N > 1", DefaultValueFactory = _ => 1 };
        var timeLimit = new Option<double>("--time-limit") { Description = "wall-clock limit per job in seconds (0 = none); the job is killed and classified TimedOut", DefaultValueFactory = _ => 0 };
        var store = new Option<string?>("--store") { Description = "SQLite label store (default OUTPUT.labels.db); finished labels in it are never recomputed" };
        var work = new Option<string?>("--work-dir") { Description = "directory for the raw inputs and outputs of each job (default OUTPUT.work)" };
        var retry = new Option<bool>("--retry-failed") { Description = "try requests that failed in an earlier run again" };
        var energyKey = new Option<string>("--energy-key") { Description = "info key of the energy (eV)", DefaultValueFactory = _ => "dft_energy" };
        var forcesKey = new Option<string>("--forces-key") { Description = "per-atom key of the forces (eV/A)", DefaultValueFactory = _ => "dft_forces" };
        var virialKey = new Option<string>("--virial-key") { Description = "info key of the virial (eV, 9 numbers, positive under compression)", DefaultValueFactory = _ => "dft_virial" };
        var stressKey = new Option<string>("--stress-key") { Description = "info key of the stress (GPa, 9 numbers, ASE sign: negative under compression)", DefaultValueFactory = _ => "dft_stress" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress lines" };

        var cmd = new Command("label", "Label structures with DFT (Quantum ESPRESSO pw.x, CASTEP) or a reference potential: energy, forces, virial, stress. " +
            "Resumable: rerun the same command after an interruption and finished labels are kept, interrupted jobs rerun.");
        foreach (var o in new Option[] { labeller, config, potential, input, output, executor, jobs, partition, cores, timeLimit, store, work, retry, energyKey, forcesKey, virialKey, stressKey, quiet })
            cmd.Options.Add(o);
        cmd.SetAction(p =>
        {
            string outPath = p.GetValue(output)!;
            string exec = p.GetValue(executor)!;
            if (exec is not ("local" or "slurm")) throw new UserInputException($"unknown executor '{exec}' (known: local, slurm)");
            int nJobs = p.GetValue(jobs), nCores = p.GetValue(cores);
            if (nJobs < 1) throw new UserInputException($"--jobs must be at least 1, got {nJobs}");
            if (nCores < 1) throw new UserInputException($"--cores must be at least 1, got {nCores}");
            double limit = p.GetValue(timeLimit);
            if (limit < 0 || !double.IsFinite(limit)) throw new UserInputException($"--time-limit must be a non-negative number of seconds, got {limit}");
            var keys = new LabelKeys(p.GetValue(energyKey)!, p.GetValue(forcesKey)!, p.GetValue(virialKey)!, p.GetValue(stressKey)!);

            var lab = LabellerFactory.Create(p.GetValue(labeller)!, p.GetValue(config), p.GetValue(potential));
            var structures = ReadInput(p.GetValue(input)!);
            using var db = new LabelStore(p.GetValue(store) ?? outPath + ".labels.db");
            TimeSpan? span = limit > 0 ? TimeSpan.FromSeconds(limit) : null;
            ILabelExecutor ex = exec == "local"
                ? new LocalExecutor(nJobs, nCores, span)
                : new SlurmExecutor(LabelJobCommand.WorkerCommand(p.GetValue(labeller)!, p.GetValue(config), p.GetValue(potential), nCores, limit),
                    nJobs, nCores, span is { } t ? t + TimeSpan.FromMinutes(1) : null) { Partition = p.GetValue(partition) };
            var runner = new LabelRunner(lab, db, ex, p.GetValue(work) ?? outPath + ".work")
            {
                RetryFailed = p.GetValue(retry),
            };
            var progress = p.GetValue(quiet) ? null : new ConsoleProgress();
            LabelRunSummary summary;
            try { summary = runner.Run(structures, progress); }
            catch (InvalidOperationException e) when (exec == "slurm")
            {
                throw new UserInputException($"slurm executor: {e.Message}", e);
            }
            ExtXyz.WriteFile(outPath, summary.LabelledStructures(keys));
            PrintSummary(summary, outPath, db);
            return summary.Labelled == structures.Count ? 0 : 1;
        });
        return cmd;
    }

    private static List<Structure> ReadInput(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"input file not found: {path}");
        try
        {
            var list = ExtXyz.Read(path).ToList();
            if (list.Count == 0) throw new UserInputException($"{path}: the file holds no structures");
            return list;
        }
        catch (FormatException e) { throw new UserInputException(e.Message, e); }
    }

    private static void PrintSummary(LabelRunSummary s, string output, LabelStore db)
    {
        var o = Console.Out;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"labelled {s.Labelled} of {s.Items.Count} structures ({s.Computed} computed now, {s.Reused} from the store) -> {output}"));
        if (db.MeanSecondsDone() is { } mean)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mean wall time per finished label: {mean:F2} s"));
        var fails = s.FailuresByClass();
        if (fails.Count == 0) return;
        o.WriteLine("failures by class (not written to the output):");
        o.WriteLine("  class              count  first message");
        foreach (var (cls, n) in fails.OrderByDescending(kv => kv.Value))
        {
            var first = s.Items.First(i => i.Label is null && i.Failure == cls).Message;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {cls,-18} {n,5}  {first}"));
        }
    }

    private sealed class ConsoleProgress : IProgress<LabelProgress>
    {
        private readonly Lock _gate = new();
        private string _last = "";

        public void Report(LabelProgress v)
        {
            string eta = v.Eta is { } t ? t.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--";
            string line = string.Create(CultureInfo.InvariantCulture,
                $"label: {v.Done + v.Failed}/{v.Total} finished ({v.Done} done, {v.Failed} failed), {v.Running} running, ETA {eta}");
            lock (_gate)
            {
                if (line == _last) return;
                _last = line;
                Console.Error.WriteLine(line);
            }
        }
    }
}
