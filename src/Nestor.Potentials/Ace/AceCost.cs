namespace Nestor.Potentials.Ace;

/// <summary>
/// Floating-point operation counts of <see cref="AcePotential"/>'s energy + forces evaluation, from its loops (a
/// multiply-add counts 2): per neighbour (radial basis, spherical harmonics with gradients, A accumulation, adjoint
/// contraction, pair term) and per atom (product basis with adjoint). For benchmarks and reports.
/// </summary>
public static class AceCost
{
    /// <summary>(flops per neighbour, flops per atom independent of the neighbour count).</summary>
    public static (double PerNeighbour, double PerAtom) Estimate(AceManyBody ace, PairPotential? pair)
    {
        int k = ace.Radial.Count, lmax = ace.Angular.MaxL;
        int half = (lmax + 1) * (lmax + 2) / 2; // (l, m >= 0) entries
        int na = ace.OneParticle.Count, ny = ace.Angular.Count;
        double radial = 30 + 14.0 * k;                  // transform; recurrence for J and J'; envelope
        double sh = 12 + half * 50.0;                   // Q and Q' recurrences, Y, gradient projection
        double accumulate = 4.0 * na;                   // A_v += R Y (complex)
        double adjoint = 8.0 * na + 14.0 * ny + 10;     // W0, W1 per (l, m); contraction with Y and grad Y
        double pairCost = pair is null ? 0 : 14.0 * pair.Basis.Count + 4.0 * pair.Basis.Count + 10;
        double perNeighbour = radial + sh + accumulate + adjoint + pairCost;
        var byOrder = ace.Products.CountByOrder();
        double[] cost = [0, 2, 16, 42, 60];             // energy + adjoint per product function of order 1..4
        double perAtom = 0;
        for (int nu = 1; nu < byOrder.Length; nu++)
            perAtom += byOrder[nu] * (nu < cost.Length ? cost[nu] : 20.0 * nu);
        return (perNeighbour, perAtom);
    }
}
