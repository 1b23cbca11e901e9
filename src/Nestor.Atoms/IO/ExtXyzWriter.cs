using System.Text;

namespace Nestor.Atoms.IO;

/// <summary>
/// Writes one frame in the layout ASE writes (atom count; Lattice, Properties, the Info keys in order, pbc; one line
/// per atom), with every real at full precision in Python's repr form. The whole frame is checked before anything is
/// written, so a frame that cannot be written leaves the output untouched.
/// </summary>
internal static class ExtXyzWriter
{
    private readonly record struct Column(string Name, ColumnRole Role, PropertyKind Kind, int Width, PerAtomArray? Array);

    public static void Write(TextWriter w, Structure s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        var cols = Plan(s);
        string comment = Comment(s, cols);
        int n = s.Count;
        Span<char> num = stackalloc char[48];
        n.TryFormat(num, out int len, default, System.Globalization.CultureInfo.InvariantCulture);
        w.Write(num[..len]);
        w.Write('\n');
        w.Write(comment);
        w.Write('\n');
        var masses = s.Masses;
        var pos = s.Positions;
        var vel = s.Velocities;
        var remembered = vel is null ? null : VelocityColumns.Recall(vel);
        for (int i = 0; i < n; i++)
        {
            bool first = true;
            foreach (var c in cols)
            {
                for (int k = 0; k < c.Width; k++)
                {
                    if (!first) w.Write(' ');
                    switch (c.Role)
                    {
                        case ColumnRole.Species:
                            string sym = s.Symbols[i];
                            w.Write(sym);
                            if (sym.Length < 2) w.Write(' ');
                            break;
                        case ColumnRole.Positions: Real(w, pos[3 * i + k], num); break;
                        case ColumnRole.Numbers: Integer(w, s.Numbers[i], num); break;
                        case ColumnRole.Masses: Real(w, masses[i], num); break;
                        case ColumnRole.Momenta: Real(w, VelocityColumns.Momentum(vel![3 * i + k], masses[i], remembered, 3 * i + k), num); break;
                        case ColumnRole.Velo: Real(w, VelocityColumns.Velo(vel![3 * i + k], remembered, 3 * i + k), num); break;
                        case ColumnRole.Velocities: Real(w, vel![3 * i + k], num); break;
                        default:
                            var a = c.Array!;
                            int idx = i * c.Width + k;
                            switch (c.Kind)
                            {
                                case PropertyKind.Real: Real(w, a.Reals![idx], num); break;
                                case PropertyKind.Integer: Integer(w, a.Integers![idx], num); break;
                                case PropertyKind.String: w.Write(a.Strings![idx]); break;
                                default: w.Write(a.Logicals![idx] ? 'T' : 'F'); break;
                            }
                            break;
                    }
                    first = false;
                }
            }
            w.Write('\n');
        }
    }

    private const int RealWidth = 20;

    private static void Real(TextWriter w, double v, Span<char> buf)
    {
        int len = XyzNumbers.FormatDouble(v, buf);
        for (int p = len; p < RealWidth; p++) w.Write(' ');
        w.Write(buf[..len]);
    }

    private static void Integer(TextWriter w, long v, Span<char> buf)
    {
        v.TryFormat(buf, out int len, default, System.Globalization.CultureInfo.InvariantCulture);
        for (int p = len; p < 8; p++) w.Write(' ');
        w.Write(buf[..len]);
    }

    /// <summary>The columns to write: the order the structure was read with, then anything new, as ASE orders them.</summary>
    private static List<Column> Plan(Structure s)
    {
        int n = s.Count;
        if (s.Velocities is not null && s.Velocities.Length != 3 * n)
            throw new ArgumentException($"Velocities has {s.Velocities.Length} numbers, expected {3 * n}");
        var cols = new List<Column>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        bool haveSymbols = false, haveZ = false, havePos = false, haveMasses = false, haveVel = false;
        foreach (var name in s.ColumnOrder ?? [])
        {
            var role = ColumnSpec.RoleOf(name);
            switch (role)
            {
                case ColumnRole.Species when !haveSymbols: cols.Add(new(name, role, PropertyKind.String, 1, null)); haveSymbols = true; break;
                case ColumnRole.Numbers when !haveZ: cols.Add(new(name, role, PropertyKind.Integer, 1, null)); haveZ = true; break;
                case ColumnRole.Positions when !havePos: cols.Add(new(name, role, PropertyKind.Real, 3, null)); havePos = true; break;
                case ColumnRole.Masses when !haveMasses: cols.Add(new(name, role, PropertyKind.Real, 1, null)); haveMasses = true; break;
                case ColumnRole.Momenta or ColumnRole.Velo or ColumnRole.Velocities when !haveVel && s.Velocities is not null:
                    cols.Add(new(name, role, PropertyKind.Real, 3, null)); haveVel = true; break;
                case ColumnRole.Array when s.Arrays.TryGetValue(name, out var a) && used.Add(name):
                    cols.Add(new(name, role, a.Kind, a.Width, a)); break;
            }
        }
        if (!haveSymbols && !haveZ) cols.Insert(0, new("species", ColumnRole.Species, PropertyKind.String, 1, null));
        if (!havePos) cols.Insert(1, new("pos", ColumnRole.Positions, PropertyKind.Real, 3, null));
        if (!haveMasses && !StandardMasses(s)) cols.Add(new("masses", ColumnRole.Masses, PropertyKind.Real, 1, null));
        if (!haveVel && s.Velocities is not null) cols.Add(new("momenta", ColumnRole.Momenta, PropertyKind.Real, 3, null));
        foreach (var (name, a) in s.Arrays)
        {
            if (ColumnSpec.RoleOf(name) != ColumnRole.Array)
                throw new ArgumentException($"per-atom array '{name}' has the name of a column Nestor reads into the structure itself (species, pos, Z, masses, momenta, velo, velocities); store it there or rename it");
            if (used.Add(name)) cols.Add(new(name, ColumnRole.Array, a.Kind, a.Width, a));
        }
        foreach (var c in cols)
        {
            if (c.Array is not { } a) continue;
            CheckName(c.Name, "per-atom array name");
            if (a.Name != c.Name) throw new ArgumentException($"Arrays[\"{c.Name}\"] holds an array named '{a.Name}'");
            if (a.Length != n * a.Width)
                throw new ArgumentException($"per-atom array '{c.Name}' has {a.Length} elements, expected {n} atoms x {a.Width}");
            if (a.Kind == PropertyKind.String)
                foreach (var str in a.Strings!)
                    if (string.IsNullOrEmpty(str) || str.Any(char.IsWhiteSpace))
                        throw new ArgumentException($"per-atom array '{c.Name}' holds the string '{str}': extxyz columns need non-empty strings without spaces");
        }
        return cols;
    }

    private static bool StandardMasses(Structure s)
    {
        for (int i = 0; i < s.Count; i++)
            if (s.Masses[i] != Elements.Mass(s.Numbers[i])) return false;
        return true;
    }

    private static void CheckName(string name, string what)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => char.IsWhiteSpace(c) || c is ':' or '"' or '\'' or '=' or '\\' or '{' or '}' or '[' or ']' or ','))
            throw new ArgumentException($"{what} '{name}' cannot be written to extxyz: it must be non-empty, without spaces, quotes, brackets, ':', '=' or ','");
    }

    private static string Comment(Structure s, List<Column> cols)
    {
        var sb = new StringBuilder(256);
        var num = new char[48];
        var cell = s.Cell;
        if (cell != Cell.Empty)
        {
            sb.Append("Lattice=\"");
            Span<double> m = stackalloc double[9];
            cell.CopyTo(m);
            for (int k = 0; k < 9; k++)
            {
                if (k > 0) sb.Append(' ');
                AppendReal(sb, m[k], num);
            }
            sb.Append("\" ");
        }
        sb.Append("Properties=");
        for (int c = 0; c < cols.Count; c++)
        {
            if (c > 0) sb.Append(':');
            sb.Append(cols[c].Name).Append(':').Append(ColumnSpec.Letter(cols[c].Kind)).Append(':').Append(cols[c].Width);
        }
        foreach (var (key, value) in s.Info)
        {
            if (key is "Lattice" or "Properties" or "pbc")
                throw new ArgumentException($"Info key '{key}' is reserved in extxyz (it is written from the structure itself)");
            if (string.IsNullOrEmpty(key) || key.Any(c => c is '\n' or '\r'))
                throw new ArgumentException($"Info key '{key}' cannot be written: keys must be non-empty and on one line");
            sb.Append(' ');
            InfoValues.AppendString(sb, key);
            sb.Append('=');
            AppendValue(sb, key, value, num);
        }
        sb.Append(" pbc=\"");
        sb.Append(s.Pbc[0] ? 'T' : 'F').Append(' ').Append(s.Pbc[1] ? 'T' : 'F').Append(' ').Append(s.Pbc[2] ? 'T' : 'F');
        sb.Append('"');
        return sb.ToString();
    }

    private static void AppendValue(StringBuilder sb, string key, object value, char[] num)
    {
        if (InfoValues.IsSpecial3x3(key))
        {
            value = value switch
            {
                double[] { Length: 9 } d => InfoValues.ToFileOrder(d),
                long[] { Length: 9 } l => InfoValues.ToFileOrder(l),
                int[] { Length: 9 } i => InfoValues.ToFileOrder(i),
                float[] { Length: 9 } f => InfoValues.ToFileOrder(f),
                _ => throw new ArgumentException($"Info['{key}'] must be 9 numbers (a 3x3 matrix, row-major): ASE reads '{key}' only as a 3x3 matrix"),
            };
        }
        if (value is double[] or long[] or bool[] && InfoValues.RecallShape((Array)value) is { } shape)
        {
            InfoValues.AppendString(sb, InfoValues.NestedJson((Array)value, shape)); // as ASE wrote it: nested JSON
            return;
        }
        switch (value)
        {
            case string str:
                if (str.Length == 0)
                    throw new ArgumentException($"Info['{key}'] is an empty string, which ASE cannot read back");
                if (str.Any(c => c is '\n' or '\r'))
                    throw new ArgumentException($"Info['{key}'] contains a line break, which the comment line cannot hold");
                InfoValues.AppendString(sb, str);
                break;
            case bool b: sb.Append(b ? 'T' : 'F'); break;
            case long l: sb.Append(l); break;
            case int i: sb.Append(i); break;
            case double d: AppendReal(sb, d, num); break;
            case float f: AppendReal(sb, f, num); break;
            case double[] da: AppendArray(sb, key, da.Length, k => AppendReal(sb, da[k], num)); break;
            case float[] fa: AppendArray(sb, key, fa.Length, k => AppendReal(sb, fa[k], num)); break;
            case long[] la: AppendArray(sb, key, la.Length, k => sb.Append(la[k])); break;
            case int[] ia: AppendArray(sb, key, ia.Length, k => sb.Append(ia[k])); break;
            case bool[] ba: AppendArray(sb, key, ba.Length, k => sb.Append(ba[k] ? 'T' : 'F')); break;
            case string[] sa:
                if (sa.Any(x => x is null)) throw new ArgumentException($"Info['{key}'] holds a null string");
                InfoValues.AppendString(sb, "_JSON " + InfoValues.JsonStrings(sa));
                break;
            default:
                throw new ArgumentException($"Info['{key}'] has type {value?.GetType().Name ?? "null"}; extxyz can write string, long, double, bool and arrays of those");
        }
    }

    private delegate void AppendAt(int k);

    private static void AppendReal(StringBuilder sb, double v, char[] num) =>
        sb.Append(num.AsSpan(0, XyzNumbers.FormatDouble(v, num)));

    private static void AppendArray(StringBuilder sb, string key, int length, AppendAt append)
    {
        if (length == 0) throw new ArgumentException($"Info['{key}'] is an empty array, which ASE cannot read back");
        if (length > 1) sb.Append('"');
        for (int k = 0; k < length; k++)
        {
            if (k > 0) sb.Append(' ');
            append(k);
        }
        if (length > 1) sb.Append('"');
    }
}
