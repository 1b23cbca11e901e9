using Nestor.Atoms;

namespace Nestor.Atoms.Tests.IO;

/// <summary>Bitwise comparison of two structures (every double compared by its bits, so -0.0 and NaN payloads count).</summary>
internal static class StructureAssert
{
    public static void Bits(double expected, double actual, string what)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
            Assert.Fail($"{what}: expected {expected:R}, found {actual:R}");
    }

    public static void Bits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} numbers, found {actual.Length}");
        for (int i = 0; i < expected.Length; i++) Bits(expected[i], actual[i], $"{what}[{i}]");
    }

    /// <summary>Equal, or the next double up or down (velocities through momenta = m v: see docs/extxyz.md).</summary>
    public static void WithinOneUlp(double expected, double actual, string what)
    {
        if (BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual)
            || actual == Math.BitIncrement(expected) || actual == Math.BitDecrement(expected)) return;
        Assert.Fail($"{what}: expected {expected:R} to within one ulp, found {actual:R}");
    }

    public static void Identical(Structure e, Structure a, string where)
    {
        Assert.Equal(e.Count, a.Count);
        Assert.Equal(e.Symbols, a.Symbols);
        Bits(e.Positions, a.Positions, where + " positions");
        Bits(e.Cell.ToRowMajor(), a.Cell.ToRowMajor(), where + " cell");
        Assert.Equal(e.Pbc, a.Pbc);
        Bits(e.Masses, a.Masses, where + " masses");
        Assert.Equal(e.Velocities is null, a.Velocities is null);
        if (e.Velocities is not null) Bits(e.Velocities, a.Velocities!, where + " velocities");
        Assert.Equal(e.Info.Keys, a.Info.Keys);
        foreach (var (k, v) in e.Info) InfoValue(v, a.Info[k], $"{where} Info[{k}]");
        Assert.Equal(e.Arrays.Keys, a.Arrays.Keys);
        foreach (var (k, v) in e.Arrays)
        {
            var w = a.Arrays[k];
            Assert.Equal(v.Kind, w.Kind);
            Assert.Equal(v.Width, w.Width);
            if (v.Reals is not null) Bits(v.Reals, w.Reals!, $"{where} Arrays[{k}]");
            if (v.Integers is not null) Assert.Equal(v.Integers, w.Integers!);
            if (v.Strings is not null) Assert.Equal(v.Strings, w.Strings!);
            if (v.Logicals is not null) Assert.Equal(v.Logicals, w.Logicals!);
        }
    }

    public static void InfoValue(object expected, object actual, string what)
    {
        Assert.True(expected.GetType() == actual.GetType(), $"{what}: expected a {expected.GetType().Name}, found a {actual.GetType().Name}");
        switch (expected)
        {
            case double d: Bits(d, (double)actual, what); break;
            case double[] da: Bits(da, (double[])actual, what); break;
            case long[] la: Assert.Equal(la, (long[])actual); break;
            case bool[] ba: Assert.Equal(ba, (bool[])actual); break;
            case string[] sa: Assert.Equal(sa, (string[])actual); break;
            default: Assert.Equal(expected, actual); break;
        }
    }
}
