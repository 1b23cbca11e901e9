using Nestor.Atoms.IO;
using System.Diagnostics;
using System.Globalization;
using Nestor.Atoms;
using Nestor.Labelling.Executors;

namespace Nestor.Labelling.QuantumEspresso;

/// <summary>
/// Labels structures with Quantum ESPRESSO pw.x: writes <c>attemptN.in</c> in the job directory, runs
/// <c>pw.x -in attemptN.in</c> (or <c>mpirun -np M pw.x -nk P</c> with M cores), parses <c>attemptN.out</c>,
/// classifies failures and retries an unconverged SCF with a smaller mixing_beta and twice the steps. Wavefunction
/// files are deleted after each attempt unless kept on request. A label is produced only from a converged SCF
/// with energy, forces and stress.
/// </summary>
public sealed class QeLabeller : ILabeller
{
    private readonly QeSettings _q;

    /// <summary>Creates the labeller; invalid settings throw <see cref="ArgumentException"/> listing every problem.</summary>
    public QeLabeller(QeSettings settings)
    {
        _q = settings ?? throw new ArgumentNullException(nameof(settings));
        var problems = settings.Problems();
        if (problems.Count > 0) throw new ArgumentException("qe settings: " + string.Join("; ", problems));
    }

    public string Name => "qe";

    public string SettingsFingerprint => _q.Fingerprint();

    /// <summary>The settings.</summary>
    public QeSettings Settings => _q;

    public LabelResult Label(Structure structure, LabelContext context)
    {
        if (StructureCheck.Problem(structure, _q.MinDistance) is { } problem)
            return LabelResult.Fail(FailureClass.InvalidInput, problem, attempts: 0);
        foreach (var sp in structure.Symbols.Distinct())
        {
            if (!_q.Pseudopotentials.TryGetValue(sp, out var file))
                return LabelResult.Fail(FailureClass.InvalidInput, $"no pseudopotential given for {sp} (pseudopotentials has {string.Join(", ", _q.Pseudopotentials.Keys)})", attempts: 0);
            var path = Path.Combine(_q.PseudoDir, file);
            if (!File.Exists(path))
                return LabelResult.Fail(FailureClass.InvalidInput, $"pseudopotential file for {sp} not found: {Path.GetFullPath(path)}", attempts: 0);
        }
        Directory.CreateDirectory(context.WorkDirectory);
        var raw = new List<string>();
        var log = new List<string>();
        var clock = Stopwatch.StartNew();
        double beta = _q.MixingBeta;
        int maxStep = _q.ElectronMaxStep;
        string outdir = Path.Combine(context.WorkDirectory, "tmp");
        for (int attempt = 1; attempt <= _q.MaxAttempts; attempt++)
        {
            string stem = "attempt" + attempt.ToString(CultureInfo.InvariantCulture);
            string input = Path.Combine(context.WorkDirectory, stem + ".in");
            string output = Path.Combine(context.WorkDirectory, stem + ".out");
            string error = Path.Combine(context.WorkDirectory, stem + ".err");
            AtomicFile.WriteAllText(input, QeInputWriter.Write(structure, _q, "pw", outdir, beta, maxStep));
            raw.Add(input); raw.Add(output); raw.Add(error);

            TimeSpan? left = null;
            if (context.TimeLimit is { } limit)
            {
                left = limit - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                    return LabelResult.Fail(FailureClass.TimedOut, $"time limit {limit.TotalSeconds:F0} s used up before attempt {attempt}", raw, attempt - 1, log);
            }
            var (program, args) = Command(stem + ".in", context.Cores);
            var run = ProcessRunner.Run(program, args, context.WorkDirectory, output, error, left, context.Cancellation, MpiEnvironment);
            CleanWavefunctions(outdir);
            string settingsNote = string.Format(CultureInfo.InvariantCulture, "attempt {0} (mixing_beta={1:R}, electron_maxstep={2}, {3:F1} s)", attempt, beta, maxStep, run.Elapsed.TotalSeconds);
            if (run.StartError is not null)
                return LabelResult.Fail(FailureClass.Crashed, run.StartError, raw, attempt, [.. log, settingsNote + ": " + run.StartError]);
            if (run.TimedOut)
                return LabelResult.Fail(FailureClass.TimedOut, $"pw.x killed at the time limit ({context.TimeLimit!.Value.TotalSeconds:F0} s)", raw, attempt, [.. log, settingsNote + ": timed out"]);

            QeOutput o;
            try { o = QeOutputParser.Read(output); }
            catch (OutputFormatException e)
            {
                return LabelResult.Fail(FailureClass.Crashed, $"exit status {run.ExitCode}; unreadable output: {e.Message}", raw, attempt, [.. log, settingsNote + ": unreadable output"]);
            }
            if (o.NotConverged)
            {
                log.Add(settingsNote + $": SCF not converged after {o.Iterations} iterations");
                beta *= _q.RetryMixingFactor;
                maxStep *= 2;
                continue;
            }
            if (run.ExitCode != 0 || !o.Complete)
            {
                string why = o.Error ?? (o.JobDone ? "no energy, forces or stress in the output" : "the output ends before JOB DONE");
                if (File.Exists(error))
                {
                    var err = File.ReadAllText(error).Trim();
                    if (o.Error is null && err.Length > 0) why += "; stderr: " + (err.Length > 300 ? err[^300..] : err);
                }
                return LabelResult.Fail(FailureClass.Crashed, $"pw.x exit status {run.ExitCode}: {why}", raw, attempt, [.. log, settingsNote + ": crashed"]);
            }
            if (o.AtomCount != structure.Count)
                return LabelResult.Fail(FailureClass.Crashed, $"the output has {o.AtomCount} atoms, the structure {structure.Count}", raw, attempt, log);
            var label = o.ToLabel(structure.Volume, "qe");
            log.Add(settingsNote + $": converged in {o.Iterations} iterations");
            if (label.CheckPhysical(structure.Count, _q.MaxForce) is { } bad)
                return LabelResult.Fail(FailureClass.Unphysical, bad, raw, attempt, log);
            return LabelResult.Success(label, raw, attempt, log);
        }
        return LabelResult.Fail(FailureClass.ScfNotConverged,
            $"SCF not converged in {_q.MaxAttempts} attempts (last: mixing_beta={beta / _q.RetryMixingFactor:R}, electron_maxstep={maxStep / 2})", raw, _q.MaxAttempts, log);
    }

    /// <summary>OpenMPI refuses to run as root without these; harmless otherwise.</summary>
    private static readonly Dictionary<string, string> MpiEnvironment = new()
    {
        ["OMPI_ALLOW_RUN_AS_ROOT"] = "1",
        ["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1",
        ["OMP_NUM_THREADS"] = "1",
    };

    /// <summary>The command line for an input file and a number of cores.</summary>
    public (string Program, List<string> Args) Command(string inputFile, int cores)
    {
        if (cores <= 1) return (_q.PwCommand, ["-in", inputFile]);
        int pools = _q.Pools > 0 ? _q.Pools : (_q.Gamma ? 1 : cores);
        return (_q.MpiCommand, ["-np", cores.ToString(CultureInfo.InvariantCulture), _q.PwCommand, "-nk", pools.ToString(CultureInfo.InvariantCulture), "-in", inputFile]);
    }

    private void CleanWavefunctions(string outdir)
    {
        if (_q.KeepWavefunctions || !Directory.Exists(outdir)) return;
        foreach (var f in Directory.EnumerateFiles(outdir, "*", SearchOption.AllDirectories))
        {
            string n = Path.GetFileName(f);
            if ((n.StartsWith("wfc", StringComparison.Ordinal) && n.EndsWith(".dat", StringComparison.Ordinal)) || n.Contains(".wfc", StringComparison.Ordinal) || n.EndsWith(".mix", StringComparison.Ordinal))
                File.Delete(f);
        }
    }
}
