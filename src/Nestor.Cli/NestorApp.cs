using System.CommandLine;

namespace Nestor.Cli;

/// <summary>The <c>nestor</c> command line: one subcommand per file under Commands/.</summary>
public static class NestorApp
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Nestor: thermodynamically guided training databases for machine-learned interatomic potentials.\n" +
            "Units everywhere: eV, Angstrom, GPa, K.");
        // one line per subcommand
        root.Subcommands.Add(Commands.EvalCommand.Create());
        root.Subcommands.Add(Commands.SampleCommand.Create());
        root.Subcommands.Add(Commands.AnalyseCommand.Create());
        root.Subcommands.Add(Commands.LabelCommand.Create());
        root.Subcommands.Add(Commands.ImportCommand.Create());
        root.Subcommands.Add(Commands.LabelJobCommand.Create());
        root.Subcommands.Add(Commands.FitCommand.Create());
        return root;
    }

    /// <summary>Runs the CLI; returns the process exit code (0 ok, 1 failure during work, 2 bad input).</summary>
    public static int Run(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UserInputException e)
        {
            Console.Error.WriteLine($"nestor: error: {e.Message}");
            return 2;
        }
    }
}

/// <summary>An error in what the user gave (file, option, spec): printed as one line, exit code 2.</summary>
public sealed class UserInputException(string message, Exception? inner = null) : Exception(message, inner);
