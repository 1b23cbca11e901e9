using System.Globalization;
using System.Text;
using Nestor.Potentials.Eam;

namespace Nestor.Potentials.Tests.Eam;

/// <summary>The file reader: format detection, layout, and error messages that name file, line and field.</summary>
public class EamFileReaderTests
{
    /// <summary>A small synthetic setfl/fs text with 2 elements (A = Cu, B = Ni), nrho = nr = 10, 5 values per line.</summary>
    private static string Synthetic(EamFormat format, Func<int, string>? value = null, int ne = 2)
    {
        value ??= k => (0.001 * k).ToString("R", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("comment 1\ncomment 2\n# comment 3\n");
        sb.Append(ne == 2 ? "2 Cu Ni\n" : "1 Cu\n");
        sb.Append("10 0.1 10 0.5 4.5\n");
        int counter = 0;
        void Table()
        {
            for (int l = 0; l < 2; l++)
                sb.Append(string.Join(' ', Enumerable.Range(0, 5).Select(_ => value(counter++)))).Append('\n');
        }
        string[] names = ["Cu", "Ni"];
        for (int a = 0; a < ne; a++)
        {
            sb.Append($"{(a == 0 ? 29 : 28)} {(a == 0 ? 63.546 : 58.6934)} 3.6 fcc\n");
            Table();
            for (int b = 0; b < (format == EamFormat.Alloy ? 1 : ne); b++) Table();
        }
        for (int p = 0; p < ne * (ne + 1) / 2; p++) Table();
        return sb.ToString();
    }

    [Fact]
    public void ReadsTheLayoutOfBothFormats()
    {
        var fs = EamFileReader.Parse("x.eam.fs", Synthetic(EamFormat.FinnisSinclair), EamFormat.FinnisSinclair);
        Assert.Equal(["Cu", "Ni"], fs.Elements);
        Assert.Equal([63.546, 58.6934], fs.Masses);
        Assert.Equal((10, 0.1, 10, 0.5, 4.5), (fs.Nrho, fs.Drho, fs.Nr, fs.Dr, fs.Cutoff));
        // order in the file: F_Cu, rho_Cu,Cu, rho_Cu,Ni, F_Ni, rho_Ni,Cu, rho_Ni,Ni, rphi_CuCu, rphi_NiCu, rphi_NiNi
        Assert.Equal(0.0, fs.Embedding[0][0]);
        Assert.Equal(0.010, fs.DensityTable(source: 0, target: 0)[0], 12);
        Assert.Equal(0.020, fs.DensityTable(source: 0, target: 1)[0], 12);
        Assert.Equal(0.030, fs.Embedding[1][0], 12);
        Assert.Equal(0.040, fs.DensityTable(source: 1, target: 0)[0], 12);
        Assert.Equal(0.050, fs.DensityTable(source: 1, target: 1)[0], 12);
        Assert.Equal(0.060, fs.RPhiTable(0, 0)[0], 12);
        Assert.Equal(0.070, fs.RPhiTable(1, 0)[0], 12);
        Assert.Equal(0.070, fs.RPhiTable(0, 1)[0], 12);
        Assert.Equal(0.080, fs.RPhiTable(1, 1)[0], 12);
        var alloy = EamFileReader.Parse("x.eam.alloy", Synthetic(EamFormat.Alloy), EamFormat.Alloy);
        Assert.Equal(0.010, alloy.DensityTable(source: 0, target: 1)[0], 12);
        Assert.Equal(0.030, alloy.DensityTable(source: 1, target: 0)[0], 12);
        Assert.Equal(0.050, alloy.RPhiTable(0, 1)[0], 12);
    }

    [Theory]
    [InlineData("Mg1.eam.fs", EamFormat.FinnisSinclair)]
    [InlineData("dir.x/AlFe_mm.FS", EamFormat.FinnisSinclair)]
    [InlineData("CuNi.eam.alloy", EamFormat.Alloy)]
    [InlineData("Cu.setfl", EamFormat.Alloy)]
    [InlineData("Cu_u3.eam", null)]
    [InlineData("potential.txt", null)]
    public void FormatFromFileName(string name, EamFormat? expected) => Assert.Equal(expected, EamFile.FormatFromFileName(name));

    [Fact]
    public void UnknownFormatAndMissingFileAreClearErrors()
    {
        var e = Assert.Throws<PotentialException>(() => PotentialRegistry.Create("eam:Cu_u3.eam"));
        Assert.Contains("eam/fs:Cu_u3.eam", e.Message);
        e = Assert.Throws<PotentialException>(() => PotentialRegistry.Create("eam/fs:/nonexistent/x.eam.fs"));
        Assert.Contains("/nonexistent/x.eam.fs", e.Message);
        e = Assert.Throws<PotentialException>(() => PotentialRegistry.Create("eam/alloy:"));
        Assert.Contains("give the potential file", e.Message);
        Assert.Contains(PotentialRegistry.Available, a => a.Style == "eam/fs");
    }

    private static PotentialException Error(string text, EamFormat format = EamFormat.FinnisSinclair) =>
        Assert.Throws<PotentialException>(() => EamFileReader.Parse("bad.eam.fs", text, format));

    private static string ReplaceLine(string text, int line, string replacement)
    {
        var lines = text.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    [Fact]
    public void MalformedFilesNameFileLineAndField()
    {
        string good = Synthetic(EamFormat.FinnisSinclair);
        var e = Error(ReplaceLine(good, 8, "0.1 0.2 abc 0.4 0.5"));
        Assert.Contains("bad.eam.fs, line 8", e.Message);
        Assert.Contains("field 3", e.Message);
        Assert.Contains("'abc'", e.Message);
        Assert.Contains("F(rho) of Cu", e.Message);

        e = Error(ReplaceLine(good, 5, "10 0.1 10 0.5"));
        Assert.Contains("line 5", e.Message);
        Assert.Contains("needs 5 values", e.Message);

        e = Error(ReplaceLine(good, 5, "10 0.1 ten 0.5 4.5"));
        Assert.Contains("line 5: field 3 (Nr): 'ten' is not an integer", e.Message);

        e = Error(ReplaceLine(good, 4, "3 Cu Ni"));
        Assert.Contains("line 4", e.Message);

        // a missing value shifts everything: the last table runs past the end of the file
        e = Error(ReplaceLine(good, 7, "0.1 0.2 0.3 0.4"));
        Assert.Contains("bad.eam.fs", e.Message);
        Assert.Contains("beyond", e.Message);

        // one value too many on a line
        e = Error(ReplaceLine(good, 7, "0.1 0.2 0.3 0.4 0.5 0.6"));
        Assert.Contains("line 8", e.Message);
        Assert.Contains("1 value(s) beyond the 10 of F(rho) of Cu", e.Message);

        // truncated file
        e = Error(string.Join('\n', good.Split('\n')[..^3]));
        Assert.Contains("ends after", e.Message);
        Assert.Contains("r*phi(r) of Ni-Ni", e.Message);

        // extra values at the end, e.g. an fs file read as alloy
        e = Error(good, EamFormat.Alloy);
        Assert.Contains("bad.eam.fs", e.Message);

        e = Error(good + "1.0 2.0\n");
        Assert.Contains("after the last table", e.Message);
    }

    [Fact]
    public void CommentsAndBlankLinesAreSkipped()
    {
        string text = Synthetic(EamFormat.Alloy).Replace("\n3 Cu", "\n\n# a comment\n3 Cu") + "\n# trailing comment\n\n";
        var f = EamFileReader.Parse("c.eam.alloy", text.Replace("fcc\n", "fcc # lattice\n\n"), EamFormat.Alloy);
        Assert.Equal(2, f.Elements.Count);
    }

    [Fact]
    public void ElementsMissingFromTheFileAreAnError()
    {
        var file = EamFileReader.Parse("x.eam.fs", Synthetic(EamFormat.FinnisSinclair, k => (1.0 + 0.01 * (k % 10)).ToString("R", CultureInfo.InvariantCulture)), EamFormat.FinnisSinclair);
        var pot = new EamPotential(file);
        Assert.Equal(["Cu", "Ni"], pot.Species!);
        var s = new Nestor.Atoms.Structure(["Cu", "Ni", "Mg"], [0, 0, 0, 2, 0, 0, 0, 2, 0], Nestor.Atoms.Cell.Cubic(6));
        var e = Assert.Throws<PotentialException>(() => pot.Compute(s, Quantities.All, new PotentialResult()));
        Assert.Contains("atom 2 is Mg", e.Message);
        Assert.Contains("Cu, Ni", e.Message);
    }
}
