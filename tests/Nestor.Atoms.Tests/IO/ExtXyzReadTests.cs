using Nestor.Atoms;
using Nestor.Atoms.IO;

namespace Nestor.Atoms.Tests.IO;

/// <summary>Reading: comment-line value types (as ASE 3.22.1), special columns, pbc defaults, streaming.</summary>
public class ExtXyzReadTests
{
    private static Structure One(string text) => ExtXyz.Read(new StringReader(text), "test").Single();

    [Fact]
    public void InfoValueTypesFollowAse()
    {
        var s = One("1\nProperties=species:S:1:pos:R:3 a=1 b=2.5 c=1e-5 d=T e=F f=\"1 2 3\" g=\"1.5 2 3\" h=\"T F T\" "
                    + "i=\"hello world\" j=word bare n=nan m=-inf t=True lst={1 2 3} sq=[4,5,6] esc=\"a \\\"q\\\" b\\\\c\" "
                    + "uid=123 json=\"_JSON [\\\"x\\\", \\\"y z\\\"]\" key = spaced big=99999999999999999999 one=\"7\" "
                    + "mix=\"1 a\" single='x y' empty=\"\" nested=\"_JSON [[1, 2], [3, 4]]\" obj=\"_JSON {\\\"a\\\": 1}\"\nMg 0 0 0\n");
        var info = s.Info;
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "bare", "n", "m", "t", "lst", "sq", "esc", "uid", "json",
            "key", "big", "one", "mix", "single", "empty", "nested", "obj"], info.Keys);
        Assert.Equal(1L, info["a"]);
        Assert.Equal(2.5, info["b"]);
        Assert.Equal(1e-5, info["c"]);
        Assert.Equal(true, info["d"]);
        Assert.Equal(false, info["e"]);
        Assert.Equal(new long[] { 1, 2, 3 }, info["f"]);
        Assert.Equal(new[] { 1.5, 2, 3 }, info["g"]);
        Assert.Equal(new[] { true, false, true }, info["h"]);
        Assert.Equal("hello world", info["i"]);
        Assert.Equal("word", info["j"]);
        Assert.Equal(true, info["bare"]);
        Assert.True(double.IsNaN((double)info["n"]));
        Assert.Equal(double.NegativeInfinity, info["m"]);
        Assert.Equal("True", info["t"]); // ASE treats only T and F as booleans on the comment line
        Assert.Equal(new long[] { 1, 2, 3 }, info["lst"]);
        Assert.Equal(new long[] { 4, 5, 6 }, info["sq"]);
        Assert.Equal("a \"q\" b\\c", info["esc"]);
        Assert.Equal("123", info["uid"]); // ASE leaves uid unprocessed
        Assert.Equal(new[] { "x", "y z" }, info["json"]);
        Assert.Equal("spaced", info["key"]);
        Assert.Equal(1e20, info["big"]); // too big for a 64-bit integer: a real, as numpy
        Assert.Equal(7L, info["one"]); // quotes delimit, they do not make a string
        Assert.Equal("1 a", info["mix"]);
        Assert.Equal("x y", info["single"]);
        Assert.Equal(Array.Empty<long>(), info["empty"]); // ASE: an empty integer array
        Assert.Equal(new long[] { 1, 2, 3, 4 }, info["nested"]); // flattened row-major
        Assert.Equal("_JSON {\"a\": 1}", info["obj"]); // kept verbatim
    }

    [Fact]
    public void VirialAndStressAreFortranOrderedLikeAse()
    {
        var s = One("1\nProperties=species:S:1:pos:R:3 virial=\"1 2 3 4 5 6 7 8 9\" stress=\"1 2 3 4 5 6 7 8 9.5\" dft_virial=\"1 2 3 4 5 6 7 8 9\"\nMg 0 0 0\n");
        // ASE: reshape((3,3), order='F'), so the matrix (row-major) is the transpose of the file order
        Assert.Equal(new long[] { 1, 4, 7, 2, 5, 8, 3, 6, 9 }, s.Info["virial"]);
        Assert.Equal(new[] { 1, 4, 7, 2, 5, 8, 3, 6, 9.5 }, s.Info["stress"]);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, s.Info["dft_virial"]); // other keys stay as written
        var sw = new StringWriter();
        ExtXyz.Write(sw, s);
        Assert.Contains("virial=\"1 2 3 4 5 6 7 8 9\"", sw.ToString());
        Assert.Contains("stress=\"1.0 2.0 3.0 4.0 5.0 6.0 7.0 8.0 9.5\"", sw.ToString());
    }

    [Fact]
    public void PbcDefaultsAsAse()
    {
        var withLattice = One("1\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1:pos:R:3\nMg 0 0 0\n");
        Assert.Equal(new[] { true, true, true }, withLattice.Pbc);
        Assert.Equal(Cell.Cubic(3), withLattice.Cell);
        var without = One("1\nProperties=species:S:1:pos:R:3\nMg 0 0 0\n");
        Assert.Equal(new[] { false, false, false }, without.Pbc);
        Assert.Equal(Cell.Empty, without.Cell);
        var partial = One("1\nLattice=\"3 0 0 1 3 0 0 0 30\" Properties=species:S:1:pos:R:3 pbc=\"T F T\"\nMg 0 0 0\n");
        Assert.Equal(new[] { true, false, true }, partial.Pbc);
        Assert.Equal(new Vec3(1, 3, 0), partial.Cell.B);
        var cellNoPbc = One("1\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1:pos:R:3 pbc=\"F F F\"\nMg 0 0 0\n");
        Assert.DoesNotContain(true, cellNoPbc.Pbc);
        Assert.Equal(27, cellNoPbc.Volume);
    }

    [Fact]
    public void PlainXyzReadsWithDefaultProperties()
    {
        var s = One("2\nwater dimer fragment\nH 0.0 0.0 0.0\nh 0 0 0.74\n");
        Assert.Equal(["H", "H"], s.Symbols); // species are capitalised, as ASE does
        Assert.Equal(0.74, s.Positions[5]);
        Assert.Equal(["water", "dimer", "fragment"], s.Info.Keys); // bare words are keys set to true, as in ASE
    }

    [Fact]
    public void SpeciesFromZAndZCheckedAgainstSpecies()
    {
        var z = One("2\nProperties=Z:I:1:pos:R:3\n12 0 0 0\n13 1 1 1\n");
        Assert.Equal(["Mg", "Al"], z.Symbols);
        Assert.Equal(["Z", "pos"], z.ColumnOrder);
        var both = One("2\nProperties=species:S:1:pos:R:3:Z:I:1\nMg 0 0 0 12\nAl 1 1 1 13\n");
        Assert.Equal([12, 13], both.Numbers);
        Assert.Empty(both.Arrays);
        var sw = new StringWriter();
        ExtXyz.Write(sw, both);
        Assert.Contains("Properties=species:S:1:pos:R:3:Z:I:1 ", sw.ToString());
    }

    [Fact]
    public void MassesMomentaVeloAndVelocities()
    {
        var p = One("2\nProperties=species:S:1:pos:R:3:masses:R:1:momenta:R:3\nMg 0 0 0 2.0 1 2 3\nAl 1 1 1 4.0 4 6 8\n");
        Assert.Equal(new[] { 2.0, 4.0 }, p.Masses);
        Assert.Equal(new[] { 0.5, 1, 1.5, 1, 1.5, 2 }, p.Velocities);
        var std = One("1\nProperties=species:S:1:pos:R:3:momenta:R:3\nMg 0 0 0 24.305 0 -48.61\n");
        Assert.Equal(new[] { 1.0, 0, -2 }, std.Velocities); // standard mass of Mg
        var velo = One("1\nProperties=species:S:1:pos:R:3:velo:R:3\nMg 0 0 0 0.01 0 -0.02\n");
        Assert.Equal(0.01 * Units.TimeUnitFs, velo.Velocities![0]); // velo is A/fs (QUIP)
        var vel = One("1\nProperties=species:S:1:pos:R:3:velocities:R:3\nMg 0 0 0 0.25 0 -0.5\n");
        Assert.Equal(new[] { 0.25, 0, -0.5 }, vel.Velocities);
        foreach (var (s, name) in new[] { (p, "masses:R:1:momenta:R:3"), (velo, "velo:R:3"), (vel, "velocities:R:3") })
        {
            var sw = new StringWriter();
            ExtXyz.Write(sw, s);
            Assert.Contains("Properties=species:S:1:pos:R:3:" + name + " ", sw.ToString());
        }
    }

    [Fact]
    public void ArraysOfEveryKindAndWidthKeepTheirOrder()
    {
        var s = One("2\nProperties=species:S:1:pos:R:3:tag:I:1:fix:L:3:label:S:2:q:R:1\n"
                    + "Mg 0 0 0 -7 T F True x y 0.5\nMg 1 1 1 8 F False T z w -1e-3\n");
        Assert.Equal(["tag", "fix", "label", "q"], s.Arrays.Keys);
        Assert.Equal(new long[] { -7, 8 }, s.Arrays["tag"].Integers);
        Assert.Equal(new[] { true, false, true, false, false, true }, s.Arrays["fix"].Logicals);
        Assert.Equal(3, s.Arrays["fix"].Width);
        Assert.Equal(["x", "y", "z", "w"], s.Arrays["label"].Strings!);
        Assert.Equal(new[] { 0.5, -1e-3 }, s.Arrays["q"].Reals);
        var sw = new StringWriter();
        ExtXyz.Write(sw, s);
        Assert.Contains("Properties=species:S:1:pos:R:3:tag:I:1:fix:L:3:label:S:2:q:R:1 ", sw.ToString());
    }

    [Fact]
    public void EmptyFramesAndEmptyFiles()
    {
        var frames = ExtXyz.Read(new StringReader("0\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1:pos:R:3 e=1.5\n1\n\nMg 0 0 0\n"), "t").ToList();
        Assert.Equal(2, frames.Count);
        Assert.Equal(0, frames[0].Count);
        Assert.Equal(1.5, frames[0].Info["e"]);
        Assert.Empty(frames[1].Info); // an empty comment line: plain xyz
        Assert.Empty(ExtXyz.Read(new StringReader(""), "t"));
        var sw = new StringWriter();
        ExtXyz.Write(sw, frames[0]);
        Assert.Equal(0, ExtXyz.Read(new StringReader(sw.ToString()), "t").Single().Count);
    }

    [Fact]
    public void WindowsLineEndsTabsAndTrailingBlankLines()
    {
        var text = "1\r\nLattice=\"3 0 0 0 3 0 0 0 3\"\tProperties=species:S:1:pos:R:3\r\nMg\t0.5 0 0\r\n\r\n  \n";
        var s = ExtXyz.Read(new StringReader(text), "crlf").Single();
        Assert.Equal(0.5, s.Positions[0]);
        Assert.Equal(Cell.Cubic(3), s.Cell);
    }

    [Fact]
    public void ReadingIsLazyFrameByFrame()
    {
        // an endless source: only a lazy reader can take 5 frames from it
        var frames = ExtXyz.Read(new EndlessFrames(), "endless").Take(5).ToList();
        Assert.Equal(5, frames.Count);
        Assert.Equal(4.0, frames[4].Positions[0]);
        // the first frame arrives before a later frame's error is met
        var text = "1\nProperties=species:S:1:pos:R:3\nMg 0 0 0\n1\nProperties=species:S:1:pos:R:3\nMg 0 0 x\n";
        using var e = ExtXyz.Read(new StringReader(text), "t").GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.Throws<ExtXyzFormatException>(() => e.MoveNext());
    }

    private sealed class EndlessFrames : TextReader
    {
        private int _frame;
        private string _pending = "";
        private int _pos;

        public override int Read(char[] buffer, int index, int count)
        {
            if (_pos == _pending.Length)
            {
                _pending = $"1\nProperties=species:S:1:pos:R:3 frame={_frame}\nMg {_frame} 0 0\n";
                _frame++;
                _pos = 0;
            }
            int n = Math.Min(count, _pending.Length - _pos);
            _pending.CopyTo(_pos, buffer, index, n);
            _pos += n;
            return n;
        }
    }
}
