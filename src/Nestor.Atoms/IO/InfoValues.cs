using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Nestor.Atoms.IO;

/// <summary>
/// Converts comment-line values to Info values and back, following ASE 3.22.1:
/// all-integer text -> long (one number) or long[]; else all-real text -> double or double[]; else all T/F -> bool
/// or bool[]; else text starting "_JSON " -> the JSON value; else string. Numbers may be separated by spaces or
/// commas. The special 3x3 keys <c>virial</c> and <c>stress</c> must have 9 numbers, written in Fortran (column-major)
/// order: Info holds ASE's matrix row-major, so the file order is its transpose (identical for symmetric tensors).
/// </summary>
internal static class InfoValues
{
    /// <summary>Keys ASE reshapes to 3x3 in Fortran order (besides Lattice, which the reader handles itself).</summary>
    public static bool IsSpecial3x3(string key) => key is "virial" or "stress";

    /// <summary>Converts the text of a value (null for a bare key) to an Info value.</summary>
    public static object Parse(string key, string? text)
    {
        if (text is null) return true;
        if (key.Equals("uid", StringComparison.OrdinalIgnoreCase)) return text; // ASE leaves uid unprocessed
        object value = ParseNumbers(text) ?? ParseOther(text);
        if (IsSpecial3x3(key))
        {
            if (value is double[] { Length: 9 } d) return Transpose(d);
            if (value is long[] { Length: 9 } l) return Transpose(l);
            throw new CommentLine.SyntaxError($"expected 9 numbers (a 3x3 matrix in Fortran order, as ASE), found \"{text}\"");
        }
        return value;
    }

    /// <summary>long / long[] / double / double[] when every token is a number, else null.</summary>
    public static object? ParseNumbers(string text)
    {
        var span = text.AsSpan();
        var tokens = Tokens(span);
        int count = tokens.Count;
        var l = new long[count];
        bool allInt = true;
        for (int k = 0; k < count && allInt; k++) allInt = XyzNumbers.TryParseLong(span[tokens[k]], out l[k]);
        if (allInt) return count == 1 ? l[0] : l;
        var d = new double[count];
        for (int k = 0; k < count; k++)
            if (!XyzNumbers.TryParseDouble(span[tokens[k]], out d[k])) return null;
        return count == 1 ? d[0] : d;
    }

    private static object ParseOther(string text)
    {
        var span = text.AsSpan();
        var bools = new List<bool>();
        foreach (var r in Tokens(span))
        {
            var t = span[r];
            if (t is "T") bools.Add(true);
            else if (t is "F") bools.Add(false);
            else { bools = null; break; }
        }
        if (bools is { Count: > 0 }) return bools.Count == 1 ? bools[0] : bools.ToArray();
        if (text.StartsWith("_JSON ", StringComparison.Ordinal)) return ParseJson(text);
        return text;
    }

    /// <summary>Token ranges split on whitespace and commas (ASE's <c>[^\s,]+</c>).</summary>
    private static List<Range> Tokens(ReadOnlySpan<char> s)
    {
        var list = new List<Range>();
        int i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && (char.IsWhiteSpace(s[i]) || s[i] == ',')) i++;
            int start = i;
            while (i < s.Length && !(char.IsWhiteSpace(s[i]) || s[i] == ',')) i++;
            if (i > start) list.Add(start..i);
        }
        return list;
    }

    /// <summary>
    /// "_JSON ..." values: numeric or boolean arrays (nested ones flattened row-major), arrays of strings and scalars
    /// become Info values; anything else (objects, ragged or mixed arrays) stays as the original text, so it is
    /// written back unchanged.
    /// </summary>
    private static object ParseJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text.AsMemory(6));
            var root = doc.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.String: return root.GetString()!;
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Number:
                    return root.TryGetInt64(out long li) && !root.GetRawText().Contains('.') && !root.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase)
                        ? li : root.GetDouble();
                case JsonValueKind.Array:
                    var leaves = new List<JsonElement>();
                    if (!Flatten(root, leaves, out var shape)) return text;
                    if (leaves.Count > 0 && leaves.All(e => e.ValueKind == JsonValueKind.String))
                        return root.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) ? leaves.Select(e => e.GetString()!).ToArray() : text;
                    Array? flat = null;
                    if (leaves.All(e => e.ValueKind is JsonValueKind.True or JsonValueKind.False) && leaves.Count > 0)
                        flat = leaves.Select(e => e.ValueKind == JsonValueKind.True).ToArray();
                    else if (leaves.All(e => e.ValueKind == JsonValueKind.Number))
                    {
                        bool ints = leaves.All(e => { var t = e.GetRawText(); return !t.Contains('.') && !t.Contains('e') && !t.Contains('E') && e.TryGetInt64(out _); });
                        flat = ints && leaves.Count > 0 ? leaves.Select(e => e.GetInt64()).ToArray() : leaves.Select(e => e.GetDouble()).ToArray();
                    }
                    if (flat is null) return text;
                    if (shape is { Length: > 1 }) Shapes.AddOrUpdate(flat, shape);
                    return flat;
                default: return text;
            }
        }
        catch (JsonException)
        {
            return text;
        }
    }

    /// <summary>
    /// Shapes of arrays read from nested JSON (ASE writes 2-D and higher info arrays as "_JSON [[...], ...]"), remembered
    /// per array so that writing gives ASE the same shape back; Info itself holds the flat row-major numbers.
    /// </summary>
    private static readonly ConditionalWeakTable<Array, int[]> Shapes = new();

    /// <summary>The remembered multi-dimensional shape of an Info array, if it was read as nested JSON and still fits.</summary>
    public static int[]? RecallShape(Array a) =>
        Shapes.TryGetValue(a, out var s) && s.Aggregate(1, (x, y) => x * y) == a.Length ? s : null;

    /// <summary>Nested JSON of a flat row-major array, as Python's json.dumps writes it.</summary>
    public static string NestedJson(Array flat, int[] shape)
    {
        var sb = new StringBuilder("_JSON ");
        var num = new char[48];
        int k = 0;
        void Level(int d)
        {
            sb.Append('[');
            for (int i = 0; i < shape[d]; i++)
            {
                if (i > 0) sb.Append(", ");
                if (d + 1 < shape.Length) { Level(d + 1); continue; }
                switch (flat)
                {
                    case double[] da: sb.Append(num.AsSpan(0, XyzNumbers.FormatDouble(da[k++], num))); break;
                    case long[] la: sb.Append(la[k++]); break;
                    case bool[] ba: sb.Append(ba[k++] ? "true" : "false"); break;
                }
            }
            sb.Append(']');
        }
        Level(0);
        return sb.ToString();
    }

    /// <summary>Flattens a rectangular nested array; false when ragged.</summary>
    private static bool Flatten(JsonElement e, List<JsonElement> leaves, out int[]? shape)
    {
        shape = null;
        if (e.ValueKind != JsonValueKind.Array) { leaves.Add(e); shape = []; return true; }
        int[]? first = null;
        int n = 0;
        foreach (var child in e.EnumerateArray())
        {
            if (!Flatten(child, leaves, out var s)) return false;
            if (first is null) first = s;
            else if (!first.AsSpan().SequenceEqual(s)) return false;
            n++;
        }
        shape = [n, .. first ?? []];
        return true;
    }

    private static T[] Transpose<T>(T[] m) => [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];

    /// <summary>The 9 numbers of a special 3x3 key in file (Fortran) order from the row-major Info value.</summary>
    public static T[] ToFileOrder<T>(T[] rowMajor) => Transpose(rowMajor);

    /// <summary>Whether a string must be quoted on the comment line.</summary>
    public static bool NeedsQuotes(string s)
    {
        if (s.Length == 0) return true;
        foreach (char c in s)
            if (char.IsWhiteSpace(c) || c is '"' or '\'' or '{' or '}' or '[' or ']' or '\\' or '=' or ',') return true;
        return false;
    }

    /// <summary>Appends a string, quoted and escaped when needed.</summary>
    public static void AppendString(StringBuilder sb, string s)
    {
        if (!NeedsQuotes(s)) { sb.Append(s); return; }
        sb.Append('"');
        foreach (char c in s)
        {
            if (c is '"' or '\\') sb.Append('\\');
            sb.Append(c);
        }
        sb.Append('"');
    }

    /// <summary>JSON text of a string array, as Python's json.dumps writes it (ASCII only, ", " separators).</summary>
    public static string JsonStrings(string[] values)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append('"');
            foreach (char c in values[i])
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }
        return sb.Append(']').ToString();
    }
}
