using Nestor.Atoms.IO;

namespace Nestor.Labelling.Executors;

/// <summary>
/// Runs one job prepared in a job directory (<c>structure.extxyz</c>) and writes <c>result.json</c>: what a Slurm
/// array element executes (through <c>nestor label-job DIR ...</c>).
/// </summary>
public static class LabelWorker
{
    /// <summary>The structure file inside a job directory.</summary>
    public const string StructureFile = "structure.extxyz";

    /// <summary>Labels the structure in <paramref name="directory"/> and writes the result file; returns the result.</summary>
    public static LabelResult Run(string directory, ILabeller labeller, int cores = 1, TimeSpan? timeLimit = null)
    {
        var s = ExtXyz.ReadSingle(Path.Combine(directory, StructureFile));
        LabelResult r;
        try { r = labeller.Label(s, new LabelContext(directory, cores, timeLimit)); }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or ArgumentException)
        {
            r = LabelResult.Fail(FailureClass.Crashed, $"{e.GetType().Name}: {e.Message}");
        }
        LabelResultFile.Write(Path.Combine(directory, LabelResultFile.FileName), r);
        return r;
    }
}
