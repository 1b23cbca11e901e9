namespace Nestor.Potentials.Ace;

/// <summary>ACE1's <c>OneEnvelope</c>: e(r) = 1.</summary>
public sealed class OneEnvelope : IRadialEnvelope
{
    /// <summary>The single instance.</summary>
    public static readonly OneEnvelope Instance = new();

    public double Evaluate(double r, out double dedr) { dedr = 0; return 1.0; }
}
