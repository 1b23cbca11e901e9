using System.Diagnostics;
using System.Globalization;
using System.Text;
using Nestor.Atoms.IO;

namespace Nestor.Labelling.Executors;

/// <summary>
/// Runs labelling jobs as one Slurm job array: each element runs <see cref="WorkerCommand"/> (e.g.
/// <c>nestor label-job DIR --labeller qe --config qe.toml</c>) in its job directory, which labels
/// <c>structure.extxyz</c> and writes <c>result.json</c>. Submits with <c>sbatch --parsable --array=0-(n-1)%N</c>,
/// follows with <c>squeue</c>, reads results as elements leave the queue, resubmits elements that ended without a
/// result (up to <see cref="MaxResubmits"/> times), classifies Slurm TIMEOUT as <see cref="FailureClass.TimedOut"/>,
/// and re-attaches to elements of an earlier run (<see cref="LabelJob.PreviousJobId"/>) that are still queued or
/// running instead of submitting them again. Needs no accounting (sacct); uses squeue and scontrol.
/// </summary>
public sealed class SlurmExecutor(Func<string, string> workerCommand, int jobs = 0, int coresPerJob = 1, TimeSpan? timeLimit = null) : ILabelExecutor
{
    public string Name => "slurm";

    /// <summary>Shell command run in an array element for a job directory (quoted by the caller as needed).</summary>
    public Func<string, string> WorkerCommand { get; } = workerCommand;

    /// <summary>Elements running at once (the %N throttle), 0 = no throttle.</summary>
    public int Jobs { get; } = jobs;

    /// <summary>Cores per element (<c>--ntasks</c>).</summary>
    public int CoresPerJob { get; } = coresPerJob;

    /// <summary>Slurm time limit per element.</summary>
    public TimeSpan? TimeLimit { get; } = timeLimit;

    /// <summary>Partition (null = the default).</summary>
    public string? Partition { get; init; }

    /// <summary>Times an element that ended without a result is resubmitted.</summary>
    public int MaxResubmits { get; init; } = 2;

    /// <summary>Time between squeue polls.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Commands (for tests or site wrappers).</summary>
    public string Sbatch { get; init; } = "sbatch";
    public string Squeue { get; init; } = "squeue";
    public string Scontrol { get; init; } = "scontrol";

    /// <summary>The last array job id submitted (for logs and tests).</summary>
    public string? LastArrayId { get; private set; }

    /// <summary>Number of sbatch submissions made by this instance.</summary>
    public int Submissions { get; private set; }

    private sealed class Entry(LabelJob job, int resubmits)
    {
        public LabelJob Job { get; } = job;
        public int Resubmits { get; } = resubmits;
        public Stopwatch Clock { get; } = Stopwatch.StartNew();
    }

    public void Run(IReadOnlyList<LabelJob> jobs, ILabeller labeller, Action<LabelJob, string?> started,
        Action<LabelJob, LabelResult, TimeSpan> finished, CancellationToken cancellation = default)
    {
        if (jobs.Count == 0) return;
        var pending = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var submit = new List<Entry>();
        var alive = jobs.Any(j => j.PreviousJobId is not null) ? QueueIds() : [];
        foreach (var job in jobs)
        {
            Directory.CreateDirectory(job.WorkDirectory);
            string result = Path.Combine(job.WorkDirectory, LabelResultFile.FileName);
            if (job.PreviousJobId is { } id)
            {
                if (alive.Contains(id)) { pending[id] = new Entry(job, 0); started(job, id); continue; }
                if (File.Exists(result)) { started(job, id); finished(job, ReadResult(result), TimeSpan.Zero); continue; }
            }
            if (File.Exists(result)) File.Delete(result);
            ExtXyz.WriteFile(Path.Combine(job.WorkDirectory, LabelWorker.StructureFile), [job.Structure]);
            submit.Add(new Entry(job, 0));
        }
        if (submit.Count > 0) Submit(submit, pending, started);
        while (pending.Count > 0)
        {
            if (cancellation.WaitHandle.WaitOne(PollInterval)) throw new OperationCanceledException(cancellation);
            alive = QueueIds();
            var again = new List<Entry>();
            foreach (var (id, e) in pending.Where(kv => !alive.Contains(kv.Key)).ToList())
            {
                pending.Remove(id);
                string result = Path.Combine(e.Job.WorkDirectory, LabelResultFile.FileName);
                if (File.Exists(result)) { finished(e.Job, ReadResult(result), e.Clock.Elapsed); continue; }
                string? state = JobState(id);
                if (state == "TIMEOUT")
                    finished(e.Job, LabelResult.Fail(FailureClass.TimedOut, $"Slurm element {id} hit its time limit ({TimeLimit?.TotalMinutes:F0} min)"), e.Clock.Elapsed);
                else if (e.Resubmits < MaxResubmits)
                    again.Add(new Entry(e.Job, e.Resubmits + 1));
                else
                    finished(e.Job, LabelResult.Fail(FailureClass.Crashed,
                        $"Slurm element {id} ended ({state ?? "state unknown"}) without a result after {e.Resubmits + 1} submissions; see slurm-{id}.out"), e.Clock.Elapsed);
            }
            if (again.Count > 0) Submit(again, pending, started);
        }
    }

    private static LabelResult ReadResult(string path)
    {
        try { return LabelResultFile.Read(path); }
        catch (OutputFormatException e) { return LabelResult.Fail(FailureClass.Crashed, e.Message); }
    }

    /// <summary>Quotes a string for bash (single quotes).</summary>
    public static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private void Submit(List<Entry> entries, Dictionary<string, Entry> pending, Action<LabelJob, string?> started)
    {
        string root = Path.GetDirectoryName(entries[0].Job.WorkDirectory)!;
        var sb = new StringBuilder("#!/bin/bash\n#SBATCH --job-name=nestor-label\n");
        sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --ntasks={CoresPerJob}\n");
        sb.Append("#SBATCH --output=").Append(Path.Combine(root, "slurm-%A_%a.out")).Append('\n');
        if (TimeLimit is { } t) sb.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={Math.Max(1, (int)Math.Ceiling(t.TotalMinutes))}\n");
        if (Partition is not null) sb.Append("#SBATCH --partition=").Append(Partition).Append('\n');
        sb.Append("case \"$SLURM_ARRAY_TASK_ID\" in\n");
        for (int i = 0; i < entries.Count; i++)
        {
            string dir = entries[i].Job.WorkDirectory;
            sb.Append(CultureInfo.InvariantCulture, $"{i}) cd {ShellQuote(dir)} && exec {WorkerCommand(dir)} ;;\n");
        }
        sb.Append("esac\nexit 3\n");
        string script = Path.Combine(root, $"slurm-array-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid().ToString("N")[..6]}.sh");
        AtomicFile.WriteAllText(script, sb.ToString());
        string array = $"--array=0-{entries.Count - 1}" + (Jobs > 0 ? $"%{Jobs}" : "");
        var (code, stdout, stderr) = Capture(Sbatch, ["--parsable", array, script]);
        if (code != 0) throw new InvalidOperationException($"sbatch failed (exit {code}): {stderr.Trim()}");
        string id = stdout.Trim().Split(';')[0];
        if (id.Length == 0 || !id.All(char.IsDigit)) throw new InvalidOperationException($"sbatch printed no job id: '{stdout.Trim()}'");
        LastArrayId = id;
        Submissions++;
        for (int i = 0; i < entries.Count; i++)
        {
            string element = $"{id}_{i}";
            pending[element] = entries[i];
            started(entries[i].Job, element);
        }
    }

    /// <summary>Ids of array elements still pending or running (<c>squeue -h -r -o %i</c>).</summary>
    private HashSet<string> QueueIds()
    {
        // squeue can fail transiently (controller busy or restarting): retry before giving up
        int code = 0; string stdout = "", stderr = "";
        for (int attempt = 0; attempt < 5; attempt++)
        {
            (code, stdout, stderr) = Capture(Squeue, ["-h", "-r", "-o", "%i"]);
            if (code == 0) break;
            Thread.Sleep(TimeSpan.FromSeconds(1 + attempt));
        }
        if (code != 0) throw new InvalidOperationException($"squeue failed (exit {code}): {stderr.Trim()}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>JobState of a finished element from <c>scontrol show job</c> (kept MinJobAge seconds), or null.</summary>
    private string? JobState(string id)
    {
        var (code, stdout, _) = Capture(Scontrol, ["show", "job", id]);
        if (code != 0) return null;
        int k = stdout.IndexOf("JobState=", StringComparison.Ordinal);
        if (k < 0) return null;
        int end = stdout.IndexOfAny([' ', '\n'], k);
        return stdout[(k + 9)..(end < 0 ? stdout.Length : end)];
    }

    private static (int Code, string Stdout, string Stderr) Capture(string program, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            string o = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, o, err.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run '{program}': {e.Message} (is Slurm installed and on PATH?)", e);
        }
    }
}
