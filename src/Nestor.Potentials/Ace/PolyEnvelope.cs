namespace Nestor.Potentials.Ace;

/// <summary>
/// ACE1's <c>PolyEnvelope</c>: with s = r/r0 and sc = rcut/r0,
/// e(r) = s^-p - sc^-p + p sc^(-p-1) (s - sc) for r &lt;= rcut and 0 beyond. e and e' vanish at rcut.
/// </summary>
public sealed class PolyEnvelope : IRadialEnvelope
{
    private readonly double _scp, _scp1;

    /// <summary>Creates the envelope with integer power p &gt;= 1.</summary>
    public PolyEnvelope(int p, double r0, double rcut)
    {
        if (p < 1) throw new ArgumentException($"PolyEnvelope needs p >= 1, got {p}");
        if (!(r0 > 0) || !(rcut > r0)) throw new ArgumentException($"PolyEnvelope needs 0 < r0 < rcut, got r0={r0}, rcut={rcut}");
        P = p; R0 = r0; Rcut = rcut;
        double sc = rcut / r0;
        _scp = 1.0 / Agnesi2Transform.IntPow(sc, p);
        _scp1 = _scp / sc;
    }

    public int P { get; }
    public double R0 { get; }
    public double Rcut { get; }

    public double Evaluate(double r, out double dedr)
    {
        if (r > Rcut) { dedr = 0; return 0; }
        double s = r / R0, sc = Rcut / R0;
        double sp = 1.0 / Agnesi2Transform.IntPow(s, P);   // s^-p
        dedr = (-P * sp / s + P * _scp1) / R0;
        return sp - _scp + P * _scp1 * (s - sc);
    }
}
