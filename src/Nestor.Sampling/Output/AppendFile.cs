using System.Text;

namespace Nestor.Sampling.Output;

/// <summary>
/// A text file written by appending, whose length at each snapshot is recorded so a restart can cut it back to
/// exactly that point (no duplicated or missing lines after a crash).
/// </summary>
public sealed class AppendFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly StreamWriter _writer;

    /// <summary>Opens <paramref name="path"/>: truncated to <paramref name="length"/> bytes when given, else created empty.</summary>
    public AppendFile(string path, long? length)
    {
        Path = path;
        if (length is long len)
        {
            if (!File.Exists(path)) throw new NestedSamplingException($"{path}: missing, but the snapshot says it had {len} bytes");
            _stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            if (_stream.Length < len)
                throw new NestedSamplingException($"{path}: has {_stream.Length} bytes, fewer than the {len} the snapshot recorded");
            _stream.SetLength(len);
            _stream.Seek(len, SeekOrigin.Begin);
        }
        else
        {
            _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        _writer = new StreamWriter(_stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    }

    /// <summary>The file path.</summary>
    public string Path { get; }

    /// <summary>The writer (appends).</summary>
    public TextWriter Writer => _writer;

    /// <summary>Flushes to the operating system (and to disk with <paramref name="toDisk"/>); returns the length in bytes.</summary>
    public long Flush(bool toDisk = false)
    {
        _writer.Flush();
        _stream.Flush(toDisk);
        return _stream.Length;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Flush();
        _writer.Dispose();
    }
}
