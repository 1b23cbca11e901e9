using Nestor.Labelling.Executors;

namespace Nestor.Labelling.QuantumEspresso;

/// <summary>
/// Generates a UPF pseudopotential offline with QE's atomic code <c>ld1.x</c> from a pslibrary-style input
/// (e.g. ../shared/data/qe/Mg.pbe-n-nc.ld1.in). ld1.x runs in a scratch directory; only the UPF is copied out.
/// </summary>
public static class Ld1Pseudopotential
{
    /// <summary>Runs ld1.x on <paramref name="ld1Input"/> and places the UPF in <paramref name="pseudoDir"/>; returns its path.</summary>
    public static string Generate(string ld1Input, string pseudoDir, string ld1Command = "ld1.x")
    {
        if (!File.Exists(ld1Input)) throw new FileNotFoundException($"ld1.x input not found: {ld1Input}", ld1Input);
        string text = File.ReadAllText(ld1Input);
        int k = text.IndexOf("file_pseudopw", StringComparison.Ordinal);
        if (k < 0) throw new OutputFormatException(ld1Input, 0, "no file_pseudopw: the input does not write a pseudopotential");
        int q1 = text.IndexOfAny(['\'', '"'], k), q2 = q1 < 0 ? -1 : text.IndexOf(text[q1], q1 + 1);
        if (q2 < 0) throw new OutputFormatException(ld1Input, 0, "cannot read the file_pseudopw name");
        string upf = text[(q1 + 1)..q2];
        Directory.CreateDirectory(pseudoDir);
        string scratch = Path.Combine(Path.GetTempPath(), "nestor-ld1-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var run = ProcessRunner.Run(ld1Command, [], scratch, Path.Combine(scratch, "ld1.out"), Path.Combine(scratch, "ld1.err"),
                TimeSpan.FromMinutes(2), default, null, Path.GetFullPath(ld1Input));
            string produced = Path.Combine(scratch, upf);
            if (!run.Ok || !File.Exists(produced))
                throw new InvalidOperationException($"ld1.x failed on {ld1Input} (exit {run.ExitCode}{(run.StartError is null ? "" : ", " + run.StartError)})");
            string dest = Path.Combine(pseudoDir, upf);
            File.Copy(produced, dest, overwrite: true);
            return dest;
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }
}
