using System.Runtime.CompilerServices;

namespace Nestor.Potentials.Eam;

/// <summary>
/// LAMMPS's piecewise-cubic interpolation of an EAM table (<c>PairEAM::interpolate</c>): from n equally spaced
/// values f_1..f_n, the slope at each knot from a 5-point central difference (one-sided/3-point at the ends),
/// then on interval m (between knots m and m+1, local coordinate p in [0, 1]) the cubic Hermite polynomial
/// value = ((c3 p + c4) p + c5) p + c6 and its derivative d/dx = (c0 p + c1) p + c2, with x = (m - 1 + p) delta.
/// Coefficients are kept LAMMPS-style, 7 per knot (index 0..6), knots numbered 1..n.
/// </summary>
public static class EamSpline
{
    /// <summary>
    /// The 7 coefficients per knot of the table <paramref name="f"/> (n values, f[0] is knot 1) with spacing
    /// <paramref name="delta"/>. The result has (n + 1) * <paramref name="stride"/> numbers: knot m's coefficient c is
    /// at m * stride + offset + c (row 0 unused, as LAMMPS's 1-based arrays).
    /// </summary>
    public static void Interpolate(ReadOnlySpan<double> f, double delta, Span<double> dest, int stride, int offset)
    {
        int n = f.Length;
        if (n < 5) throw new ArgumentException("an EAM table needs at least 5 values", nameof(f));
        if (dest.Length < (n + 1) * stride) throw new ArgumentException("destination too small", nameof(dest));
        var s = new double[(n + 1) * 7];
        for (int m = 1; m <= n; m++) s[7 * m + 6] = f[m - 1];
        s[7 * 1 + 5] = s[7 * 2 + 6] - s[7 * 1 + 6];
        s[7 * 2 + 5] = 0.5 * (s[7 * 3 + 6] - s[7 * 1 + 6]);
        s[7 * (n - 1) + 5] = 0.5 * (s[7 * n + 6] - s[7 * (n - 2) + 6]);
        s[7 * n + 5] = s[7 * n + 6] - s[7 * (n - 1) + 6];
        for (int m = 3; m <= n - 2; m++)
            s[7 * m + 5] = ((s[7 * (m - 2) + 6] - s[7 * (m + 2) + 6]) + 8.0 * (s[7 * (m + 1) + 6] - s[7 * (m - 1) + 6])) / 12.0;
        for (int m = 1; m <= n - 1; m++)
        {
            s[7 * m + 4] = 3.0 * (s[7 * (m + 1) + 6] - s[7 * m + 6]) - 2.0 * s[7 * m + 5] - s[7 * (m + 1) + 5];
            s[7 * m + 3] = s[7 * m + 5] + s[7 * (m + 1) + 5] - 2.0 * (s[7 * (m + 1) + 6] - s[7 * m + 6]);
        }
        s[7 * n + 4] = 0.0;
        s[7 * n + 3] = 0.0;
        for (int m = 1; m <= n; m++)
        {
            s[7 * m + 2] = s[7 * m + 5] / delta;
            s[7 * m + 1] = 2.0 * s[7 * m + 4] / delta;
            s[7 * m + 0] = 3.0 * s[7 * m + 3] / delta;
        }
        for (int m = 0; m <= n; m++)
            for (int c = 0; c < 7; c++) dest[m * stride + offset + c] = s[7 * m + c];
    }

    /// <summary>The interpolated value at local coordinate p of the knot whose coefficients start at o.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Value(double[] t, int o, double p) => ((t[o + 3] * p + t[o + 4]) * p + t[o + 5]) * p + t[o + 6];

    /// <summary>The interpolated derivative (per unit of x) at local coordinate p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Derivative(double[] t, int o, double p) => (t[o] * p + t[o + 1]) * p + t[o + 2];
}
