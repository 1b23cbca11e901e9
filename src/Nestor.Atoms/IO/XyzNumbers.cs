using System.Globalization;

namespace Nestor.Atoms.IO;

/// <summary>
/// Number parsing and formatting with the rules of Python (which ASE uses): invariant culture, correctly rounded,
/// nan/inf accepted in any case, and doubles written as Python's <c>repr</c> writes them (shortest text that reads
/// back to the same double, always with a '.' or an exponent, e.g. <c>2.0</c>, <c>1e-05</c>, <c>1.5e+16</c>,
/// <c>nan</c>, <c>-inf</c>), so a real never reads back as an integer.
/// </summary>
internal static class XyzNumbers
{
    private static readonly double[] Pow10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];

    /// <summary>Parses a real as Python's float() does (without '_' digit separators).</summary>
    public static bool TryParseDouble(ReadOnlySpan<char> s, out double value)
    {
        if (TryParseFast(s, out value)) return true;
        if (s.IsEmpty) return false;
        if (TryParseSpecial(s, out value)) return true;
        // only digits, sign, '.', 'e' may appear (keeps out "Infinity" spellings .NET knows but Python doesn't and vice versa)
        foreach (char c in s)
            if (!(char.IsAsciiDigit(c) || c is '+' or '-' or '.' or 'e' or 'E')) return false;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Clinger's fast path: at most 15 significant digits and a power of ten up to 22 are both exact doubles, so one
    /// multiplication or division gives the correctly rounded result.
    /// </summary>
    private static bool TryParseFast(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        int i = 0, n = s.Length;
        if (n == 0) return false;
        bool neg = false;
        if (s[0] is '-' or '+') { neg = s[0] == '-'; i++; }
        long mant = 0;
        int digits = 0, fracDigits = 0;
        bool any = false, dot = false;
        for (; i < n; i++)
        {
            char c = s[i];
            if (char.IsAsciiDigit(c))
            {
                any = true;
                if (mant == 0 && c == '0') { if (dot) fracDigits++; continue; }
                if (++digits > 15) return false;
                mant = mant * 10 + (c - '0');
                if (dot) fracDigits++;
            }
            else if (c == '.' && !dot) dot = true;
            else break;
        }
        if (!any) return false;
        int exp = 0;
        if (i < n)
        {
            if (s[i] is not ('e' or 'E')) return false;
            i++;
            bool eneg = false;
            if (i < n && s[i] is '-' or '+') { eneg = s[i] == '-'; i++; }
            if (i == n) return false;
            for (; i < n; i++)
            {
                char c = s[i];
                if (!char.IsAsciiDigit(c)) return false;
                if (exp < 100000) exp = exp * 10 + (c - '0');
            }
            if (eneg) exp = -exp;
        }
        if (mant == 0) { value = neg ? -0.0 : 0.0; return true; }
        int e10 = exp - fracDigits;
        if (e10 < -22 || e10 > 22) return false;
        double m = mant;
        value = e10 < 0 ? m / Pow10[-e10] : m * Pow10[e10];
        if (neg) value = -value;
        return true;
    }

    private static bool TryParseSpecial(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        bool neg = false;
        if (s[0] is '+' or '-') { neg = s[0] == '-'; s = s[1..]; }
        if (s.Equals("nan", StringComparison.OrdinalIgnoreCase)) { value = double.NaN; return true; }
        if (s.Equals("inf", StringComparison.OrdinalIgnoreCase) || s.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = neg ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return false;
    }

    /// <summary>Parses an integer as Python's int() does (optional sign, decimal digits, no '_').</summary>
    public static bool TryParseLong(ReadOnlySpan<char> s, out long value) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Writes <paramref name="v"/> as Python's repr() does; returns the number of characters (at most 32).</summary>
    public static int FormatDouble(double v, Span<char> dest)
    {
        if (double.IsNaN(v)) return Copy("nan", dest);
        if (double.IsPositiveInfinity(v)) return Copy("inf", dest);
        if (double.IsNegativeInfinity(v)) return Copy("-inf", dest);
        Span<char> r = stackalloc char[40];
        if (!v.TryFormat(r, out int rn, "R", CultureInfo.InvariantCulture)) throw new InvalidOperationException("double formatting failed");
        r = r[..rn];
        // split .NET's shortest round-trip text into sign, digits and decimal exponent
        int p = 0, o = 0;
        bool neg = r[0] == '-';
        if (neg) p++;
        Span<char> dig = stackalloc char[24];
        int nd = 0, intLen = 0, leadingZeros = 0;
        bool dot = false;
        for (; p < r.Length && r[p] != 'E'; p++)
        {
            char c = r[p];
            if (c == '.') { dot = true; continue; }
            if (nd == 0 && c == '0') { leadingZeros++; if (!dot) intLen++; continue; }
            dig[nd++] = c;
            if (!dot) intLen++;
        }
        int e = 0;
        if (p < r.Length) e = int.Parse(r[(p + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        while (nd > 0 && dig[nd - 1] == '0') nd--;
        if (neg) dest[o++] = '-';
        if (nd == 0)
        {
            dest[o++] = '0'; dest[o++] = '.'; dest[o++] = '0';
            return o;
        }
        // value = d0.d1d2... x 10^x
        int x = intLen - 1 - leadingZeros + e;
        if (!dot) x = intLen - 1 + e; // integer text such as "1000" or "1E+16": no leading zeros possible
        if (x >= -4 && x < 16)
        {
            if (x >= 0)
            {
                for (int k = 0; k <= x; k++) dest[o++] = k < nd ? dig[k] : '0';
                dest[o++] = '.';
                if (nd > x + 1) for (int k = x + 1; k < nd; k++) dest[o++] = dig[k];
                else dest[o++] = '0';
            }
            else
            {
                dest[o++] = '0'; dest[o++] = '.';
                for (int k = 0; k < -x - 1; k++) dest[o++] = '0';
                for (int k = 0; k < nd; k++) dest[o++] = dig[k];
            }
        }
        else
        {
            dest[o++] = dig[0];
            if (nd > 1)
            {
                dest[o++] = '.';
                for (int k = 1; k < nd; k++) dest[o++] = dig[k];
            }
            dest[o++] = 'e';
            dest[o++] = x < 0 ? '-' : '+';
            int ax = Math.Abs(x);
            if (ax < 10) dest[o++] = '0';
            ax.TryFormat(dest[o..], out int en, default, CultureInfo.InvariantCulture);
            o += en;
        }
        return o;
    }

    private static int Copy(string s, Span<char> dest)
    {
        s.AsSpan().CopyTo(dest);
        return s.Length;
    }
}
