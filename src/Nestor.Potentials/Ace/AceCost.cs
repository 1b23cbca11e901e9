namespace Nestor.Potentials.Ace;

/// <summary>
/// Floating-point operation counts of <see cref="AcePotential"/>'s energy + forces evaluation, counted from its loops
/// (add, multiply and divide count 1 each; square roots 1): per neighbour (radial bases, spherical harmonics with
/// gradients, atomic-base accumulation, adjoint contraction, pair term) and per atom (product basis with its adjoint
/// after merging conjugate pairs, building the full atomic base and folding the adjoint). For benchmarks and reports.
/// </summary>
public static class AceCost
{
    /// <summary>(flops per neighbour, flops per atom independent of the neighbour count).</summary>
    public static (double PerNeighbour, double PerAtom) Estimate(AceModel model)
    {
        double perNeighbour = 0, perAtom = 0;
        if (model.Pair is { } pair)
        {
            int kp = pair.Basis.Count;
            perNeighbour += 35 + 15.0 * kp   // transform, envelope, recurrence with derivatives and envelope product
                + 4.0 * kp + 7;              // V and V', gradient vector
        }
        if (model.ManyBody is { } ace)
        {
            var site = new AceSiteEvaluator(ace);
            int k = ace.Radial.Count, lmax = ace.Angular.MaxL, nh = site.NH, nc = site.NC;
            int nRec = 0;                                     // Q recurrences for m <= l - 2
            for (int l = 2; l <= lmax; l++) nRec += l - 1;
            double radial = 40 + 15.0 * k;
            double sh = 10 + nRec * 10 + lmax * 8 + lmax * 6 + nh * 32;
            double accumulate = 4.0 * nc;
            double contraction = 8.0 * nc + 16.0 * nh + 10;
            perNeighbour += radial + sh + accumulate + contraction;
            var byOrder = site.Products.CountByOrder();
            double[] cost = [0, 3, 13, 35, 53];
            for (int nu = 1; nu < byOrder.Length; nu++)
                perAtom += byOrder[nu] * (nu < cost.Length ? cost[nu] : 20.0 * nu);
            perAtom += 4.0 * site.NF;                         // full A from the compact one, adjoint fold
        }
        return (perNeighbour, perAtom);
    }
}
