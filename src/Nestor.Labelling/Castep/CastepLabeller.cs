using System.Globalization;
using Nestor.Atoms;
using Nestor.Labelling.Executors;

namespace Nestor.Labelling.Castep;

/// <summary>
/// Labels structures with CASTEP: writes <c>castep.cell</c>/<c>castep.param</c> in the job directory, runs
/// <c>COMMAND castep</c> (or <c>mpirun -np N COMMAND castep</c>), reads <c>castep.castep</c> with
/// <see cref="CastepOutputReader"/> (energy as the paper's data: finite-basis corrected, else free energy).
/// CASTEP is not installed on the development machines; the plumbing is tested with a stand-in program.
/// </summary>
public sealed class CastepLabeller(CastepSettings settings) : ILabeller
{
    private const string Seed = "castep";

    public string Name => "castep";

    public string SettingsFingerprint => settings.Fingerprint();

    public LabelResult Label(Structure structure, LabelContext context)
    {
        if (StructureCheck.Problem(structure, settings.MinDistance) is { } problem)
            return LabelResult.Fail(FailureClass.InvalidInput, problem, attempts: 0);
        if (settings.Pseudopotentials.Count > 0)
            foreach (var sp in structure.Symbols.Distinct())
                if (!settings.Pseudopotentials.ContainsKey(sp))
                    return LabelResult.Fail(FailureClass.InvalidInput, $"no pseudopotential given for {sp}", attempts: 0);
        var (cell, param) = CastepInputWriter.Write(structure, settings, context.WorkDirectory, Seed);
        string output = Path.Combine(context.WorkDirectory, Seed + ".castep");
        if (File.Exists(output)) File.Delete(output); // CASTEP appends to an existing .castep
        string stdout = Path.Combine(context.WorkDirectory, Seed + ".stdout"), stderr = Path.Combine(context.WorkDirectory, Seed + ".stderr");
        var raw = new List<string> { cell, param, output, stdout, stderr };
        var parts = settings.Command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string program; List<string> args;
        if (context.Cores > 1) { program = settings.MpiCommand; args = ["-np", context.Cores.ToString(CultureInfo.InvariantCulture), .. parts, Seed]; }
        else { program = parts[0]; args = [.. parts[1..], Seed]; }
        var run = ProcessRunner.Run(program, args, context.WorkDirectory, stdout, stderr, context.TimeLimit, context.Cancellation,
            new Dictionary<string, string> { ["OMPI_ALLOW_RUN_AS_ROOT"] = "1", ["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1" });
        if (run.StartError is not null) return LabelResult.Fail(FailureClass.Crashed, run.StartError, raw);
        if (run.TimedOut) return LabelResult.Fail(FailureClass.TimedOut, $"CASTEP killed at the time limit ({context.TimeLimit!.Value.TotalSeconds:F0} s)", raw);
        string errors = string.Join(" ", Directory.EnumerateFiles(context.WorkDirectory, Seed + ".*.err").Order(StringComparer.Ordinal)
            .Select(f => File.ReadAllText(f).Trim()));
        if (!File.Exists(output))
            return LabelResult.Fail(FailureClass.Crashed, $"exit status {run.ExitCode}, no {Seed}.castep written{(errors.Length > 0 ? ": " + errors : "")}", raw);
        string text = File.ReadAllText(output);
        CastepOutput o;
        try { o = CastepOutputReader.Parse(text, output); }
        catch (OutputFormatException e)
        {
            return LabelResult.Fail(FailureClass.Crashed, $"exit status {run.ExitCode}: {e.Message}{(errors.Length > 0 ? "; " + errors : "")}", raw);
        }
        if (text.Contains("not reached the groundstate", StringComparison.OrdinalIgnoreCase))
            return LabelResult.Fail(FailureClass.ScfNotConverged, "CASTEP: the SCF did not reach the ground state within max_scf_cycles", raw);
        if (run.ExitCode != 0 || !o.Finished)
            return LabelResult.Fail(FailureClass.Crashed, $"exit status {run.ExitCode}{(o.Finished ? "" : ", the run did not finish")}{(errors.Length > 0 ? ": " + errors : "")}", raw);
        if (o.StressGPa is null) return LabelResult.Fail(FailureClass.Crashed, "no stress tensor in the output", raw);
        if (o.Structure.Count != structure.Count) return LabelResult.Fail(FailureClass.Crashed, $"the output has {o.Structure.Count} atoms, the input {structure.Count}", raw);
        // CASTEP lists atoms grouped by species: map them back to the input order by position
        var forces = new double[3 * structure.Count];
        var taken = new bool[structure.Count];
        for (int i = 0; i < o.Structure.Count; i++)
        {
            int j = Match(structure, o.Structure.Symbols[i], o.Structure.GetPosition(i), taken);
            if (j < 0) return LabelResult.Fail(FailureClass.Crashed, $"output atom {i + 1} ({o.Structure.Symbols[i]}) matches no input atom", raw);
            taken[j] = true;
            for (int d = 0; d < 3; d++) forces[3 * j + d] = o.Forces[3 * i + d];
        }
        // the virial uses the requested structure's own volume (the printed cell is rounded to 7 decimals)
        var label = new DftLabel(o.Energy, forces, o.Virial(structure.Volume)!, o.Stress!, "castep");
        if (label.CheckPhysical(structure.Count, settings.MaxForce) is { } bad) return LabelResult.Fail(FailureClass.Unphysical, bad, raw);
        return LabelResult.Success(label, raw);
    }

    private static int Match(Structure s, string symbol, Vec3 r, bool[] taken)
    {
        for (int j = 0; j < s.Count; j++)
        {
            if (taken[j] || s.Symbols[j] != symbol) continue;
            var f = s.Cell.ToFractional(r - s.GetPosition(j));
            var d = s.Cell.ToCartesian(new Vec3(f.X - Math.Round(f.X), f.Y - Math.Round(f.Y), f.Z - Math.Round(f.Z)));
            if (d.Norm() < 1e-3) return j;
        }
        return -1;
    }
}
