using Nestor.Atoms;
using Nestor.Potentials;

namespace Nestor.Sampling.Tests.Doubles;

/// <summary>
/// U = k/2 sum_i |r_i - c|^2 around the cell centre c, with the minimum-image displacement so that the potential is
/// periodic (the sampler wraps atoms into the cell): D = 3N harmonic degrees of freedom below k/2 (L/2)^2 per atom.
/// </summary>
public sealed class HarmonicWell(double k) : IPotential
{
    public string Spec => $"harmonic:k={k}";
    public double Cutoff => 1;
    public IReadOnlyList<string>? Species => null;

    public void Compute(Structure s, Quantities q, PotentialResult result)
    {
        result.Prepare(s.Count, q);
        var c = s.Cell.ToCartesian(new Vec3(0.5, 0.5, 0.5));
        double e = 0;
        for (int i = 0; i < s.Count; i++)
        {
            var d = s.GetPosition(i) - c;
            var f = s.Cell.ToFractional(d);
            d -= s.Cell.ToCartesian(new Vec3(Math.Round(f.X), Math.Round(f.Y), Math.Round(f.Z)));
            e += 0.5 * k * d.Norm2();
            if ((q & Quantities.Forces) != 0)
            {
                result.Forces[3 * i] = -k * d.X; result.Forces[3 * i + 1] = -k * d.Y; result.Forces[3 * i + 2] = -k * d.Z;
            }
        }
        result.Energy = e;
    }
}

/// <summary>No interactions at all: the ideal gas.</summary>
public sealed class ZeroPotential : IPotential
{
    public string Spec => "zero";
    public double Cutoff => 1;
    public IReadOnlyList<string>? Species => null;

    public void Compute(Structure s, Quantities q, PotentialResult result)
    {
        result.Prepare(s.Count, q);
        result.Energy = 0;
    }
}
