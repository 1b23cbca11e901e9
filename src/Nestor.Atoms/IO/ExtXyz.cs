using System.Text;

namespace Nestor.Atoms.IO;

/// <summary>
/// Extended XYZ files, compatible with ASE 3.22.1 (<c>ase.io.read/write(..., format="extxyz")</c>) in both directions.
/// See docs/extxyz.md for the conventions (Info value types, 3x3 order, momenta/velocities, pbc defaults, errors).
/// </summary>
public static class ExtXyz
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    /// <summary>Reads all frames of a file lazily, one frame at a time (the file is never loaded whole).</summary>
    public static IEnumerable<Structure> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"extxyz file not found: {path}", path);
        return ReadFile(path);
    }

    private static IEnumerable<Structure> ReadFile(string path)
    {
        using var reader = new StreamReader(path, Utf8NoBom, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        foreach (var s in Read(reader, path)) yield return s;
    }

    /// <summary>Reads all frames from <paramref name="reader"/> lazily; <paramref name="sourceName"/> names it in errors.</summary>
    public static IEnumerable<Structure> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadFrames(new ExtXyzReader(reader, sourceName));
    }

    private static IEnumerable<Structure> ReadFrames(ExtXyzReader r)
    {
        while (r.ReadFrame() is { } s) yield return s;
    }

    /// <summary>Reads a file that must hold exactly one frame.</summary>
    public static Structure ReadSingle(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"extxyz file not found: {path}", path);
        using var sr = new StreamReader(path, Utf8NoBom, detectEncodingFromByteOrderMarks: true);
        var r = new ExtXyzReader(sr, path);
        var first = r.ReadFrame() ?? throw new ExtXyzFormatException(path, 1, 1, "file", "expected exactly one frame, found none");
        if (r.ReadFrame() is not null)
            throw new ExtXyzFormatException(path, r.FrameNumber, r.FrameStartLine, "file", "expected exactly one frame, found more than one");
        return first;
    }

    /// <summary>Writes one frame.</summary>
    public static void Write(TextWriter writer, Structure s) => ExtXyzWriter.Write(writer, s);

    /// <summary>
    /// Writes all frames to <paramref name="path"/> atomically: a temporary file in the same folder is written, flushed
    /// and then renamed over <paramref name="path"/>, so readers never see a partial file.
    /// </summary>
    public static void WriteFile(string path, IEnumerable<Structure> frames)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(frames);
        AtomicFile.Write(path, fs =>
        {
            using var w = new StreamWriter(fs, Utf8NoBom, 1 << 16, leaveOpen: true);
            foreach (var s in frames) ExtXyzWriter.Write(w, s);
        });
    }

    /// <summary>Appends one frame to <paramref name="path"/> (created when absent) and flushes it to the operating system.</summary>
    public static void Append(string path, Structure s)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(s);
        var text = new StringWriter();
        ExtXyzWriter.Write(text, s); // a frame that cannot be written leaves the file untouched
        using var fs = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        bool needNewline = false;
        if (fs.Length > 0)
        {
            fs.Seek(-1, SeekOrigin.End);
            needNewline = fs.ReadByte() != '\n'; // a file whose last line is unterminated: keep the frames apart
        }
        fs.Seek(0, SeekOrigin.End);
        using var w = new StreamWriter(fs, Utf8NoBom);
        if (needNewline) w.Write('\n');
        w.Write(text.GetStringBuilder());
        w.Flush();
        fs.Flush();
    }
}
