namespace Nestor.Atoms.IO;

/// <summary>
/// Malformed extended XYZ input. The message names the file, the frame (1-based), the line (1-based), the field and
/// what was expected, e.g. <c>run.extxyz: frame 3, line 41, column 'forces' (field 6): expected a real number, found 'x1'</c>.
/// </summary>
public sealed class ExtXyzFormatException : Exception
{
    /// <summary>The file (or source name) being read.</summary>
    public string FileName { get; }

    /// <summary>The frame number, 1-based.</summary>
    public int Frame { get; }

    /// <summary>The line number in the file, 1-based.</summary>
    public long Line { get; }

    /// <summary>The field that was being read (e.g. "atom count", "Lattice", "column 'pos' (field 3)").</summary>
    public string Field { get; }

    /// <summary>What was wrong: what was expected and what was found.</summary>
    public string Problem { get; }

    public ExtXyzFormatException(string fileName, int frame, long line, string field, string problem, Exception? inner = null)
        : base($"{fileName}: frame {frame}, line {line}, {field}: {problem}", inner)
    {
        FileName = fileName;
        Frame = frame;
        Line = line;
        Field = field;
        Problem = problem;
    }
}
