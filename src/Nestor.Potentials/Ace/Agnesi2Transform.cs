namespace Nestor.Potentials.Ace;

/// <summary>
/// ACE1's <c>Agnesi2Transform</c>: with s = (r - rin)/(r0 - rin),
/// x(r) = 1 / (1 + a s^q / (1 + s^(q-p))) for r &gt; rin and 1 for r &lt;= rin.
/// The powers p and q are integers.
/// </summary>
public sealed class Agnesi2Transform : IRadialTransform
{
    /// <summary>Creates the transform; p and q are positive integers with q &gt;= p.</summary>
    public Agnesi2Transform(double r0, int p, int q, double a, double rin)
    {
        if (p < 1 || q < p) throw new ArgumentException($"Agnesi2 transform needs integers 1 <= p <= q, got p={p}, q={q}");
        if (!(r0 > rin)) throw new ArgumentException($"Agnesi2 transform needs r0 > rin, got r0={r0}, rin={rin}");
        R0 = r0; P = p; Q = q; A = a; Rin = rin;
    }

    /// <summary>The default a of ACE1, which puts the steepest slope at r0: (-2q + p(4q-2)) / (p + p^2 + q + q^2).</summary>
    public static double DefaultA(int p, int q) => (-2.0 * q + p * (4.0 * q - 2)) / (p + (double)p * p + q + (double)q * q);

    public double R0 { get; }
    public int P { get; }
    public int Q { get; }
    public double A { get; }
    public double Rin { get; }

    public double Evaluate(double r, out double dtdr)
    {
        if (r <= Rin) { dtdr = 0; return 1.0; }
        double scale = 1.0 / (R0 - Rin);
        double s = (r - Rin) * scale;
        double sqp = IntPow(s, Q - P);              // s^(q-p)
        double sq = sqp * IntPow(s, P);             // s^q
        double den = 1 + sqp;
        double g = A * sq / den;
        // g'(s) = a [q s^(q-1) (1 + s^(q-p)) - (q-p) s^(2q-p-1)] / (1 + s^(q-p))^2
        double sq1 = Q >= 1 ? sq / s : 0;           // s^(q-1); s > 0 here
        double s2qp1 = Q - P >= 1 ? sq * sqp / s : 0; // s^(2q-p-1)
        double dg = A * (Q * sq1 * den - (Q - P) * s2qp1) / (den * den);
        double x = 1.0 / (1 + g);
        dtdr = -dg * x * x * scale;
        return x;
    }

    internal static double IntPow(double x, int n)
    {
        double r = 1;
        for (int k = 0; k < n; k++) r *= x;
        return r;
    }
}
