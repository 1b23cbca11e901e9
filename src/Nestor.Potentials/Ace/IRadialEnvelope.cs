namespace Nestor.Potentials.Ace;

/// <summary>A factor e(r) multiplying every function of a radial basis.</summary>
public interface IRadialEnvelope
{
    /// <summary>e(r); <paramref name="dedr"/> receives de/dr.</summary>
    double Evaluate(double r, out double dedr);
}
