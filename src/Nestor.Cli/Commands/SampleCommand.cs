using System.CommandLine;
using System.Globalization;
using Nestor.Potentials;
using Nestor.Sampling;
using Spectre.Console;
using Tomlyn;
using Tomlyn.Model;

namespace Nestor.Cli.Commands;

/// <summary><c>nestor sample</c>: constant-pressure (or fixed-cell) nested sampling, pymatnest-compatible output.</summary>
public static class SampleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var cmd = new Command("sample",
            "Nested sampling of a potential energy landscape at constant pressure (variable cell) or constant volume (--cell).\n" +
            "Writes PREFIX.energies (pymatnest format, for ns_analyse or nestor analyse), PREFIX.traj.extxyz, PREFIX.run.json and\n" +
            "PREFIX.snapshot.json. Rerunning the same command continues an interrupted run from its last snapshot.");
        var config = new Option<string>("--config") { Description = "TOML file with any of the settings below (keys as in pymatnest, e.g. n_walkers); flags override it" };
        var outOpt = new Option<string>("--out") { Description = "output prefix (TOML key out)" };
        cmd.Add(config);
        cmd.Add(outOpt);
        var flags = new List<(SampleSettings.Setting Setting, Option<string> Option)>();
        foreach (var s in SampleSettings.All)
        {
            var o = new Option<string>(s.Flag) { Description = s.Help + $" [TOML: {s.Key}]" };
            cmd.Add(o);
            flags.Add((s, o));
        }
        cmd.SetAction(parse =>
        {
            var options = new NestedSamplingOptions();
            string? prefix = null;
            var given = new HashSet<string>();
            if (parse.GetValue(config) is { } path)
                (options, prefix) = ApplyToml(path, options, given);
            foreach (var (s, o) in flags)
                if (parse.GetValue(o) is { } v) { options = s.Apply(options, s.Flag, v); given.Add(s.Key); }
            prefix = parse.GetValue(outOpt) ?? prefix ?? throw new UserInputException("--out PREFIX is required (or out = \"...\" in the TOML file)");
            if (string.IsNullOrWhiteSpace(options.Potential)) throw new UserInputException("--potential is required");
            int threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
            if (!given.Contains("parallel_walks")) options = options with { ParallelWalks = Math.Max(options.Cull, threads) };
            if (!given.Contains("seed")) throw new UserInputException("--seed is required (so that every run is reproducible)");
            return Run(options, prefix);
        });
        return cmd;
    }

    /// <summary>Reads a TOML settings file.</summary>
    public static (NestedSamplingOptions, string?) ApplyToml(string path, NestedSamplingOptions options, HashSet<string> given)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: file not found");
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path), (TomlSerializerOptions?)null)
                ?? throw new UserInputException($"{path}: empty TOML");
        }
        catch (TomlException e)
        {
            throw new UserInputException($"{path}: {e.Message.Split('\n')[0]}");
        }
        string? prefix = null;
        foreach (var (key, value) in table)
        {
            string text = value switch
            {
                string s => s,
                bool b => b ? "true" : "false",
                long l => l.ToString(CultureInfo.InvariantCulture),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                TomlArray a => string.Join(' ', a.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture))),
                _ => throw new UserInputException($"{path}: key '{key}' has an unsupported value type"),
            };
            if (key == "out") { prefix = text; continue; }
            var setting = SampleSettings.ByKey(key)
                ?? throw new UserInputException($"{path}: unknown key '{key}' (see nestor sample --help for the keys)");
            options = setting.Apply(options, $"{path}: {key}", text);
            given.Add(setting.Key);
        }
        return (options, prefix);
    }

    private static int Run(NestedSamplingOptions options, string prefix)
    {
        IPotential potential;
        try { potential = PotentialRegistry.Create(options.Potential); }
        catch (PotentialException e) { throw new UserInputException(e.Message, e); }
        NestedSampler sampler;
        try { sampler = new NestedSampler(options, potential, prefix); }
        catch (NestedSamplingException e) { throw new UserInputException(e.Message, e); }
        var dir = Path.GetDirectoryName(Path.GetFullPath(prefix));
        if (dir is not null && !Directory.Exists(dir)) throw new UserInputException($"output folder {dir} does not exist");

        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"nestor sample: {options.AtomCount} atoms, {options.Walkers} walkers, n_cull {options.Cull}, {WalkPlan.WalksPerIteration(options)} walks per iteration of {WalkPlan.CallsPerWalk(options)} model calls, {(options.Threads > 0 ? options.Threads : Environment.ProcessorCount)} threads, output {prefix}.*"));
            NsRunResult result;
            try
            {
                result = Console.IsOutputRedirected ? RunPlain(sampler, cts.Token) : RunLive(sampler, options, cts.Token);
            }
            catch (NestedSamplingException e) { throw new UserInputException(e.Message, e); }
            if (result.AlreadyFinished)
                Console.WriteLine($"nothing to do: this run has already finished ({result.Iterations} iterations; {result.StopReason}). Use another --out prefix for a new run, or a larger --n-iter to extend this one.");
            else
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(result.Resumed ? "resumed from snapshot; " : "")}stopped: {result.StopReason} after {result.Iterations} iterations; {result.ModelCalls} model calls in {result.WallSeconds:F1} s ({result.ModelCalls / Math.Max(result.WallSeconds, 1e-9):F0}/s)"));
            if (result.Timing is { } timing) Console.WriteLine(timing.Describe());
            return result.StopReason == "cancelled" ? 130 : 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string Rates(double[] r) =>
        string.Join(" ", new[] { "atom", "vol", "shear", "stretch" }.Select((n, i) => double.IsNaN(r[i]) ? "" : string.Create(CultureInfo.InvariantCulture, $"{n} {r[i]:F2}")).Where(s => s.Length > 0));

    private static string Left(double s) => double.IsNaN(s) ? "?" : TimeSpan.FromSeconds(Math.Round(s)).ToString();

    private static NsRunResult RunPlain(NestedSampler sampler, CancellationToken cancel)
    {
        sampler.ProgressIntervalSeconds = 10;
        sampler.Progress = p => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"iter {p.Iteration} Emax {p.Emax:G10} T_estimate {p.TEstimate:F1} accept [{Rates(p.AcceptanceRates)}] calls/s {p.ModelCallsPerSecond:F0} elapsed {p.ElapsedSeconds:F0} s left {Left(p.SecondsLeft)}"));
        return sampler.Run(cancel);
    }

    private static NsRunResult RunLive(NestedSampler sampler, NestedSamplingOptions o, CancellationToken cancel)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("quantity").AddColumn("value");
        string[] names = ["iteration", "Emax (eV)", "T estimate (K)", "lowest H (eV)", "acceptance", "model calls/s", "elapsed", "time left"];
        foreach (var n in names) table.AddRow(n, "");
        NsRunResult? result = null;
        AnsiConsole.Live(table).Start(ctx =>
        {
            sampler.ProgressIntervalSeconds = 0.5;
            sampler.Progress = p =>
            {
                string[] values =
                [
                    o.NIter > 0 ? $"{p.Iteration} / {o.NIter}" : p.Iteration.ToString(CultureInfo.InvariantCulture),
                    p.Emax.ToString("G10", CultureInfo.InvariantCulture),
                    double.IsNaN(p.TEstimate) ? "?" : p.TEstimate.ToString("F1", CultureInfo.InvariantCulture),
                    p.LowestH.ToString("G10", CultureInfo.InvariantCulture),
                    Rates(p.AcceptanceRates),
                    p.ModelCallsPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                    TimeSpan.FromSeconds(Math.Round(p.ElapsedSeconds)).ToString(),
                    Left(p.SecondsLeft),
                ];
                for (int i = 0; i < values.Length; i++) table.UpdateCell(i, 1, Markup.Escape(values[i]));
                ctx.Refresh();
            };
            result = sampler.Run(cancel);
        });
        return result!;
    }
}
