using System.Diagnostics;
using System.ComponentModel;

namespace Nestor.Labelling.Executors;

/// <summary>
/// Runs an external program with its standard output and error going to files, an optional wall-clock limit
/// (the whole process tree is killed, mpirun ranks included) and cancellation (also kills the tree, then throws).
/// </summary>
public static class ProcessRunner
{
    /// <summary>Finds <paramref name="program"/> on PATH (or as a path); null when absent.</summary>
    public static string? Which(string program)
    {
        if (program.Contains('/')) return File.Exists(program) ? Path.GetFullPath(program) : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = Path.Combine(dir, program);
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="workDirectory"/>,
    /// writing stdout to <paramref name="stdoutPath"/> and stderr to <paramref name="stderrPath"/>.
    /// </summary>
    public static ProcessOutcome Run(string program, IEnumerable<string> arguments, string workDirectory, string stdoutPath,
        string stderrPath, TimeSpan? timeLimit = null, CancellationToken cancellation = default,
        IReadOnlyDictionary<string, string>? environment = null, string? stdinPath = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdinPath is not null,
            UseShellExecute = false,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        if (environment is not null) foreach (var (k, v) in environment) psi.Environment[k] = v;
        var sw = Stopwatch.StartNew();
        using var proc = new Process { StartInfo = psi };
        try
        {
            proc.Start();
        }
        catch (Win32Exception e)
        {
            return new ProcessOutcome(-1, false, sw.Elapsed, $"cannot start '{program}': {e.Message}");
        }
        using var outFile = new FileStream(stdoutPath, FileMode.Create, FileAccess.Write, FileShare.Read);
        using var errFile = new FileStream(stderrPath, FileMode.Create, FileAccess.Write, FileShare.Read);
        var copyOut = proc.StandardOutput.BaseStream.CopyToAsync(outFile);
        var copyErr = proc.StandardError.BaseStream.CopyToAsync(errFile);
        if (stdinPath is not null)
        {
            using (var input = File.OpenRead(stdinPath)) input.CopyTo(proc.StandardInput.BaseStream);
            proc.StandardInput.Close();
        }
        bool timedOut = false, cancelled = false;
        int limitMs = timeLimit is { } t ? (int)Math.Min(int.MaxValue, Math.Max(1, t.TotalMilliseconds)) : Timeout.Infinite;
        using (cancellation.Register(() => { cancelled = true; Kill(proc); }))
        {
            if (!proc.WaitForExit(limitMs))
            {
                timedOut = true;
                Kill(proc);
                proc.WaitForExit();
            }
            proc.WaitForExit(); // flush the redirected streams
        }
        Task.WaitAll(copyOut, copyErr);
        cancellation.ThrowIfCancellationRequested();
        int code = timedOut || cancelled ? -1 : proc.ExitCode;
        return new ProcessOutcome(code, timedOut, sw.Elapsed, null);
    }

    private static void Kill(Process p)
    {
        try { if (!p.HasExited) p.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        catch (Win32Exception) { }
    }
}
