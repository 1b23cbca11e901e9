namespace Nestor.Potentials.Ace;

/// <summary>
/// ACE1's <c>PolyPairPot</c> for one species pair: V(r) = sum_n c_n P_n(r) over a <see cref="RadialBasis"/>, with an
/// optional committee of coefficient vectors. The energy of a structure is 1/2 sum_i sum_(j in N(i)) V(r_ij).
/// </summary>
public sealed class PairPotential
{
    private readonly double[] _coeffs;
    private readonly double[]? _committee; // member-major: member j owns [j*K, (j+1)*K)

    /// <summary>Creates the pair potential; <paramref name="committee"/> is member-major (member j at j*K..) or null.</summary>
    public PairPotential(RadialBasis basis, double[] coefficients, double[]? committee, int committeeSize)
    {
        if (coefficients.Length != basis.Count)
            throw new ArgumentException($"pair potential has {coefficients.Length} coefficients for {basis.Count} basis functions");
        if (committee is not null && committee.Length != basis.Count * committeeSize)
            throw new ArgumentException($"pair committee has {committee.Length} numbers, expected {basis.Count} x {committeeSize}");
        Basis = basis;
        _coeffs = (double[])coefficients.Clone();
        _committee = committee is null ? null : (double[])committee.Clone();
        CommitteeSize = committee is null ? 0 : committeeSize;
    }

    /// <summary>The radial basis.</summary>
    public RadialBasis Basis { get; }

    /// <summary>Coefficients of the main model.</summary>
    public ReadOnlySpan<double> Coefficients => _coeffs;

    /// <summary>Number of committee members (0 when none).</summary>
    public int CommitteeSize { get; }

    /// <summary>Coefficients of committee member <paramref name="j"/>.</summary>
    public ReadOnlySpan<double> Member(int j) => _committee.AsSpan(j * Basis.Count, Basis.Count);

    /// <summary>Cutoff (Angstrom).</summary>
    public double Cutoff => Basis.Cutoff;

    /// <summary>
    /// V(r) and dV/dr; <paramref name="p"/> and <paramref name="dp"/> (K each) receive the basis values and derivatives.
    /// </summary>
    public double Evaluate(double r, out double dvdr, Span<double> p, Span<double> dp)
    {
        Basis.Evaluate(r, p, dp);
        double v = 0, dv = 0;
        for (int n = 0; n < _coeffs.Length; n++) { v += _coeffs[n] * p[n]; dv += _coeffs[n] * dp[n]; }
        dvdr = dv;
        return v;
    }

    /// <summary>V(r) alone (allocation-free for K &lt;= 64).</summary>
    public double Energy(double r)
    {
        Span<double> p = stackalloc double[Basis.Count], dp = stackalloc double[Basis.Count];
        return Evaluate(r, out _, p, dp);
    }
}
