namespace Nestor.Sampling.Engine;

/// <summary>
/// One decorrelation walk (pymatnest's <c>walk_single_walker</c>): moves picked at random with probabilities
/// proportional to the step ratios until the model-call budget is reached (an atom move costs AtomTrajLength calls,
/// a cell move 1, even when rejected before the energy call). Ends with the tie-breaking perturbation of H.
/// </summary>
public static class WalkerWalk
{
    /// <summary>Walks <paramref name="w"/> for <paramref name="budget"/> model calls under the context's ceiling <c>ctx.Emax</c>; stops early (leaving the walker mid-walk) when the walk is abandoned.</summary>
    public static void Walk(Walker w, int budget, WalkSettings set, WalkContext ctx)
    {
        var weights = set.MoveWeights;
        // keep coordinates bounded: fast MD walkers would otherwise drift arbitrarily far from the cell
        if (w.Structure.IsFullyPeriodic) w.Structure.Wrap();
        double total = weights[0] + weights[1] + weights[2] + weights[3];
        int used = 0;
        int atomCost = set.Options.AtomTrajLength;
        while (used < budget && !ctx.Abandoned)
        {
            var kind = Pick(weights, total, ctx.Rng);
            if (kind == MoveKind.Atom)
            {
                if (set.Options.AtomAlgorithm == AtomAlgorithm.MD) MdAtomWalk.Run(w, set, ctx);
                else McAtomWalk.Run(w, set, ctx);
                used += atomCost;
            }
            else
            {
                CellMoves.Step(w, kind, set, ctx);
                used += 1;
            }
        }
        if (set.Options.AtomAlgorithm == AtomAlgorithm.MC && set.Options.McAtomMove == McAtomMove.SingleAtom
            && set.SingleAtom is not null && weights[0] > 0)
        {
            // single-atom moves accumulate energy differences; recompute once per walk so that rounding errors
            // inherited from high-energy history (initial overlaps reach 1e9 eV) cannot build up
            w.PotentialEnergy = ctx.Energy(set.Potential, w.Structure);
            w.H = w.PotentialEnergy + set.Pressure * w.Structure.Cell.Volume + w.KineticEnergy;
        }
        Perturb(w, ctx.Emax, set.Options.EnergyPerturbation, ctx.Rng);
    }

    /// <summary>Picks a move kind with probability proportional to its weight.</summary>
    public static MoveKind Pick(double[] weights, double total, NsRandom rng)
    {
        double u = rng.NextDouble() * total;
        for (int k = 0; k < 3; k++)
        {
            if (u < weights[k]) return (MoveKind)k;
            u -= weights[k];
        }
        return weights[3] > 0 ? MoveKind.Stretch : LastNonZero(weights);
    }

    private static MoveKind LastNonZero(double[] weights)
    {
        for (int k = 3; k >= 0; k--) if (weights[k] > 0) return (MoveKind)k;
        throw new InvalidOperationException("no move has a positive weight");
    }

    /// <summary>
    /// The tie-breaking perturbation: H (1 - xi eps), or H - xi eps when |H| &lt;= 1, xi uniform in [0,1),
    /// redrawn up to 100 times to stay below <paramref name="emax"/> (H is left unperturbed otherwise).
    /// </summary>
    public static void Perturb(Walker w, double emax, double eps, NsRandom rng)
    {
        if (eps <= 0) return;
        double h = w.H;
        for (int t = 0; t < 100; t++)
        {
            double xi = rng.NextDouble();
            double p = Math.Abs(h) <= 1 ? h - xi * eps : h * (1 - xi * eps);
            if (p < emax) { w.H = p; return; }
        }
    }
}
