using System.Runtime.Intrinsics;

namespace Nestor.Potentials.Ace;

/// <summary>
/// ACE1's <c>OrthPolyBasis</c>: K polynomials in t by a three-term recurrence, times the cutoff factor
/// f(t) = (t - tl)^pl (t - tr)^pr (zero outside [tl, tr] on a side with a positive power):
/// J_1 = A_1 f, J_2 = (A_2 t + B_2) J_1, J_n = (A_n t + B_n) J_(n-1) + C_n J_(n-2).
/// </summary>
public sealed class OrthogonalPolynomials
{
    private readonly double[] _a, _b, _c;

    /// <summary>Creates the basis with K = a.Length functions; b and c need at least K entries (the rest are ignored).</summary>
    public OrthogonalPolynomials(double[] a, double[] b, double[] c, int pl, double tl, int pr, double tr)
    {
        if (a.Length < 1) throw new ArgumentException("an orthogonal polynomial basis needs at least one function");
        if (b.Length < a.Length || c.Length < a.Length)
            throw new ArgumentException($"recurrence coefficients B ({b.Length}) and C ({c.Length}) are shorter than A ({a.Length})");
        if (pl < 0 || pr < 0) throw new ArgumentException($"cutoff powers must be non-negative, got pl={pl}, pr={pr}");
        _a = (double[])a.Clone();
        _b = b[..a.Length];
        _c = c[..a.Length];
        Pl = pl; Tl = tl; Pr = pr; Tr = tr;
    }

    /// <summary>Number of functions K.</summary>
    public int Count => _a.Length;
    public int Pl { get; }
    public double Tl { get; }
    public int Pr { get; }
    public double Tr { get; }
    public ReadOnlySpan<double> A => _a;
    public ReadOnlySpan<double> B => _b;
    public ReadOnlySpan<double> C => _c;

    /// <summary>The cutoff factor f(t) and df/dt (both zero outside [tl, tr] on a side with a positive power).</summary>
    public double CutoffFactor(double t, out double df)
    {
        if ((Pl > 0 && t < Tl) || (Pr > 0 && t > Tr)) { df = 0; return 0; }
        double ul = t - Tl, ur = t - Tr;
        double fl = Agnesi2Transform.IntPow(ul, Pl), fr = Agnesi2Transform.IntPow(ur, Pr);
        df = 0;
        if (Pl > 0) df += Pl * Agnesi2Transform.IntPow(ul, Pl - 1) * fr;
        if (Pr > 0) df += Pr * Agnesi2Transform.IntPow(ur, Pr - 1) * fl;
        return fl * fr;
    }

    /// <summary>
    /// Four evaluations at once (SIMD over the lanes): J_n and J_n' at t[lane] given the cutoff factors f and f';
    /// then P_n = e J_n and P_n' = e' J_n + e J_n' t', written in structure-of-arrays layout: lane l of P_n goes to
    /// p[n stride + a + l]. The same operations in the same order as the scalar path.
    /// </summary>
    internal void Evaluate4SoA(Vector256<double> t, Vector256<double> f, Vector256<double> df,
        Vector256<double> e, Vector256<double> de, Vector256<double> dt, Span<double> p, Span<double> dp, int stride, int a)
    {
        int k = _a.Length;
        var a0 = Vector256.Create(_a[0]);
        var j2 = a0 * f;
        var dj2 = a0 * df;
        (e * j2).CopyTo(p.Slice(a, 4)); (de * j2 + e * dj2 * dt).CopyTo(dp.Slice(a, 4));
        if (k == 1) return;
        var a1 = Vector256.Create(_a[1]);
        var m = a1 * t + Vector256.Create(_b[1]);
        var j1 = m * j2;
        var dj1 = m * dj2 + a1 * j2;
        (e * j1).CopyTo(p.Slice(stride + a, 4)); (de * j1 + e * dj1 * dt).CopyTo(dp.Slice(stride + a, 4));
        for (int n = 2; n < k; n++)
        {
            var an = Vector256.Create(_a[n]);
            var cn = Vector256.Create(_c[n]);
            m = an * t + Vector256.Create(_b[n]);
            var j = m * j1 + cn * j2;
            var dj = m * dj1 + cn * dj2 + an * j1;
            (e * j).CopyTo(p.Slice(n * stride + a, 4)); (de * j + e * dj * dt).CopyTo(dp.Slice(n * stride + a, 4));
            j2 = j1; dj2 = dj1; j1 = j; dj1 = dj;
        }
    }

    /// <summary>Fills J_1..J_K (0-based in the spans) and their t-derivatives.</summary>
    public void Evaluate(double t, Span<double> j, Span<double> dj)
    {
        int k = _a.Length;
        if ((Pl > 0 && t < Tl) || (Pr > 0 && t > Tr))
        {
            j[..k].Clear(); dj[..k].Clear();
            return;
        }
        double ul = t - Tl, ur = t - Tr;
        double fl = Agnesi2Transform.IntPow(ul, Pl), fr = Agnesi2Transform.IntPow(ur, Pr);
        double f = fl * fr;
        double df = 0;
        if (Pl > 0) df += Pl * Agnesi2Transform.IntPow(ul, Pl - 1) * fr;
        if (Pr > 0) df += Pr * Agnesi2Transform.IntPow(ur, Pr - 1) * fl;
        j[0] = _a[0] * f;
        dj[0] = _a[0] * df;
        if (k == 1) return;
        double m = _a[1] * t + _b[1];
        j[1] = m * j[0];
        dj[1] = m * dj[0] + _a[1] * j[0];
        for (int n = 2; n < k; n++)
        {
            m = _a[n] * t + _b[n];
            j[n] = m * j[n - 1] + _c[n] * j[n - 2];
            dj[n] = m * dj[n - 1] + _c[n] * dj[n - 2] + _a[n] * j[n - 1];
        }
    }
}
