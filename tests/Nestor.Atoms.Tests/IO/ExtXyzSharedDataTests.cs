using System.Diagnostics;
using System.Globalization;
using Nestor.Atoms;
using Nestor.Atoms.IO;
using Nestor.Testing;
using Xunit.Abstractions;

namespace Nestor.Atoms.Tests.IO;

/// <summary>Every extxyz file of the reference data reads unchanged, with values equal to the file text, and round-trips bitwise.</summary>
public class ExtXyzSharedDataTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Files => new()
    {
        { "mg/cycle_0.edb.extxyz", 1100 },
        { "mg/cycle_1.edb.extxyz", 39 },
        { "mg/cycle_1.rdb.extxyz", 39 },
        { "mg/cycle_3.edb.extxyz", 390 },
        { "mg/cycle_3.rdb.extxyz", 390 },
        { "lammps-eam-ref/mg_eam_fs_reference.extxyz", 3 },
        { "lammps-eam-ref/mg_mm_eam_fs_reference.extxyz", 3 },
    };

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [SkippableFact]
    public void EveryExtxyzFileInTheDataFoldersReads()
    {
        int files = 0;
        foreach (var dir in new[] { "mg", "lammps-eam-ref" })
        {
            foreach (var path in Directory.GetFiles(SharedData.Require(dir), "*.extxyz"))
            {
                int frames = 0;
                foreach (var s in ExtXyz.Read(path))
                {
                    frames++;
                    Assert.True(s.Count > 0);
                    Assert.True(s.IsFullyPeriodic);
                }
                Assert.True(frames > 0, path);
                files++;
            }
        }
        Assert.True(files >= 7, $"expected at least the 7 known extxyz files, found {files}");
    }

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void FrameCountsAndAtomCountsMatchTheFileText(string rel, int expectedFrames)
    {
        var path = SharedData.Require(rel);
        // independent count from the text: a count line, a comment line, then that many atom lines
        var lines = File.ReadAllLines(path);
        var counts = new List<int>();
        for (int l = 0; l < lines.Length; )
        {
            int n = int.Parse(lines[l].Trim(), CultureInfo.InvariantCulture);
            counts.Add(n);
            l += n + 2;
        }
        Assert.Equal(expectedFrames, counts.Count);
        var read = ExtXyz.Read(path).Select(s => s.Count).ToList();
        Assert.Equal(counts, read);
    }

    [SkippableFact]
    public void Cycle0ValuesEqualTheFileText()
    {
        var path = SharedData.Require("mg/cycle_0.edb.extxyz");
        var frames = ExtXyz.Read(path).ToList();
        Assert.Equal(1100, frames.Count);
        Assert.All(frames, s => Assert.Equal(16, s.Count));
        Assert.All(frames, s =>
        {
            Assert.IsType<double>(s.Info["dft_energy"]);
            Assert.Equal(9, Assert.IsType<double[]>(s.Info["dft_virial"]).Length);
            Assert.Equal(3, s.Arrays["dft_forces"].Width);
        });

        var lines = File.ReadAllLines(path);
        // the comment line of frame 1 and of the last frame, checked key by key against the text
        foreach (var (frame, commentLine) in new[] { (0, 1), (1099, lines.Length - 17) })
        {
            var s = frames[frame];
            var text = lines[commentLine];
            Assert.StartsWith("Lattice=\"", text);
            var lattice = text[9..text.IndexOf('"', 9)].Split(' ').Select(D).ToArray();
            StructureAssert.Bits(lattice, s.Cell.ToRowMajor(), "Lattice");
            string Value(string key)
            {
                int i = text.IndexOf(" " + key + "=", StringComparison.Ordinal) + key.Length + 2;
                if (text[i] == '"') return text[(i + 1)..text.IndexOf('"', i + 1)];
                int e = text.IndexOf(' ', i);
                return e < 0 ? text[i..] : text[i..e];
            }
            StructureAssert.Bits(D(Value("dft_energy")), (double)s.Info["dft_energy"], "dft_energy");
            StructureAssert.Bits(Value("dft_virial").Split(' ').Select(D).ToArray(), (double[])s.Info["dft_virial"], "dft_virial");
            StructureAssert.Bits(Value("dft_stress").Split(' ').Select(D).ToArray(), (double[])s.Info["dft_stress"], "dft_stress");
            Assert.Equal(long.Parse(Value("iter"), CultureInfo.InvariantCulture), s.Info["iter"]);
            Assert.Equal(Value("config_type"), s.Info["config_type"]);
            Assert.Equal(new[] { true, true, true }, s.Pbc);
            Assert.Equal(["species", "pos", "masses", "momenta", "dft_forces"], s.ColumnOrder);
            // every atom line: species, pos(3), masses, momenta(3), dft_forces(3)
            for (int i = 0; i < 16; i++)
            {
                var f = lines[commentLine + 1 + i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(f[0], s.Symbols[i]);
                for (int k = 0; k < 3; k++)
                {
                    StructureAssert.Bits(D(f[1 + k]), s.Positions[3 * i + k], "pos");
                    StructureAssert.Bits(D(f[5 + k]) / D(f[4]), s.Velocities![3 * i + k], "velocity = momentum / mass");
                    StructureAssert.Bits(D(f[8 + k]), s.Arrays["dft_forces"].Reals![3 * i + k], "dft_forces");
                }
                StructureAssert.Bits(D(f[4]), s.Masses[i], "masses");
            }
        }
        // info keys keep the order of the comment line
        Assert.Equal(["ns_energy", "volume", "KEmax", "last_walked_iter_extra", "last_walked_iter_clone", "iter", "ns_P",
            "config_type", "config_n_global", "ns_KE", "temp", "dft_energy", "dft_stress", "dft_virial"], frames[0].Info.Keys);
        Assert.Equal(-27023.21818, (double)frames[0].Info["dft_energy"]);
        Assert.Equal(1.0, frames[0].Masses[0]);
    }

    [SkippableFact]
    public void SpecialValuesAndQuotedStringsOfTheOtherFiles()
    {
        // cycle_1 writes temp=-inf for the frames sampled at infinite temperature
        var c1 = ExtXyz.Read(SharedData.Require("mg/cycle_1.rdb.extxyz")).ToList();
        Assert.Contains(c1, s => s.Info["temp"] is double t && double.IsNegativeInfinity(t));
        var lmp = ExtXyz.Read(SharedData.Require("lammps-eam-ref/mg_eam_fs_reference.extxyz")).ToList();
        var first = lmp[0];
        Assert.Equal(2, first.Count);
        Assert.Equal(-3.064163622630312, first.Info["energy"]);
        Assert.Equal("hcp2_a3.19_c5.19", first.Info["config_name"]);
        Assert.Equal("LAMMPS 29Sep2021 (Debian lammps 20220106) pair_style eam/fs Mg1.eam.fs, run 0", first.Info["source"]);
        var virial = Assert.IsType<double[]>(first.Info["virial"]);
        Assert.Equal(-4.461104422892533e-02, virial[0]);
        Assert.Equal(4.289103435628220e-16, virial[1]);
        Assert.Equal(-3.068779976215989e-02, virial[8]);
        Assert.Equal(9.753557158780821e-04, Assert.IsType<double[]>(first.Info["stress"])[0]);
        Assert.Equal(1.013367202651327e-09, first.Arrays["forces"].Reals![1]);
        Assert.Equal(5.1900000000000004, first.Cell.C.Z);
        Assert.Equal(-1.5950000000000000, first.Cell.B.X);
        Assert.Equal(1.8417473600000001, first.Positions[4]);
        Assert.Equal([16, 16], lmp.Skip(1).Select(s => s.Count));
    }

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void ReadWriteReadIsBitwiseIdentical(string rel, int expectedFrames)
    {
        var path = SharedData.Require(rel);
        var original = ExtXyz.Read(path).ToList();
        Assert.Equal(expectedFrames, original.Count);
        var sw = new StringWriter();
        foreach (var s in original) ExtXyz.Write(sw, s);
        var text = sw.ToString();
        var again = ExtXyz.Read(new StringReader(text), "round trip").ToList();
        Assert.Equal(original.Count, again.Count);
        for (int f = 0; f < original.Count; f++) StructureAssert.Identical(original[f], again[f], $"frame {f + 1}");

        // the Properties written are those read, and pbc comes last as ASE writes it
        var inLines = File.ReadLines(path).ToList();
        var outLines = text.Split('\n');
        static string Props(string comment) => comment.Split(' ').Single(t => t.StartsWith("Properties=", StringComparison.Ordinal));
        Assert.Equal(Props(inLines[1]), Props(outLines[1]));
        Assert.EndsWith("pbc=\"T T T\"", outLines[1]);
    }

    [SkippableFact]
    public void ReadingSpeedOnCycle0()
    {
        var path = SharedData.Require("mg/cycle_0.edb.extxyz");
        long bytes = new FileInfo(path).Length;
        int frames = 0;
        for (int w = 0; w < 3; w++) frames = ExtXyz.Read(path).Count(); // warm-up (tiered JIT)
        var sw = Stopwatch.StartNew();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        const int repeats = 3;
        for (int r = 0; r < repeats; r++) frames = ExtXyz.Read(path).Count();
        double sec = sw.Elapsed.TotalSeconds / repeats;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds / repeats;
        output.WriteLine(FormattableString.Invariant(
            $"extxyz read speed (cycle_0.edb.extxyz, {frames} frames, {bytes / 1e6:F2} MB): {frames / sec:F0} frames/s, {bytes / 1e6 / sec:F1} MB/s wall-clock; {frames / cpu:F0} frames/s, {bytes / 1e6 / cpu:F1} MB/s per CPU second of the process"));
        var text = new StringWriter();
        var all = ExtXyz.Read(path).ToList();
        sw.Restart();
        foreach (var s in all) ExtXyz.Write(text, s);
        double wsec = sw.Elapsed.TotalSeconds;
        output.WriteLine(FormattableString.Invariant(
            $"extxyz write speed (to memory): {all.Count / wsec:F0} frames/s, {text.GetStringBuilder().Length / 1e6 / wsec:F1} MB of text/s"));
        Assert.Equal(1100, frames);
    }
}
