namespace Nestor.Potentials.Ace;

/// <summary>A map r -> t(r) from distance to the variable of a polynomial basis, with its derivative.</summary>
public interface IRadialTransform
{
    /// <summary>t(r); <paramref name="dtdr"/> receives dt/dr.</summary>
    double Evaluate(double r, out double dtdr);
}
