namespace Nestor.Atoms.IO;

/// <summary>
/// Reads extended XYZ frames one at a time from a <see cref="LineReader"/>. Every malformed input raises an
/// <see cref="ExtXyzFormatException"/> naming the source, frame, line, field and what was expected.
/// </summary>
internal sealed class ExtXyzReader
{
    private const string DefaultProperties = "species:S:1:pos:R:3";
    private readonly LineReader _lines;
    private readonly string _source;
    private int _frame;

    public ExtXyzReader(TextReader reader, string sourceName)
    {
        _lines = new LineReader(reader);
        _source = sourceName;
    }

    /// <summary>Number of frames started so far (the 1-based number of the frame last read).</summary>
    public int FrameNumber => _frame;

    /// <summary>The line number of the atom-count line of the frame last read.</summary>
    public long FrameStartLine { get; private set; }

    private ExtXyzFormatException Error(long line, string field, string problem, Exception? inner = null) =>
        new(_source, _frame, line, field, problem, inner);

    private static string Show(ReadOnlySpan<char> s) => s.Length <= 60 ? s.ToString() : string.Concat(s[..57], "...");

    private static bool IsWs(char c) => c == ' ' || (c < ' ' ? c >= '\t' && c <= '\r' : c > '~' && char.IsWhiteSpace(c));

    /// <summary>Reads the next frame, or null at the end of the input (trailing blank lines are allowed).</summary>
    public Structure? ReadFrame()
    {
        if (!_lines.TryReadLine(out var countLine)) return null;
        _frame++;
        if (countLine.IsWhiteSpace())
        {
            long blank = _lines.LineNumber;
            while (_lines.TryReadLine(out var rest))
                if (!rest.IsWhiteSpace())
                    throw Error(_lines.LineNumber, "atom count",
                        $"expected the end of the file or an atom count without blank lines before it (blank line {blank}), found '{Show(rest)}'");
            _frame--;
            return null;
        }
        long countLineNo = _lines.LineNumber;
        FrameStartLine = countLineNo;
        var ct = countLine.Trim();
        if (!XyzNumbers.TryParseLong(ct, out long nl) || nl < 0 || nl > int.MaxValue / 4)
            throw Error(countLineNo, "atom count", $"expected a non-negative integer number of atoms, found '{Show(ct)}'");
        int n = (int)nl;
        if (!_lines.TryReadLine(out var comment))
            throw Error(countLineNo + 1, "comment line", "the file ends early: expected the comment line (Lattice=... Properties=...)");
        long commentLineNo = _lines.LineNumber;
        var header = ParseHeader(comment, commentLineNo);
        var cols = ParseProperties(header.Properties ?? DefaultProperties, commentLineNo);

        // storage per column
        int nc = cols.Length;
        var reals = new double[nc][];
        var ints = new long[nc][];
        var strs = new string[nc][];
        var logs = new bool[nc][];
        int totalFields = 0;
        for (int c = 0; c < nc; c++)
        {
            int len = n * cols[c].Width;
            totalFields += cols[c].Width;
            switch (cols[c].Kind)
            {
                case PropertyKind.Real: reals[c] = new double[len]; break;
                case PropertyKind.Integer: ints[c] = new long[len]; break;
                case PropertyKind.String: strs[c] = new string[len]; break;
                default: logs[c] = new bool[len]; break;
            }
        }

        long firstAtomLine = commentLineNo + 1;
        string lastRaw = "", lastSymbol = "";
        for (int i = 0; i < n; i++)
        {
            if (!_lines.TryReadLine(out var line))
                throw Error(_lines.LineNumber + 1, "atom line",
                    $"the file ends early: expected {n} atom lines (atom count on line {countLineNo}), found {i}");
            long lineNo = _lines.LineNumber;
            int p = 0, field = 0;
            for (int c = 0; c < nc; c++)
            {
                var col = cols[c];
                for (int k = 0; k < col.Width; k++, field++)
                {
                    while (p < line.Length && IsWs(line[p])) p++;
                    if (p == line.Length)
                        throw Error(lineNo, $"column '{col.Name}' (field {field + 1})",
                            $"expected {totalFields} fields on the atom line (Properties), found {field}");
                    int start = p;
                    while (p < line.Length && !IsWs(line[p])) p++;
                    var tok = line[start..p];
                    int idx = i * col.Width + k;
                    switch (col.Kind)
                    {
                        case PropertyKind.Real:
                            if (!XyzNumbers.TryParseDouble(tok, out reals[c][idx]))
                                throw Error(lineNo, $"column '{col.Name}' (field {field + 1})", $"expected a real number, found '{Show(tok)}'");
                            break;
                        case PropertyKind.Integer:
                            if (!XyzNumbers.TryParseLong(tok, out ints[c][idx]))
                                throw Error(lineNo, $"column '{col.Name}' (field {field + 1})", $"expected an integer, found '{Show(tok)}'");
                            break;
                        case PropertyKind.Logical:
                            if (tok is "T" or "True") logs[c][idx] = true;
                            else if (tok is "F" or "False") logs[c][idx] = false;
                            else throw Error(lineNo, $"column '{col.Name}' (field {field + 1})", $"expected T, F, True or False, found '{Show(tok)}'");
                            break;
                        default:
                            if (col.Role == ColumnRole.Species)
                            {
                                if (!tok.SequenceEqual(lastRaw))
                                {
                                    lastRaw = tok.ToString();
                                    lastSymbol = Capitalize(lastRaw);
                                    if (!Elements.TryNumber(lastSymbol, out _))
                                    {
                                        lastRaw = "";
                                        throw Error(lineNo, $"column '{col.Name}' (field {field + 1})", $"expected an element symbol, found '{Show(tok)}'");
                                    }
                                }
                                strs[c][idx] = lastSymbol;
                            }
                            else strs[c][idx] = tok.ToString();
                            break;
                    }
                }
            }
            while (p < line.Length && IsWs(line[p])) p++;
            if (p < line.Length)
            {
                int extra = 0;
                while (p < line.Length)
                {
                    extra++;
                    while (p < line.Length && !IsWs(line[p])) p++;
                    while (p < line.Length && IsWs(line[p])) p++;
                }
                throw Error(lineNo, $"field {totalFields + 1}",
                    $"expected {totalFields} fields on the atom line (Properties), found {totalFields + extra}");
            }
        }

        return Build(n, header, cols, reals, ints, strs, logs, commentLineNo, firstAtomLine);
    }

    /// <summary>Python's str.capitalize (ASE applies it to species): "MG" -> "Mg".</summary>
    private static string Capitalize(string s)
    {
        if (s.Length == 0) return s;
        bool ok = char.IsUpper(s[0]) || !char.IsLetter(s[0]);
        for (int i = 1; i < s.Length && ok; i++) ok = !char.IsUpper(s[i]);
        if (ok) return s;
        return string.Concat(s[..1].ToUpperInvariant(), s[1..].ToLowerInvariant());
    }

    private sealed class Header
    {
        public double[]? Lattice;
        public bool[]? Pbc;
        public string? Properties;
        public readonly OrderedDictionary<string, object> Info = new(StringComparer.Ordinal);
    }

    private Header ParseHeader(ReadOnlySpan<char> comment, long lineNo)
    {
        List<KeyValuePair<string, string?>> pairs;
        try { pairs = CommentLine.Split(comment); }
        catch (CommentLine.SyntaxError e) { throw Error(lineNo, "comment line", e.Message, e); }
        var h = new Header();
        foreach (var (key, value) in pairs)
        {
            switch (key)
            {
                case "Lattice":
                    var lat = value is null ? null : InfoValues.ParseNumbers(value);
                    h.Lattice = lat switch
                    {
                        double[] { Length: 9 } d => d,
                        long[] { Length: 9 } l => l.Select(x => (double)x).ToArray(),
                        _ => throw Error(lineNo, "Lattice", $"expected 9 numbers (lattice vectors a, b, c as rows), found \"{Show(value ?? "")}\""),
                    };
                    break;
                case "pbc":
                    var pv = InfoValues.Parse(key, value);
                    h.Pbc = pv switch
                    {
                        bool b => [b, b, b],
                        bool[] { Length: 3 } b3 => b3,
                        _ => throw Error(lineNo, "pbc", $"expected three T/F flags such as \"T T F\", found \"{Show(value ?? "")}\""),
                    };
                    break;
                case "Properties":
                    h.Properties = value ?? throw Error(lineNo, "Properties", "expected name:type:width triplets such as species:S:1:pos:R:3, found no value");
                    break;
                default:
                    try { h.Info[key] = InfoValues.Parse(key, value); }
                    catch (CommentLine.SyntaxError e) { throw Error(lineNo, $"key '{key}'", e.Message, e); }
                    break;
            }
        }
        return h;
    }

    private ColumnSpec[] ParseProperties(string props, long lineNo)
    {
        var f = props.Split(':');
        if (f.Length % 3 != 0)
            throw Error(lineNo, "Properties", $"expected name:type:width triplets such as species:S:1:pos:R:3, found \"{Show(props)}\"");
        var cols = new ColumnSpec[f.Length / 3];
        var seenNames = new HashSet<string>(StringComparer.Ordinal);
        var seenRoles = new Dictionary<ColumnRole, string>();
        for (int c = 0; c < cols.Length; c++)
        {
            string name = f[3 * c], type = f[3 * c + 1], width = f[3 * c + 2];
            if (name.Length == 0) throw Error(lineNo, "Properties", $"expected a column name in triplet {c + 1}, found an empty name");
            PropertyKind kind = type switch
            {
                "R" => PropertyKind.Real,
                "I" => PropertyKind.Integer,
                "S" => PropertyKind.String,
                "L" => PropertyKind.Logical,
                _ => throw Error(lineNo, $"Properties (column '{name}')", $"unknown property type '{type}': expected R, I, S or L"),
            };
            if (!int.TryParse(width, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int w) || w < 1)
                throw Error(lineNo, $"Properties (column '{name}')", $"expected a positive integer width, found '{width}'");
            if (!seenNames.Add(name)) throw Error(lineNo, $"Properties (column '{name}')", "expected each column name once, found it twice");
            var role = ColumnSpec.RoleOf(name);
            var (needKind, needWidth) = role switch
            {
                ColumnRole.Species => (PropertyKind.String, 1),
                ColumnRole.Positions => (PropertyKind.Real, 3),
                ColumnRole.Numbers => (PropertyKind.Integer, 1),
                ColumnRole.Masses => (PropertyKind.Real, 1),
                ColumnRole.Array => (kind, w),
                _ => (PropertyKind.Real, 3),
            };
            if (kind != needKind || w != needWidth)
                throw Error(lineNo, $"Properties (column '{name}')", $"expected {name}:{ColumnSpec.Letter(needKind)}:{needWidth}, found {name}:{type}:{width}");
            var roleKey = role is ColumnRole.Momenta or ColumnRole.Velo ? ColumnRole.Velocities : role;
            if (role != ColumnRole.Array && !seenRoles.TryAdd(roleKey, name))
                throw Error(lineNo, $"Properties (column '{name}')", $"expected one column for this quantity, found both '{seenRoles[roleKey]}' and '{name}'");
            cols[c] = new ColumnSpec(name, kind, w, role);
        }
        if (!seenRoles.ContainsKey(ColumnRole.Positions))
            throw Error(lineNo, "Properties", $"expected a pos:R:3 column, found \"{Show(props)}\"");
        if (!seenRoles.ContainsKey(ColumnRole.Species) && !seenRoles.ContainsKey(ColumnRole.Numbers))
            throw Error(lineNo, "Properties", $"expected a species:S:1 or Z:I:1 column, found \"{Show(props)}\"");
        return cols;
    }

    private Structure Build(int n, Header h, ColumnSpec[] cols, double[][] reals, long[][] ints, string[][] strs, bool[][] logs,
        long commentLineNo, long firstAtomLine)
    {
        int Find(ColumnRole r) => Array.FindIndex(cols, c => c.Role == r);
        int iSpecies = Find(ColumnRole.Species), iPos = Find(ColumnRole.Positions), iZ = Find(ColumnRole.Numbers);
        string[] symbols;
        if (iSpecies >= 0)
        {
            symbols = strs[iSpecies];
            if (iZ >= 0)
            {
                for (int i = 0; i < n; i++)
                {
                    int z = Elements.Number(symbols[i]);
                    if (ints[iZ][i] != z)
                        throw Error(firstAtomLine + i, $"column '{cols[iZ].Name}'",
                            $"expected {z} (the atomic number of species {symbols[i]}), found {ints[iZ][i]}");
                }
            }
        }
        else
        {
            symbols = new string[n];
            for (int i = 0; i < n; i++)
            {
                long z = ints[iZ][i];
                if (z < 0 || z > Elements.MaxAtomicNumber)
                    throw Error(firstAtomLine + i, $"column '{cols[iZ].Name}'", $"expected an atomic number from 0 to {Elements.MaxAtomicNumber}, found {z}");
                symbols[i] = Elements.Symbol((int)z);
            }
        }

        bool[] pbc = h.Pbc ?? (h.Lattice is not null ? [true, true, true] : [false, false, false]);
        Cell cell = h.Lattice is null ? Cell.Empty : Cell.FromRowMajor(h.Lattice);
        if ((pbc[0] || pbc[1] || pbc[2]))
        {
            string flags = string.Join(' ', pbc.Select(b => b ? "T" : "F"));
            if (h.Lattice is null)
                throw Error(commentLineNo, "Lattice", $"expected a Lattice for a periodic frame (pbc=\"{flags}\"), found none");
            if (cell.Determinant == 0)
                throw Error(commentLineNo, "Lattice", $"expected a cell with non-zero volume for a periodic frame (pbc=\"{flags}\")");
        }

        Structure s;
        try { s = new Structure(symbols, reals[iPos], cell, pbc); }
        catch (ArgumentException e) { throw Error(commentLineNo, "frame", e.Message, e); }

        var order = new string[cols.Length];
        int iMasses = Find(ColumnRole.Masses);
        if (iMasses >= 0) s.SetMasses(reals[iMasses]);
        for (int c = 0; c < cols.Length; c++)
        {
            var col = cols[c];
            order[c] = col.Name;
            switch (col.Role)
            {
                case ColumnRole.Momenta:
                {
                    var p = reals[c];
                    var m = s.Masses;
                    var v = new double[p.Length];
                    for (int i = 0; i < n; i++)
                        for (int k = 0; k < 3; k++) v[3 * i + k] = p[3 * i + k] / m[i];
                    VelocityColumns.Remember(v, p);
                    s.Velocities = v;
                    break;
                }
                case ColumnRole.Velo:
                {
                    var x = reals[c];
                    var v = new double[x.Length];
                    for (int j = 0; j < v.Length; j++) v[j] = x[j] * Units.TimeUnitFs;
                    VelocityColumns.Remember(v, x);
                    s.Velocities = v;
                    break;
                }
                case ColumnRole.Velocities:
                    s.Velocities = reals[c];
                    break;
                case ColumnRole.Array:
                    s.Arrays[col.Name] = col.Kind switch
                    {
                        PropertyKind.Real => PerAtomArray.Real(col.Name, col.Width, reals[c]),
                        PropertyKind.Integer => PerAtomArray.Integer(col.Name, col.Width, ints[c]),
                        PropertyKind.String => PerAtomArray.String(col.Name, col.Width, strs[c]),
                        _ => PerAtomArray.Logical(col.Name, col.Width, logs[c]),
                    };
                    break;
            }
        }
        foreach (var (k, v) in h.Info) s.Info[k] = v;
        s.ColumnOrder = order;
        return s;
    }
}
