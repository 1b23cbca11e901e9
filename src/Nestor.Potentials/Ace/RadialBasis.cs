namespace Nestor.Potentials.Ace;

/// <summary>
/// A radial basis P_n(r) = e(r) J_n(t(r)), n = 1..K (ACE1's <c>TransformedPolys</c>): a transform, an orthogonal
/// polynomial basis with its cutoff factor, and an envelope. Zero at and beyond <see cref="Cutoff"/>.
/// </summary>
public sealed class RadialBasis
{
    /// <summary>Creates the basis.</summary>
    public RadialBasis(IRadialTransform transform, OrthogonalPolynomials polynomials, IRadialEnvelope envelope, double cutoff)
    {
        if (!(cutoff > 0)) throw new ArgumentException($"radial basis cutoff must be positive, got {cutoff}");
        Transform = transform; Polynomials = polynomials; Envelope = envelope; Cutoff = cutoff;
    }

    public IRadialTransform Transform { get; }
    public OrthogonalPolynomials Polynomials { get; }
    public IRadialEnvelope Envelope { get; }

    /// <summary>The cutoff (ACE1's <c>ru</c>), Angstrom.</summary>
    public double Cutoff { get; }

    /// <summary>Number of functions K.</summary>
    public int Count => Polynomials.Count;

    /// <summary>Fills P_n(r) and dP_n/dr (n = 1..K stored at 0..K-1).</summary>
    public void Evaluate(double r, Span<double> p, Span<double> dp)
    {
        int k = Count;
        if (r >= Cutoff) { p[..k].Clear(); dp[..k].Clear(); return; }
        double t = Transform.Evaluate(r, out double dt);
        Polynomials.Evaluate(t, p, dp);
        double e = Envelope.Evaluate(r, out double de);
        for (int n = 0; n < k; n++)
        {
            double pn = p[n];
            p[n] = e * pn;
            dp[n] = de * pn + e * dp[n] * dt;
        }
    }
}
