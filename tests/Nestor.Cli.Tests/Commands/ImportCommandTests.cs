using Nestor.Atoms.IO;
using Nestor.Cli;
using Nestor.Testing;

namespace Nestor.Cli.Tests.Commands;

public sealed class ImportCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nestor-cli-import-" + Guid.NewGuid().ToString("N")[..8]);

    public ImportCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [SkippableFact]
    public void CastepZipImportGivesThePaperLabels()
    {
        var zip = SharedData.Require("mg/castep_cycle_1_outputs.zip");
        var edb = ExtXyz.Read(SharedData.Require("mg/cycle_1.edb.extxyz")).ToList();
        string output = Path.Combine(_dir, "castep.extxyz");
        Assert.Equal(0, NestorApp.Run(["import", "castep", zip, "--output", output]));
        var frames = ExtXyz.Read(output).ToList();
        Assert.Equal(39, frames.Count);
        // entries are sorted by name (mg_0000 ... mg_0038), the order of cycle_1.edb.extxyz
        for (int i = 0; i < 39; i++)
        {
            Assert.Equal((double)edb[i].Info["dft_energy"], (double)frames[i].Info["dft_energy"]);
            Assert.Equal(edb[i].Arrays["dft_forces"].Reals!, frames[i].Arrays["dft_forces"].Reals!);
            var a = (double[])edb[i].Info["dft_stress"];
            var b = (double[])frames[i].Info["dft_stress"];
            for (int k = 0; k < 9; k++) Assert.Equal(a[k], b[k], 1e-12);
            Assert.Equal("castep", frames[i].Info["label_source"]);
            Assert.Equal(edb[i].Volume, frames[i].Volume, 1e-3);
        }
    }

    [Fact]
    public void MissingPathsAndEmptyOrTruncatedFilesAreReported()
    {
        Assert.Equal(2, NestorApp.Run(["import", "castep", Path.Combine(_dir, "nope"), "--output", Path.Combine(_dir, "o.extxyz")]));
        Assert.Equal(2, NestorApp.Run(["import", "vasp", _dir, "--output", Path.Combine(_dir, "o.extxyz")]));
        string empty = Path.Combine(_dir, "empty.castep");
        File.WriteAllText(empty, "");
        // an empty output is skipped with a message, and the exit status says not everything was imported
        Assert.Equal(1, NestorApp.Run(["import", "castep", empty, "--output", Path.Combine(_dir, "o.extxyz")]));
        Assert.Empty(ExtXyz.Read(Path.Combine(_dir, "o.extxyz")));
    }
}
