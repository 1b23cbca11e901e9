using System.Runtime.Intrinsics;

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

    /// <summary>
    /// Evaluates at every distance in <paramref name="r"/> (length a multiple of 4) in structure-of-arrays layout:
    /// P_n(r[a]) at p[(n - 1) stride + a], derivatives likewise; SIMD over four distances at a time.
    /// </summary>
    public void EvaluateSoA(ReadOnlySpan<double> r, Span<double> p, Span<double> dp, int stride)
    {
        if (r.Length % 4 != 0) throw new ArgumentException("EvaluateSoA needs a multiple of 4 distances");
        Span<double> t = stackalloc double[4], f = stackalloc double[4], df = stackalloc double[4];
        Span<double> e = stackalloc double[4], de = stackalloc double[4], dt = stackalloc double[4];
        for (int a = 0; a < r.Length; a += 4)
        {
            for (int l = 0; l < 4; l++)
            {
                double rl = r[a + l];
                if (rl >= Cutoff) { t[l] = 0; f[l] = 0; df[l] = 0; e[l] = 0; de[l] = 0; dt[l] = 0; continue; }
                t[l] = Transform.Evaluate(rl, out dt[l]);
                f[l] = Polynomials.CutoffFactor(t[l], out df[l]);
                e[l] = Envelope.Evaluate(rl, out de[l]);
            }
            Polynomials.Evaluate4SoA(Vector256.Create<double>(t), Vector256.Create<double>(f), Vector256.Create<double>(df),
                Vector256.Create<double>(e), Vector256.Create<double>(de), Vector256.Create<double>(dt), p, dp, stride, a);
        }
    }

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
