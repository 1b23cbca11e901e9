using System.CommandLine;
using Nestor.Labelling;
using Nestor.Labelling.Executors;

namespace Nestor.Cli.Commands;

/// <summary>
/// <c>nestor label-job DIR</c> (hidden): the worker a Slurm array element runs. Labels DIR/structure.extxyz with
/// the given labeller and writes DIR/result.json. Exit status 0 when the result file was written.
/// </summary>
public static class LabelJobCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "job directory holding structure.extxyz" };
        var labeller = new Option<string>("--labeller") { Required = true };
        var config = new Option<string?>("--config");
        var potential = new Option<string?>("--potential");
        var cores = new Option<int>("--cores") { DefaultValueFactory = _ => 1 };
        var timeLimit = new Option<double>("--time-limit") { DefaultValueFactory = _ => 0 };
        var cmd = new Command("label-job", "Worker for one labelling job (run by Slurm array elements).") { Hidden = true };
        cmd.Arguments.Add(dir);
        foreach (var o in new Option[] { labeller, config, potential, cores, timeLimit }) cmd.Options.Add(o);
        cmd.SetAction(p =>
        {
            string d = p.GetValue(dir)!;
            if (!File.Exists(Path.Combine(d, LabelWorker.StructureFile))) throw new UserInputException($"{d}: no {LabelWorker.StructureFile}");
            var lab = LabellerFactory.Create(p.GetValue(labeller)!, p.GetValue(config), p.GetValue(potential));
            double limit = p.GetValue(timeLimit);
            var r = LabelWorker.Run(d, lab, Math.Max(1, p.GetValue(cores)), limit > 0 ? TimeSpan.FromSeconds(limit) : null);
            Console.Out.WriteLine(r.ToString());
            return 0;
        });
        return cmd;
    }

    /// <summary>The shell command that runs this worker for a job directory, with the same labeller arguments.</summary>
    public static Func<string, string> WorkerCommand(string labeller, string? config, string? potential, int cores, double timeLimit)
    {
        string self;
        var process = Environment.ProcessPath ?? "";
        if (Path.GetFileNameWithoutExtension(process) == "nestor") self = SlurmExecutor.ShellQuote(process);
        else
        {
            string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h
                : Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : ProcessRunner.Which("dotnet") ?? "dotnet";
            self = SlurmExecutor.ShellQuote(dotnet) + " " + SlurmExecutor.ShellQuote(typeof(NestorApp).Assembly.Location);
        }
        string args = " --labeller " + SlurmExecutor.ShellQuote(labeller)
            + (config is null ? "" : " --config " + SlurmExecutor.ShellQuote(Path.GetFullPath(config)))
            + (potential is null ? "" : " --potential " + SlurmExecutor.ShellQuote(potential))
            + " --cores " + cores.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + (timeLimit > 0 ? " --time-limit " + timeLimit.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "");
        return dir => self + " label-job " + SlurmExecutor.ShellQuote(dir) + args;
    }
}
