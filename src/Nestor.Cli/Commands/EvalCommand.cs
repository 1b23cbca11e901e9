using System.CommandLine;
using System.Diagnostics;
using Nestor.Atoms;
using Nestor.Atoms.IO;
using Nestor.Potentials;

namespace Nestor.Cli.Commands;

/// <summary>
/// <c>nestor eval</c>: evaluates a potential on every frame of an extended XYZ file and writes the frames back with
/// energy (eV), forces (eV/A), virial (eV, 3x3) and stress (eV/A^3, 3x3, ASE's sign) where ASE's reader finds them,
/// keeping every key the input had.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var potential = new Option<string>("--potential", "-p")
        {
            Description = "Potential spec: eam:FILE (LAMMPS eam/fs or eam/alloy), ace:MODEL.json, lj:epsilon=E,sigma=S,cutoff=RC[,shift=true]",
            Required = true,
        };
        var input = new Option<FileInfo>("--input", "-i") { Description = "Input extended XYZ file (any number of frames)", Required = true };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Output extended XYZ file (written atomically: temp file, then rename)", Required = true };
        var prefix = new Option<string>("--prefix")
        {
            Description = "Prefix for the keys written (e.g. 'eam_' gives eam_energy, eam_forces, eam_virial, eam_stress); " +
                          "the default writes energy, forces, virial, stress as ASE reads them",
            DefaultValueFactory = _ => "",
        };
        var perAtom = new Option<bool>("--per-atom-energies") { Description = "Also write per-atom energies (eV) as the column <prefix>energies" };
        var threads = new Option<int>("--threads", "-j")
        {
            Description = "Threads (frames are evaluated in parallel; output order is kept). Default: all cores",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var cmd = new Command("eval", "Evaluate a potential on every frame of an extended XYZ file: energy, forces, virial and stress.")
        {
            potential, input, output, prefix, perAtom, threads,
        };
        cmd.SetAction(pr => Run(pr.GetValue(potential)!, pr.GetValue(input)!, pr.GetValue(output)!, pr.GetValue(prefix) ?? "",
            pr.GetValue(perAtom), Math.Max(1, pr.GetValue(threads))));
        return cmd;
    }

    private static int Run(string spec, FileInfo input, FileInfo output, string prefix, bool perAtom, int threads)
    {
        IPotential pot;
        try { pot = PotentialRegistry.Create(spec); }
        catch (PotentialException e) { return Fail(e.Message); }
        catch (IOException e) { return Fail($"cannot read potential: {e.Message}"); }
        catch (UnauthorizedAccessException e) { return Fail($"cannot read potential: {e.Message}"); }
        if (!input.Exists) return Fail($"input file not found: {input.FullName}");

        var sw = Stopwatch.StartNew();
        long frames = 0, atoms = 0;
        try
        {
            Directory.CreateDirectory(output.DirectoryName ?? ".");
            AtomicFile.Write(output.FullName, fs =>
            {
                using var writer = new StreamWriter(fs, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
                var batch = new List<Structure>(threads * 8);
                var results = new ThreadLocal<PotentialResult>(() => new PotentialResult(), trackAllValues: false);
                void Flush()
                {
                    Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, k =>
                        Annotate(pot, batch[k], results.Value!, prefix, perAtom));
                    foreach (var s in batch) { ExtXyz.Write(writer, s); frames++; atoms += s.Count; }
                    batch.Clear();
                }
                foreach (var s in ExtXyz.Read(input.FullName))
                {
                    Check(pot, s, input.FullName, frames + batch.Count + 1);
                    batch.Add(s);
                    if (batch.Count == batch.Capacity) Flush();
                }
                Flush();
            });
        }
        catch (ExtXyzFormatException e) { return Fail(e.Message); }
        catch (UserInputException e) { return Fail(e.Message); }
        catch (IOException e) { return Fail(e.Message); }
        catch (UnauthorizedAccessException e) { return Fail(e.Message); }
        sw.Stop();
        Console.Error.WriteLine(FormattableString.Invariant(
            $"nestor eval: {frames} frames, {atoms} atoms, {sw.Elapsed.TotalSeconds:F2} s ({(atoms > 0 ? sw.Elapsed.TotalMilliseconds * 1000 / atoms : 0):F1} us/atom incl. I/O) -> {output.FullName}"));
        return 0;
    }

    private static void Check(IPotential pot, Structure s, string file, long frame)
    {
        if (pot.Species is { } known)
            for (int i = 0; i < s.Count; i++)
                if (!known.Contains(s.Symbols[i]))
                    throw new UserInputException($"{file}: frame {frame}: atom {i + 1} is {s.Symbols[i]}, which the potential does not describe (it knows {string.Join(", ", known)})");
        for (int k = 0; k < s.Positions.Length; k++)
            if (!double.IsFinite(s.Positions[k]))
                throw new UserInputException($"{file}: frame {frame}: atom {k / 3 + 1} has a non-finite coordinate");
    }

    /// <summary>Evaluates one frame and stores the results in its info and arrays.</summary>
    public static void Annotate(IPotential pot, Structure s, PotentialResult r, string prefix, bool perAtom)
    {
        var q = Quantities.Forces | (s.IsFullyPeriodic ? Quantities.Virial : 0) | (perAtom ? Quantities.AtomEnergies : 0);
        pot.Compute(s, q, r);
        s.Info[prefix + "energy"] = r.Energy;
        s.Arrays[prefix + "forces"] = PerAtomArray.Real(prefix + "forces", 3, (double[])r.Forces.Clone());
        if (s.IsFullyPeriodic)
        {
            s.Info[prefix + "virial"] = (double[])r.Virial.Clone();
            s.Info[prefix + "stress"] = r.Stress(s.Volume);
        }
        if (perAtom) s.Arrays[prefix + "energies"] = PerAtomArray.Real(prefix + "energies", 1, (double[])r.AtomEnergies.Clone());
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"nestor: error: {message}");
        return 2;
    }
}
