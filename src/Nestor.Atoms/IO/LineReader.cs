namespace Nestor.Atoms.IO;

/// <summary>
/// Reads lines from a <see cref="TextReader"/> into a reusable buffer and hands them out as spans (valid until the
/// next call), so that reading a large file allocates nothing per line. Accepts \n and \r\n line ends.
/// </summary>
internal sealed class LineReader
{
    private readonly TextReader _reader;
    private char[] _buffer = new char[1 << 16];
    private int _start, _end;
    private bool _eof;

    public LineReader(TextReader reader) => _reader = reader;

    /// <summary>The 1-based number of the line last returned (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Reads the next line; false at the end of the input.</summary>
    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        int searchFrom = _start;
        while (true)
        {
            int idx = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf('\n');
            if (idx >= 0)
            {
                int nl = searchFrom + idx;
                int len = nl - _start;
                if (len > 0 && _buffer[nl - 1] == '\r') len--;
                line = _buffer.AsSpan(_start, len);
                _start = nl + 1;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_start < _end)
                {
                    int len = _end - _start;
                    if (_buffer[_end - 1] == '\r') len--;
                    line = _buffer.AsSpan(_start, len);
                    _start = _end;
                    LineNumber++;
                    return true;
                }
                line = default;
                return false;
            }
            // keep the partial line, make room and read more
            int kept = _end - _start;
            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, kept);
                _start = 0;
                _end = kept;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            searchFrom = kept;
            int n = _reader.Read(_buffer, _end, _buffer.Length - _end);
            if (n <= 0) _eof = true;
            else _end += n;
        }
    }
}
