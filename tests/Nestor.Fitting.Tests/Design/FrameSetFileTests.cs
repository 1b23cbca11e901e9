using Nestor.Fitting.Design;

namespace Nestor.Fitting.Tests.Design;

public class FrameSetFileTests
{
    [Fact]
    public void LoadReportsBadFramesByFileAndIndex()
    {
        var items = SyntheticFrames.Make(3, 100, SyntheticFrames.TrueCoefficients());
        items[1].Item1.Info["dft_energy"] = double.NaN;
        items[2].Item1.Info.Remove("dft_virial");
        var dir = Directory.CreateTempSubdirectory("nestor-frameset");
        try
        {
            var path = Path.Combine(dir.FullName, "labels.extxyz");
            Nestor.Atoms.IO.ExtXyz.WriteFile(path, items.Select(t => t.Item1));
            var set = FrameSet.Load([path], new LabelKeys(), new FitWeights());
            Assert.Single(set.Frames);
            Assert.Equal(2, set.Skipped.Count);
            Assert.Equal($"{path}, frame 1: non-finite dft_energy (NaN)", set.Skipped[0].ToString());
            Assert.Equal($"{path}, frame 2: no dft_virial", set.Skipped[1].ToString());
            // the surviving frame round-trips its labels through the file
            Assert.Equal((double)items[0].Item1.Info["dft_energy"], set.Frames[0].Energy!.Value, 9);
        }
        finally { dir.Delete(true); }
    }
}
