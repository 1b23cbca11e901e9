using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Nestor.Atoms.Tests.IO;

/// <summary>
/// Runs tests/Nestor.Atoms.Tests/IO/ase/ase_tool.py with Debian's /usr/bin/python3 (python3-ase). Tests that need it
/// call <see cref="RequireAse"/>, which skips them with the reason when the interpreter or the ase module is absent.
/// </summary>
internal static class AsePython
{
    public const string Interpreter = "/usr/bin/python3";
    private static readonly Lazy<string?> Missing = new(FindProblem);

    private static string Script => Path.Combine(AppContext.BaseDirectory, "IO", "ase", "ase_tool.py");

    private static string? FindProblem()
    {
        if (!File.Exists(Interpreter)) return $"{Interpreter} is absent (install python3-ase: apt-get install python3-ase)";
        var (rc, _, err) = Exec(["check"]);
        string last = err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {rc}";
        return rc == 0 ? null : $"ASE cannot be imported by {Interpreter} (install python3-ase): {last}";
    }

    public static void RequireAse() => Skip.If(Missing.Value is not null, Missing.Value);

    private static (int Rc, string Out, string Err) Exec(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(180_000))
        {
            p.Kill(true);
            throw new TimeoutException("ase_tool.py did not finish within 180 s");
        }
        return (p.ExitCode, stdout, stderr.Result);
    }

    /// <summary>Runs the tool and parses its JSON output; fails the test with Python's error output otherwise.</summary>
    public static JsonElement Run(params string[] args)
    {
        var (rc, stdout, stderr) = Exec(args);
        Assert.True(rc == 0, $"ase_tool.py {string.Join(' ', args)} failed (exit {rc}):\n{stderr}");
        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.Clone();
    }

    /// <summary>A float as the tool prints it (Python repr, or nan / inf / -inf).</summary>
    public static double Float(string s) => s switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
