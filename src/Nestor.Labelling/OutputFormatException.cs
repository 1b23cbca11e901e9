namespace Nestor.Labelling;

/// <summary>A DFT output or input that cannot be read: the message names the file, the line and what is wrong.</summary>
public sealed class OutputFormatException(string file, int line, string message)
    : FormatException(line > 0 ? $"{file}:{line}: {message}" : $"{file}: {message}")
{
    /// <summary>The file (or name inside an archive).</summary>
    public string File { get; } = file;

    /// <summary>1-based line number, or 0 when the problem is the file as a whole.</summary>
    public int Line { get; } = line;
}
