namespace Nestor.Atoms;

/// <summary>The element type of a per-atom column, with the extended-XYZ letter it is written as.</summary>
public enum PropertyKind
{
    /// <summary>Floating-point number (extxyz <c>R</c>).</summary>
    Real,
    /// <summary>Integer (extxyz <c>I</c>).</summary>
    Integer,
    /// <summary>String (extxyz <c>S</c>).</summary>
    String,
    /// <summary>Logical (extxyz <c>L</c>).</summary>
    Logical,
}

/// <summary>
/// A named per-atom array of any width (e.g. <c>forces</c>: Real, width 3), stored flat and atom-major:
/// element k of atom i is at <c>i * Width + k</c>. Exactly one of the data arrays is non-null, by <see cref="Kind"/>.
/// </summary>
public sealed class PerAtomArray
{
    public string Name { get; }
    public PropertyKind Kind { get; }
    public int Width { get; }
    public double[]? Reals { get; }
    public long[]? Integers { get; }
    public string[]? Strings { get; }
    public bool[]? Logicals { get; }

    private PerAtomArray(string name, PropertyKind kind, int width, double[]? r, long[]? i, string[]? s, bool[]? l)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be at least 1");
        Name = name; Kind = kind; Width = width; Reals = r; Integers = i; Strings = s; Logicals = l;
    }

    /// <summary>Number of atoms this array covers.</summary>
    public int Count => Length / Width;

    /// <summary>Total number of elements (atoms x width).</summary>
    public int Length => Kind switch
    {
        PropertyKind.Real => Reals!.Length,
        PropertyKind.Integer => Integers!.Length,
        PropertyKind.String => Strings!.Length,
        _ => Logicals!.Length,
    };

    public static PerAtomArray Real(string name, int width, double[] data) => new(name, PropertyKind.Real, width, Check(data, width), null, null, null);
    public static PerAtomArray Integer(string name, int width, long[] data) => new(name, PropertyKind.Integer, width, null, Check(data, width), null, null);
    public static PerAtomArray String(string name, int width, string[] data) => new(name, PropertyKind.String, width, null, null, Check(data, width), null);
    public static PerAtomArray Logical(string name, int width, bool[] data) => new(name, PropertyKind.Logical, width, null, null, null, Check(data, width));

    /// <summary>A zero-filled array for <paramref name="count"/> atoms.</summary>
    public static PerAtomArray Create(string name, PropertyKind kind, int width, int count) => kind switch
    {
        PropertyKind.Real => Real(name, width, new double[count * width]),
        PropertyKind.Integer => Integer(name, width, new long[count * width]),
        PropertyKind.String => String(name, width, Enumerable.Repeat("", count * width).ToArray()),
        _ => Logical(name, width, new bool[count * width]),
    };

    private static T[] Check<T>(T[] data, int width)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (width < 1 || data.Length % width != 0)
            throw new ArgumentException($"data length {data.Length} is not a multiple of width {width}");
        return data;
    }

    /// <summary>A deep copy.</summary>
    public PerAtomArray Clone() => new(Name, Kind, Width,
        (double[]?)Reals?.Clone(), (long[]?)Integers?.Clone(), (string[]?)Strings?.Clone(), (bool[]?)Logicals?.Clone());

    /// <summary>A copy with the atoms taken in the order <paramref name="order"/> (new atom k = old atom order[k]).</summary>
    public PerAtomArray Select(IReadOnlyList<int> order)
    {
        T[]? Pick<T>(T[]? src)
        {
            if (src is null) return null;
            var dst = new T[order.Count * Width];
            for (int k = 0; k < order.Count; k++)
                Array.Copy(src, order[k] * Width, dst, k * Width, Width);
            return dst;
        }
        return new PerAtomArray(Name, Kind, Width, Pick(Reals), Pick(Integers), Pick(Strings), Pick(Logicals));
    }
}
