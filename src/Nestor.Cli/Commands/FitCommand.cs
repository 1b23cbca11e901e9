using Nestor.Atoms.IO;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Nestor.Fitting;
using Nestor.Fitting.Ace;
using Nestor.Fitting.Design;
using Nestor.Fitting.Reports;

namespace Nestor.Cli.Commands;

/// <summary>
/// <c>nestor fit --train FILE... --e0 Mg=... --order 4 --degree 14 --out mg.ace.json</c> (or <c>--config fit.toml</c>):
/// fits a linear ACE model and writes the model (nestor-ace-model JSON, loadable as <c>ace:PATH</c>),
/// <c>STEM.report.json</c>, <c>STEM.report.txt</c> and parity plots <c>STEM.*.png</c>, STEM being the --out path without
/// its <c>.json</c>. Progress and timings go to stderr, the text report to stdout.
/// </summary>
public static class FitCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "TOML file with any of the settings below (keys as the flags, '_' for '-'); flags override it" };
        var cmd = new Command("fit", "Fit a linear ACE model (ACE1x basis, Bayesian linear regression with committee or least squares) " +
            "to labelled extxyz frames; write the model, a report with train/test errors and parity plots.");
        cmd.Options.Add(config);
        var options = new Dictionary<string, Option>();
        foreach (var s in FitSettings.All)
        {
            Option o = s.Multi
                ? new Option<string[]>(s.Flag) { Description = s.Help, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore }
                : new Option<string>(s.Flag) { Description = s.Help };
            options[s.Key] = o;
            cmd.Options.Add(o);
        }
        cmd.SetAction(p =>
        {
            var flags = new Dictionary<string, string[]>();
            foreach (var s in FitSettings.All)
            {
                if (p.GetResult(options[s.Key]) is null) continue;
                flags[s.Key] = s.Multi ? p.GetValue((Option<string[]>)options[s.Key]) ?? [] : [p.GetValue((Option<string>)options[s.Key])!];
            }
            return Run(FitSettings.Resolve(p.GetValue(config), flags));
        });
        return cmd;
    }

    /// <summary>The output stem: <paramref name="outPath"/> without a trailing <c>.json</c>.</summary>
    public static string Stem(string outPath) => outPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? outPath[..^5] : outPath;

    private static void Progress(string line) => Console.Error.WriteLine($"nestor fit: {line}");

    private static int Run(FitSettings s)
    {
        var total = Stopwatch.StartNew();
        // everything the user gave is checked before any work
        string outPath = s.Out;
        var trainFiles = s.TrainFiles; var testFiles = s.TestFiles;
        var keys = s.Keys; var e0 = s.E0(); var weights = s.Weights(); var solver = s.Solver; var spec = s.Basis();
        double testFraction = s.Real("test_fraction", 0.1);
        if (!(testFraction >= 0 && testFraction < 1)) throw new UserInputException($"--test-fraction must be in [0, 1), got {testFraction}");
        int committee = s.Integer("committee", 0), seed = s.Integer("seed", 1), threads = s.Integer("threads", -1);
        if (committee < 0) throw new UserInputException($"--committee must not be negative, got {committee}");
        if (committee > 0 && solver != SolverKind.Blr) throw new UserInputException("--committee needs --solver blr");
        double ridge = s.Real("ridge", 0), smooth = s.Real("smoothness", 4);
        if (ridge < 0) throw new UserInputException($"--ridge must not be negative, got {ridge}");
        if (s.Has("ridge") && solver == SolverKind.Blr) throw new UserInputException("--ridge applies to --solver qr or svd only (blr fits its own prior)");
        if (smooth < 0) throw new UserInputException($"--smoothness must not be negative, got {smooth}");

        var clock = Stopwatch.StartNew();
        FrameSet trainSet, testSet;
        try
        {
            trainSet = FrameSet.Load(trainFiles, keys, weights);
            testSet = FrameSet.Load(testFiles, keys, weights);
        }
        catch (Exception e) when (e is FittingException or IOException or InvalidDataException or FormatException or Nestor.Atoms.IO.ExtXyzFormatException)
        {
            throw new UserInputException(e.Message, e);
        }
        var skipped = trainSet.Skipped.Concat(testSet.Skipped).ToList();
        if (trainSet.Frames.Count == 0)
            throw new UserInputException($"no usable training frames in {string.Join(", ", trainFiles)}: {trainSet.Skipped.Count} skipped" +
                (trainSet.Skipped.Count > 0 ? $", e.g. {trainSet.Skipped[0]}" : "") + $" (label keys: energy '{keys.Energy}', forces '{keys.Forces}', virial '{keys.Virial}')");
        IReadOnlyList<LabelledFrame> train, test;
        if (testFiles.Length > 0) (train, test) = (trainSet.Frames, testSet.Frames);
        else (train, test) = trainSet.Split(testFraction, seed);
        Progress(string.Create(CultureInfo.InvariantCulture,
            $"{train.Count} training and {test.Count} test frames from {trainFiles.Length + testFiles.Length} files, {skipped.Count} skipped ({clock.Elapsed.TotalSeconds:F1} s)"));
        foreach (var k in skipped.Take(5)) Progress($"skipped {k}");
        if (skipped.Count > 5) Progress($"... {skipped.Count - 5} more skipped frames listed in the report");

        var species = train.Concat(test).SelectMany(f => f.Structure.Symbols).Distinct().Order().ToList();
        if (species.Count != 1) throw new UserInputException($"ACE fitting handles one species; the data has {string.Join(", ", species)}");
        string symbol = species[0];
        foreach (var k in e0.Keys)
            if (k != symbol) throw new UserInputException($"--e0 gives {k}, but the data holds only {symbol}");
        if (!e0.ContainsKey(symbol)) throw new UserInputException($"give the reference energy of {symbol} with --e0 {symbol}=EV (eV per isolated atom)");

        clock.Restart();
        var basis = new AceLinearBasis(symbol, spec);
        Progress(string.Create(CultureInfo.InvariantCulture,
            $"basis {basis.Description}: {basis.Length} functions ({basis.PairCount} pair + {basis.Invariants.Count} many-body) in {clock.Elapsed.TotalSeconds:F2} s"));
        var options = new FitOptions
        {
            Weights = weights, E0 = e0, Solver = solver, Ridge = ridge, Smoothness = smooth > 0 ? smooth : null,
            Committee = committee, Seed = seed, Threads = threads,
        };
        var fit = LinearFitter.Fit(basis, train, test, options, skipped, trainSet.Dropped.Concat(testSet.Dropped).ToList());
        var r = fit.Report;
        if (r.Design is not null) Progress($"design matrix {r.Design}");
        Progress(string.Join(", ", r.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value:F2} s"))));

        var provenance = new JsonObject
        {
            ["train_files"] = new JsonArray(trainFiles.Select(f => (JsonNode?)Path.GetFullPath(f)).ToArray()),
            ["test_files"] = new JsonArray(testFiles.Select(f => (JsonNode?)Path.GetFullPath(f)).ToArray()),
            ["test_fraction"] = testFiles.Length > 0 ? null : testFraction,
            ["n_train_frames"] = train.Count,
            ["n_test_frames"] = test.Count,
            ["n_skipped_frames"] = skipped.Count,
            ["label_keys"] = new JsonObject { ["energy"] = keys.Energy, ["forces"] = keys.Forces, ["virial"] = keys.Virial, ["config_type"] = keys.ConfigType },
            ["e0"] = new JsonObject(e0.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["weights"] = new JsonObject
            {
                ["default"] = weights.Default.ToString(),
                ["config_types"] = new JsonObject(weights.ConfigTypes.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value.ToString()))),
                ["divide_by_sqrt_atoms"] = weights.DivideBySqrtAtoms,
            },
            ["solver"] = r.Solver,
            ["ridge"] = ridge,
            ["smoothness"] = smooth,
            ["committee"] = committee,
            ["seed"] = seed,
            ["solver_figures"] = new JsonObject(r.SolverFigures.Where(kv => double.IsFinite(kv.Value)).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["timings_seconds"] = new JsonObject(r.Timings.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
        AceModelFile.Write(outPath, basis, fit.Solution.Coefficients, fit.Solution.Committee, e0, provenance);
        string stem = Stem(outPath);
        r.WriteJson(stem + ".report.json");
        string text = r.ToText();
        AtomicFile.WriteAllText(stem + ".report.txt", text);
        var plots = ParityPlots.Write(r, stem);
        Progress(string.Create(CultureInfo.InvariantCulture,
            $"wrote {outPath}, {stem}.report.json, {stem}.report.txt and {plots.Count} plots ({total.Elapsed.TotalSeconds:F1} s in all)"));
        Console.Out.Write(text);
        return 0;
    }
}
