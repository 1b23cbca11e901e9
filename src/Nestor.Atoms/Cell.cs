using System.Runtime.CompilerServices;

namespace Nestor.Atoms;

/// <summary>
/// A periodic cell: the lattice vectors a, b, c are the rows of the cell matrix (the ASE and extxyz
/// <c>Lattice</c> convention), in Angstrom. Cartesian r = f_a a + f_b b + f_c c for fractional f.
/// </summary>
public readonly record struct Cell(Vec3 A, Vec3 B, Vec3 C)
{
    /// <summary>A cell with all vectors zero (an isolated structure with no cell).</summary>
    public static readonly Cell Empty = new(Vec3.Zero, Vec3.Zero, Vec3.Zero);

    /// <summary>An orthorhombic cell with edges <paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>.</summary>
    public static Cell Orthorhombic(double a, double b, double c) => new(new Vec3(a, 0, 0), new Vec3(0, b, 0), new Vec3(0, 0, c));

    /// <summary>A cubic cell of edge <paramref name="a"/>.</summary>
    public static Cell Cubic(double a) => Orthorhombic(a, a, a);

    /// <summary>From a row-major 3x3 matrix (9 numbers: a_x a_y a_z b_x ... c_z).</summary>
    public static Cell FromRowMajor(ReadOnlySpan<double> m)
    {
        if (m.Length != 9) throw new ArgumentException("a cell needs 9 numbers", nameof(m));
        return new Cell(new Vec3(m[0], m[1], m[2]), new Vec3(m[3], m[4], m[5]), new Vec3(m[6], m[7], m[8]));
    }

    /// <summary>
    /// From lengths (Angstrom) and angles (degrees) in the standard orientation used by ASE and LAMMPS:
    /// a along x, b in the xy plane.
    /// </summary>
    public static Cell FromParameters(double a, double b, double c, double alphaDeg, double betaDeg, double gammaDeg)
    {
        double al = alphaDeg * Math.PI / 180, be = betaDeg * Math.PI / 180, ga = gammaDeg * Math.PI / 180;
        double cosA = Math.Cos(al), cosB = Math.Cos(be), cosG = Math.Cos(ga), sinG = Math.Sin(ga);
        var va = new Vec3(a, 0, 0);
        var vb = new Vec3(b * cosG, b * sinG, 0);
        double cx = c * cosB;
        double cy = c * (cosA - cosB * cosG) / sinG;
        double cz2 = c * c - cx * cx - cy * cy;
        if (cz2 <= 0) throw new ArgumentException("these cell angles do not form a cell");
        return new Cell(va, vb, new Vec3(cx, cy, Math.Sqrt(cz2)));
    }

    /// <summary>Row <paramref name="i"/> (0 = a, 1 = b, 2 = c).</summary>
    public Vec3 this[int i] => i switch { 0 => A, 1 => B, 2 => C, _ => throw new IndexOutOfRangeException() };

    /// <summary>Element (row i, column j) of the cell matrix.</summary>
    public double this[int i, int j] => this[i][j];

    /// <summary>Signed volume a . (b x c) (Angstrom^3); negative for a left-handed cell.</summary>
    public double Determinant => A.Dot(B.Cross(C));

    /// <summary>Volume (Angstrom^3), always non-negative.</summary>
    public double Volume => Math.Abs(Determinant);

    /// <summary>Lengths |a|, |b|, |c| in Angstrom.</summary>
    public Vec3 Lengths => new(A.Norm(), B.Norm(), C.Norm());

    /// <summary>Angles alpha (b,c), beta (a,c), gamma (a,b) in degrees.</summary>
    public Vec3 Angles => new(Angle(B, C), Angle(A, C), Angle(A, B));

    private static double Angle(Vec3 u, Vec3 v) =>
        Math.Acos(Math.Clamp(u.Dot(v) / (u.Norm() * v.Norm()), -1, 1)) * 180 / Math.PI;

    /// <summary>
    /// Reciprocal vectors without the 2 pi (ASE's <c>cell.reciprocal()</c>): rows b_i with a_i . b_j = delta_ij.
    /// They are the columns of the inverse cell matrix.
    /// </summary>
    public Cell Reciprocal()
    {
        double det = Determinant;
        if (det == 0) throw new InvalidOperationException("the cell is singular (zero volume)");
        double inv = 1.0 / det;
        return new Cell(B.Cross(C) * inv, C.Cross(A) * inv, A.Cross(B) * inv);
    }

    /// <summary>
    /// The distances between opposite faces of the cell: h_i = V / |a_j x a_k| (Angstrom).
    /// </summary>
    public Vec3 Heights()
    {
        double v = Volume;
        return new Vec3(v / B.Cross(C).Norm(), v / C.Cross(A).Norm(), v / A.Cross(B).Norm());
    }

    /// <summary>
    /// The minimum aspect ratio as pymatnest defines it: the smallest face-to-face height divided by V^(1/3).
    /// A cube gives 1; flat or needle-like cells give small values.
    /// </summary>
    public double MinAspectRatio()
    {
        var h = Heights();
        return Math.Min(h.X, Math.Min(h.Y, h.Z)) / Math.Cbrt(Volume);
    }

    /// <summary>Cartesian position of fractional coordinates <paramref name="f"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vec3 ToCartesian(Vec3 f) => new(
        f.X * A.X + f.Y * B.X + f.Z * C.X,
        f.X * A.Y + f.Y * B.Y + f.Z * C.Y,
        f.X * A.Z + f.Y * B.Z + f.Z * C.Z);

    /// <summary>Fractional coordinates of Cartesian position <paramref name="r"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vec3 ToFractional(Vec3 r)
    {
        var rec = Reciprocal();
        return new Vec3(r.Dot(rec.A), r.Dot(rec.B), r.Dot(rec.C));
    }

    /// <summary>The cell after the linear map x -> x F^T applied to each lattice vector (F row-major, 9 numbers).</summary>
    public Cell Transform(ReadOnlySpan<double> f)
    {
        if (f.Length != 9) throw new ArgumentException("a deformation needs 9 numbers", nameof(f));
        double f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8];
        Vec3 Map(Vec3 v) => new(
            f0 * v.X + f1 * v.Y + f2 * v.Z,
            f3 * v.X + f4 * v.Y + f5 * v.Z,
            f6 * v.X + f7 * v.Y + f8 * v.Z);
        return new Cell(Map(A), Map(B), Map(C));
    }

    /// <summary>The cell scaled uniformly by <paramref name="s"/>.</summary>
    public Cell Scale(double s) => new(A * s, B * s, C * s);

    /// <summary>The 9 numbers of the cell matrix, row-major.</summary>
    public double[] ToRowMajor() => [A.X, A.Y, A.Z, B.X, B.Y, B.Z, C.X, C.Y, C.Z];

    /// <summary>Copies the 9 numbers of the cell matrix, row-major, into <paramref name="dest"/>.</summary>
    public void CopyTo(Span<double> dest)
    {
        dest[0] = A.X; dest[1] = A.Y; dest[2] = A.Z;
        dest[3] = B.X; dest[4] = B.Y; dest[5] = B.Z;
        dest[6] = C.X; dest[7] = C.Y; dest[8] = C.Z;
    }
}
