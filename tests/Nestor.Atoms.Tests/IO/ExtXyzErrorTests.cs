using Nestor.Atoms.IO;

namespace Nestor.Atoms.Tests.IO;

/// <summary>Malformed input raises ExtXyzFormatException naming the file, frame, line, field and what was expected.</summary>
public class ExtXyzErrorTests
{
    private const string Good = "2\nLattice=\"4 0 0 0 4 0 0 0 4\" Properties=species:S:1:pos:R:3\nMg 0 0 0\nMg 2 2 2\n";

    private static ExtXyzFormatException Fails(string text, int frame, long line, string field, string problem)
    {
        var e = Assert.Throws<ExtXyzFormatException>(() => ExtXyz.Read(new StringReader(text), "bad.extxyz").ToList());
        Assert.Equal("bad.extxyz", e.FileName);
        Assert.Equal(frame, e.Frame);
        Assert.Equal(line, e.Line);
        Assert.Contains(field, e.Field);
        Assert.Contains(problem, e.Problem);
        Assert.StartsWith($"bad.extxyz: frame {frame}, line {line}, ", e.Message);
        return e;
    }

    [Fact]
    public void FileEndsBeforeAllAtoms() =>
        Fails(Good + "3\nProperties=species:S:1:pos:R:3\nMg 0 0 0\nMg 1 1 1\n", 2, 9, "atom line", "expected 3 atom lines (atom count on line 5), found 2");

    [Fact]
    public void FileEndsAfterTheCountLine() => Fails(Good + "2\n", 2, 6, "comment line", "ends early");

    [Fact]
    public void NonIntegerCountLine()
    {
        Fails("two\nProperties=species:S:1:pos:R:3\n", 1, 1, "atom count", "expected a non-negative integer number of atoms, found 'two'");
        Fails(Good + "1.5\n", 2, 5, "atom count", "found '1.5'");
        Fails(Good + "-1\n", 2, 5, "atom count", "found '-1'");
    }

    [Fact]
    public void TooManyAtomLinesShowAsABadCountLine() =>
        Fails(Good.Replace("2\nLattice", "1\nLattice"), 2, 4, "atom count", "found 'Mg 2 2 2'");

    [Fact]
    public void BadNumberInAColumn()
    {
        Fails(Good.Replace("Mg 2 2 2", "Mg 2 2x 2"), 1, 4, "column 'pos' (field 3)", "expected a real number, found '2x'");
        Fails("1\nProperties=species:S:1:pos:R:3:tag:I:1\nMg 0 0 0 1.5\n", 1, 3, "column 'tag' (field 5)", "expected an integer, found '1.5'");
        Fails("1\nProperties=species:S:1:pos:R:3:fixed:L:1\nMg 0 0 0 yes\n", 1, 3, "column 'fixed' (field 5)", "expected T, F, True or False, found 'yes'");
        Fails("1\nProperties=species:S:1:pos:R:3\nQq 0 0 0\n", 1, 3, "column 'species' (field 1)", "expected an element symbol, found 'Qq'");
    }

    [Fact]
    public void UnknownPropertyTypeAndBadProperties()
    {
        Fails("1\nProperties=species:S:1:pos:X:3\nMg 0 0 0\n", 1, 2, "Properties (column 'pos')", "unknown property type 'X': expected R, I, S or L");
        Fails("1\nProperties=species:S:1:pos:R\nMg 0 0 0\n", 1, 2, "Properties", "expected name:type:width triplets");
        Fails("1\nProperties=species:S:1:pos:R:three\nMg 0 0 0\n", 1, 2, "Properties (column 'pos')", "expected a positive integer width, found 'three'");
        Fails("1\nProperties=species:S:1:pos:R:2\nMg 0 0\n", 1, 2, "Properties (column 'pos')", "expected pos:R:3, found pos:R:2");
        Fails("1\nProperties=species:S:1\nMg\n", 1, 2, "Properties", "expected a pos:R:3 column");
        Fails("1\nProperties=species:S:1:pos:R:3:f:R:1:f:R:1\nMg 0 0 0 1 2\n", 1, 2, "Properties (column 'f')", "found it twice");
        Fails("1\nProperties=species:S:1:pos:R:3:momenta:R:3:velo:R:3\nMg 0 0 0 1 2 3 4 5 6\n", 1, 2, "Properties (column 'velo')", "found both 'momenta' and 'velo'");
    }

    [Fact]
    public void PeriodicFrameWithoutLattice()
    {
        Fails("1\nProperties=species:S:1:pos:R:3 pbc=\"T T F\"\nMg 0 0 0\n", 1, 2, "Lattice", "expected a Lattice for a periodic frame (pbc=\"T T F\")");
        Fails("1\nLattice=\"1 0 0 2 0 0 0 0 1\" Properties=species:S:1:pos:R:3\nMg 0 0 0\n", 1, 2, "Lattice", "non-zero volume");
    }

    [Fact]
    public void RaggedAtomLines()
    {
        Fails(Good.Replace("Mg 2 2 2", "Mg 2 2"), 1, 4, "column 'pos' (field 4)", "expected 4 fields on the atom line (Properties), found 3");
        Fails(Good.Replace("Mg 0 0 0", "Mg 0 0 0 7 8"), 1, 3, "field 5", "expected 4 fields on the atom line (Properties), found 6");
    }

    [Fact]
    public void BadLattice()
    {
        Fails(Good.Replace("0 0 0 4\"", "0 0 4\""), 1, 2, "Lattice", "expected 9 numbers (lattice vectors a, b, c as rows)");
        Fails(Good.Replace("\"4 0 0", "\"four 0 0"), 1, 2, "Lattice", "expected 9 numbers");
    }

    [Fact]
    public void UnterminatedQuoteAndOtherCommentErrors()
    {
        Fails(Good.Replace("Properties=", "note=\"open Properties="), 1, 2, "comment line", "unterminated quote: expected a closing \"");
        Fails(Good.Replace("Properties=", "note={open Properties="), 1, 2, "comment line", "expected a closing }");
        Fails(Good.Replace("Properties=species:S:1:pos:R:3", "Properties=species:S:1:pos:R:3 x=\\"), 1, 2, "comment line", "final backslash");
        Fails(Good.Replace("Properties=species:S:1:pos:R:3", "Properties=species:S:1:pos:R:3 pbc=\"T T\""), 1, 2, "pbc", "expected three T/F flags");
        Fails(Good.Replace("Properties=species:S:1:pos:R:3", "Properties=species:S:1:pos:R:3 stress=\"1 2 3 4 5 6\""), 1, 2, "key 'stress'", "expected 9 numbers");
        Fails("1\n=5 Properties=species:S:1:pos:R:3\nMg 0 0 0\n", 1, 2, "comment line", "expected a key before '='");
    }

    [Fact]
    public void ZThatDisagreesWithSpecies()
    {
        Fails("2\nProperties=species:S:1:pos:R:3:Z:I:1\nMg 0 0 0 12\nMg 1 1 1 13\n", 1, 4, "column 'Z'", "expected 12 (the atomic number of species Mg), found 13");
        Fails("1\nProperties=Z:I:1:pos:R:3\n999 0 0 0\n", 1, 3, "column 'Z'", "expected an atomic number from 0 to 118, found 999");
    }

    [Fact]
    public void TextAfterABlankLine() =>
        Fails(Good + "\n" + Good, 2, 6, "atom count", "without blank lines before it (blank line 5)");

    [Fact]
    public void ReadSingleNeedsExactlyOneFrame()
    {
        var dir = Directory.CreateTempSubdirectory("nestor-extxyz-");
        try
        {
            var two = Path.Combine(dir.FullName, "two.extxyz");
            File.WriteAllText(two, Good + Good);
            var e = Assert.Throws<ExtXyzFormatException>(() => ExtXyz.ReadSingle(two));
            Assert.Contains("expected exactly one frame, found more than one", e.Message);
            Assert.Equal(2, e.Frame);
            Assert.Equal(5, e.Line);
            var none = Path.Combine(dir.FullName, "none.extxyz");
            File.WriteAllText(none, "\n");
            Assert.Contains("found none", Assert.Throws<ExtXyzFormatException>(() => ExtXyz.ReadSingle(none)).Message);
            var one = Path.Combine(dir.FullName, "one.extxyz");
            File.WriteAllText(one, Good);
            Assert.Equal(2, ExtXyz.ReadSingle(one).Count);
            Assert.Throws<FileNotFoundException>(() => ExtXyz.Read(Path.Combine(dir.FullName, "absent.extxyz")));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void ErrorsCarryTheFilePathWhenReadingAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nestor-bad-{Guid.NewGuid():N}.extxyz");
        File.WriteAllText(path, Good + Good.Replace("Mg 2 2 2", "Mg 2 2 zz"));
        try
        {
            var e = Assert.Throws<ExtXyzFormatException>(() => ExtXyz.Read(path).ToList());
            Assert.Equal(path, e.FileName);
            Assert.Equal(2, e.Frame);
            Assert.Equal(8, e.Line);
        }
        finally { File.Delete(path); }
    }
}
