namespace Nestor.Sampling;

/// <summary>
/// How many walks an iteration makes and how long each is, from pymatnest's <c>set_n_from_expected</c> with the
/// number of parallel walks in place of MPI ranks (the extra-walk bug of pymatnest master is not reproduced
/// unless asked for).
/// </summary>
public static class WalkPlan
{
    /// <summary>Walks per iteration: the clones plus extra walks that fill every parallel slot.</summary>
    public static int WalksPerIteration(NestedSamplingOptions o)
    {
        int w = o.EffectiveParallelWalks, p = o.Cull;
        if (o.PymatnestExtraWalk) return p + w;
        return w * ((p + w - 1) / w);
    }

    /// <summary>Mean number of walks a walker receives between birth and death (pymatnest's n_walks).</summary>
    public static double WalksPerLifetime(NestedSamplingOptions o)
    {
        double k = o.Walkers, p = o.Cull, size = o.EffectiveParallelWalks;
        double maxCullPerTask = Math.Ceiling(p / size);
        double fc = p / k;
        double fe = (maxCullPerTask * size - p) / (k - p);
        double d = fc + fe - fc * fe;
        double f = (1 - fc) * fe / d;
        return fc / d * (1 + f / (1 - f) + f / ((1 - f) * (1 - f)));
    }

    /// <summary>Model calls per walk: ceil(walk length / walks per lifetime).</summary>
    public static int CallsPerWalk(NestedSamplingOptions o) =>
        Math.Max(1, (int)Math.Ceiling(o.WalkLength / WalksPerLifetime(o) - 1e-9));
}
