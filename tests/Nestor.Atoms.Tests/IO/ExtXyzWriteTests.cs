using Nestor.Atoms;
using Nestor.Atoms.IO;

namespace Nestor.Atoms.Tests.IO;

/// <summary>Writing: ASE's layout, full precision, every Info type, atomic files, appending, refusal of unwritable values.</summary>
public class ExtXyzWriteTests
{
    private static Structure Pair()
    {
        var s = new Structure(["Mg", "Al"], [0, 0, 0, 1.5, 0.1, -2e-9], new Cell(new Vec3(3, 0, 0), new Vec3(0.5, 3, 0), new Vec3(0, 0, 5)),
            [true, true, false]);
        s.Info["energy"] = -3.5;
        s.Info["step"] = 12L;
        s.Info["note"] = "hello world";
        s.Arrays["forces"] = PerAtomArray.Real("forces", 3, [1, 2, 3, -0.1, 1e-20, 6]);
        return s;
    }

    private static string Text(Structure s)
    {
        var sw = new StringWriter();
        ExtXyz.Write(sw, s);
        return sw.ToString();
    }

    [Fact]
    public void LayoutIsAses()
    {
        var lines = Text(Pair()).Split('\n');
        Assert.Equal("2", lines[0]);
        Assert.Equal("Lattice=\"3.0 0.0 0.0 0.5 3.0 0.0 0.0 0.0 5.0\" Properties=species:S:1:pos:R:3:forces:R:3 energy=-3.5 step=12 "
                     + "note=\"hello world\" pbc=\"T T F\"", lines[1]);
        Assert.Equal(["Mg", "0.0", "0.0", "0.0", "1.0", "2.0", "3.0"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["Al", "1.5", "0.1", "-2e-09", "-0.1", "1e-20", "6.0"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", lines[4]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void NoCellMeansNoLattice()
    {
        var s = new Structure(["H", "H"], [0, 0, 0, 0, 0, 0.74], Cell.Empty, false);
        Assert.StartsWith("2\nProperties=species:S:1:pos:R:3 pbc=\"F F F\"\n", Text(s));
    }

    [Fact]
    public void EveryInfoTypeRoundTripsExactly()
    {
        var s = Pair();
        s.Info["nan"] = double.NaN;
        s.Info["minf"] = double.NegativeInfinity;
        s.Info["negzero"] = -0.0;
        s.Info["whole"] = 2.0;
        s.Info["tiny"] = 4.9e-324;
        s.Info["flag"] = true;
        s.Info["off"] = false;
        s.Info["quoted"] = "say \"hi\" to C:\\dir, a=b {x} [y] it's";
        s.Info["reals"] = new[] { 0.1, 2.0, double.NaN, -1e300 };
        s.Info["ints"] = new long[] { -1, 0, long.MaxValue };
        s.Info["bools"] = new[] { true, false, false };
        s.Info["names"] = new[] { "one", "two words", "quote\"back\\slash" };
        s.Info["virial"] = new[] { 1.0, 2, 3, 4, 5, 6, 7, 8, 9.25 }; // not symmetric
        s.Info["stress"] = new[] { 0.1, 0.2, 0.3, 0.2, 0.5, 0.6, 0.3, 0.6, 0.9 };
        s.Info["dft_virial"] = new[] { 1.0, 2, 3, 4, 5, 6, 7, 8, 9.25 };
        var back = ExtXyz.Read(new StringReader(Text(s)), "t").Single();
        StructureAssert.Identical(s, back, "info round trip");
    }

    [Fact]
    public void VelocitiesWriteAsMomentaByDefaultAndNonStandardMassesAreWritten()
    {
        var s = Pair();
        s.SetMasses([2.0, 3.0]);
        s.Velocities = [0.5, -1, 0.25, 1, 2, 3];
        var text = Text(s);
        Assert.Contains("Properties=species:S:1:pos:R:3:masses:R:1:momenta:R:3:forces:R:3 ", text);
        var back = ExtXyz.Read(new StringReader(text), "t").Single();
        StructureAssert.Identical(s, back, "momenta");
        Assert.Equal(["species", "pos", "masses", "momenta", "forces"], back.ColumnOrder);
        var noMasses = Pair();
        noMasses.Velocities = [0.5, -1, 0.25, 1, 2, 3];
        Assert.Contains("Properties=species:S:1:pos:R:3:momenta:R:3:forces:R:3 ", Text(noMasses));
    }

    [Fact]
    public void ColumnOrderIsFollowedAndChangesAreAppended()
    {
        var s = ExtXyz.Read(new StringReader("1\nProperties=species:S:1:q:R:1:pos:R:3:velo:R:3:old:I:1\nMg 0.5 0 0 0 0.01 0.02 0.03 4\n"), "t").Single();
        Assert.Equal(["species", "q", "pos", "velo", "old"], s.ColumnOrder);
        s.Arrays.Remove("old");
        s.Arrays["new"] = PerAtomArray.Logical("new", 1, [true]);
        Assert.Contains("Properties=species:S:1:q:R:1:pos:R:3:velo:R:3:new:L:1 ", Text(s));
        s.Velocities = null;
        Assert.Contains("Properties=species:S:1:q:R:1:pos:R:3:new:L:1 ", Text(s));
    }

    [Fact]
    public void UnwritableValuesAreRefusedBeforeAnythingIsWritten()
    {
        void Refused(Action<Structure> change, string message)
        {
            var s = Pair();
            change(s);
            var sw = new StringWriter();
            var e = Assert.Throws<ArgumentException>(() => ExtXyz.Write(sw, s));
            Assert.Contains(message, e.Message);
            Assert.Equal("", sw.ToString());
        }
        Refused(s => s.Info["x"] = new DateTime(2020, 1, 1), "has type DateTime");
        Refused(s => s.Info["x"] = "", "empty string");
        Refused(s => s.Info["x"] = "two\nlines", "line break");
        Refused(s => s.Info["x"] = Array.Empty<double>(), "empty array");
        Refused(s => s.Info["pbc"] = "T T T", "reserved");
        Refused(s => s.Info["virial"] = new[] { 1.0, 2, 3, 4, 5, 6 }, "must be 9 numbers");
        Refused(s => s.Arrays["masses"] = PerAtomArray.Real("masses", 1, [1, 2]), "per-atom array 'masses'");
        Refused(s => s.Arrays["label"] = PerAtomArray.String("label", 1, ["a b", "c"]), "non-empty strings without spaces");
        Refused(s => s.Arrays["short"] = PerAtomArray.Real("short", 1, [1]), "expected 2 atoms");
        Refused(s => s.Arrays["a:b"] = PerAtomArray.Real("a:b", 1, [1, 2]), "cannot be written");
    }

    [Fact]
    public void WriteFileIsAtomicAndAppendAdds()
    {
        var dir = Directory.CreateTempSubdirectory("nestor-extxyz-");
        try
        {
            var path = Path.Combine(dir.FullName, "out.extxyz");
            ExtXyz.WriteFile(path, [Pair(), Pair()]);
            Assert.Equal(2, ExtXyz.Read(path).Count());
            // a failure part-way leaves the old file as it was and no temporary file behind
            IEnumerable<Structure> Failing()
            {
                yield return Pair();
                throw new InvalidOperationException("generator failed");
            }
            var before = File.ReadAllText(path);
            Assert.Throws<InvalidOperationException>(() => ExtXyz.WriteFile(path, Failing()));
            Assert.Equal(before, File.ReadAllText(path));
            Assert.Equal([path], Directory.GetFiles(dir.FullName));

            var third = Pair();
            third.Info["energy"] = -7.25;
            ExtXyz.Append(path, third);
            var all = ExtXyz.Read(path).ToList();
            Assert.Equal(3, all.Count);
            Assert.Equal(-7.25, all[2].Info["energy"]);
            var bad = Pair();
            bad.Info["x"] = "";
            Assert.Throws<ArgumentException>(() => ExtXyz.Append(path, bad));
            Assert.Equal(3, ExtXyz.Read(path).Count());
            File.AppendAllText(path, "1\nProperties=species:S:1:pos:R:3\nMg 0 0 0"); // no final line end
            ExtXyz.Append(path, third);
            Assert.Equal(5, ExtXyz.Read(path).Count());
            var fresh = Path.Combine(dir.FullName, "fresh.extxyz");
            ExtXyz.Append(fresh, third);
            Assert.Single(ExtXyz.Read(fresh));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void RandomStructuresRoundTripBitwise()
    {
        var rng = new Random(11);
        var frames = new List<Structure>();
        for (int f = 0; f < 20; f++)
        {
            var s = Nestor.Testing.RandomStructures.Skewed(f, 1 + f % 7, 20 + f);
            s.Velocities = Enumerable.Range(0, 3 * s.Count).Select(_ => rng.NextDouble() - 0.5).ToArray();
            if (f % 3 == 0) s.SetMasses(Enumerable.Range(0, s.Count).Select(_ => 1 + 30 * rng.NextDouble()).ToArray());
            s.Arrays["forces"] = PerAtomArray.Real("forces", 3, Enumerable.Range(0, 3 * s.Count).Select(_ => rng.NextDouble() * Math.Pow(10, rng.Next(-30, 30))).ToArray());
            s.Info["energy"] = rng.NextDouble() * -1000;
            s.Info["virial"] = Enumerable.Range(0, 9).Select(_ => rng.NextDouble()).ToArray();
            frames.Add(s);
        }
        var sw = new StringWriter();
        foreach (var s in frames) ExtXyz.Write(sw, s);
        var back = ExtXyz.Read(new StringReader(sw.ToString()), "t").ToList();
        int exact = 0, total = 0;
        for (int f = 0; f < frames.Count; f++)
        {
            var e = frames[f];
            var a = back[f];
            // velocities pass through momenta = m v and back v = p / m: some velocities have no momentum that divides
            // back to them exactly (p / m skips doubles when m > 1), those come back one ulp away
            for (int k = 0; k < e.Velocities!.Length; k++)
            {
                StructureAssert.WithinOneUlp(e.Velocities[k], a.Velocities![k], $"frame {f} velocity {k}");
                if (a.Velocities[k] == e.Velocities[k]) exact++;
                total++;
            }
            a.Velocities = e.Velocities;
            StructureAssert.Identical(e, a, $"frame {f}");
        }
        Assert.True(exact > 0.8 * total, $"{exact} of {total} velocities came back exactly");
        // unit masses (pymatnest's) are always exact
        var unit = frames[1].Clone();
        unit.SetMasses(Enumerable.Repeat(1.0, unit.Count).ToArray());
        var sw1 = new StringWriter();
        ExtXyz.Write(sw1, unit);
        StructureAssert.Identical(unit, ExtXyz.Read(new StringReader(sw1.ToString()), "t").Single(), "unit masses");
    }
}
