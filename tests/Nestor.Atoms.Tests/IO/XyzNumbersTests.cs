using System.Globalization;
using Nestor.Atoms.IO;

namespace Nestor.Atoms.Tests.IO;

public class XyzNumbersTests
{
    private static string Repr(double v)
    {
        Span<char> b = stackalloc char[48];
        return b[..XyzNumbers.FormatDouble(v, b)].ToString();
    }

    [Theory]
    [InlineData(2.0, "2.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(-2.5e-300, "-2.5e-300")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(-27023.21818, "-27023.21818")]
    [InlineData(1234.5678901234567, "1234.5678901234567")]
    public void FormatsAsPythonRepr(double v, string expected) => Assert.Equal(expected, Repr(v));

    [Fact]
    public void FormattingRoundTripsAndParsingIsCorrectlyRounded()
    {
        var rng = new Random(7);
        Span<byte> bytes = stackalloc byte[8];
        for (int t = 0; t < 200_000; t++)
        {
            rng.NextBytes(bytes);
            double v = BitConverter.ToDouble(bytes);
            if (t % 2 == 0) v = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-12, 12)); // typical magnitudes
            string s = Repr(v);
            Assert.True(XyzNumbers.TryParseDouble(s, out double back), s);
            if (double.IsNaN(v)) Assert.True(double.IsNaN(back));
            else Assert.Equal(BitConverter.DoubleToInt64Bits(v), BitConverter.DoubleToInt64Bits(back));
            // fixed-point text with 8 decimals, as ASE writes columns: the fast path must agree with double.Parse
            if (!double.IsFinite(v) || Math.Abs(v) > 1e12) continue;
            string f = v.ToString("F8", CultureInfo.InvariantCulture);
            Assert.True(XyzNumbers.TryParseDouble(f, out double pf));
            Assert.Equal(double.Parse(f, CultureInfo.InvariantCulture), pf);
        }
    }

    [Theory]
    [InlineData("1e5", 1e5)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("+3.25", 3.25)]
    [InlineData("-0", -0.0)]
    [InlineData("1.7976931348623157e308", double.MaxValue)]
    [InlineData("2.4703282292062328e-324", 5e-324)]
    [InlineData("0.30000000000000004441", 0.30000000000000004)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-INF", double.NegativeInfinity)]
    public void ParsesWhatPythonFloatParses(string text, double expected)
    {
        Assert.True(XyzNumbers.TryParseDouble(text, out double v));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(v));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1e")]
    [InlineData("e5")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    [InlineData("1,5")]
    [InlineData("∞")]
    [InlineData("--1")]
    public void RejectsWhatPythonFloatRejects(string text) => Assert.False(XyzNumbers.TryParseDouble(text, out _));

    [Fact]
    public void NanParses() => Assert.True(XyzNumbers.TryParseDouble("NaN", out double v) && double.IsNaN(v));
}
