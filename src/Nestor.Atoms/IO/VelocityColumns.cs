using System.Runtime.CompilerServices;

namespace Nestor.Atoms.IO;

/// <summary>
/// Converts between <see cref="Structure.Velocities"/> (A per ASE time unit) and the velocity columns of a file:
/// <c>momenta</c> (p = m v, amu A / ASE time unit) and <c>velo</c> (A/fs, QUIP). Reading divides (v = p / m) or
/// multiplies (v = velo x 10.18 fs); writing picks, for each number, a file value that reads back to exactly the same
/// velocity, preferring the value the file held when the structure was read (remembered per velocity array), so that
/// ASE -> Nestor -> ASE keeps momenta bit for bit and Nestor -> file -> Nestor keeps velocities bit for bit.
/// </summary>
internal static class VelocityColumns
{
    private static readonly ConditionalWeakTable<double[], double[]> FileValues = new();

    /// <summary>Remembers the file values a velocity array was computed from.</summary>
    public static void Remember(double[] velocities, double[] fileValues) => FileValues.AddOrUpdate(velocities, fileValues);

    /// <summary>The remembered file values of a velocity array of this length, or null.</summary>
    public static double[]? Recall(double[] velocities) =>
        FileValues.TryGetValue(velocities, out var f) && f.Length == velocities.Length ? f : null;

    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    /// <summary>A momentum p with p / m == v exactly when one exists (else m v).</summary>
    public static double Momentum(double v, double m, double[]? remembered, int j)
    {
        if (remembered is not null && Same(remembered[j] / m, v)) return remembered[j];
        double p = v * m;
        if (Same(p / m, v)) return p;
        double up = Math.BitIncrement(p), down = Math.BitDecrement(p);
        if (Same(up / m, v)) return up;
        if (Same(down / m, v)) return down;
        return p;
    }

    /// <summary>A velo value x (A/fs) with x * TimeUnitFs == v exactly when one exists (else v / TimeUnitFs).</summary>
    public static double Velo(double v, double[]? remembered, int j)
    {
        double t = Units.TimeUnitFs;
        if (remembered is not null && Same(remembered[j] * t, v)) return remembered[j];
        double x = v / t;
        if (Same(x * t, v)) return x;
        double up = Math.BitIncrement(x), down = Math.BitDecrement(x);
        if (Same(up * t, v)) return up;
        if (Same(down * t, v)) return down;
        return x;
    }
}
