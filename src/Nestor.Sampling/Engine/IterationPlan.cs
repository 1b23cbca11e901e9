namespace Nestor.Sampling.Engine;

/// <summary>
/// The walks of one NS iteration: the culled walkers (highest NS energy first), the ceiling, and for every parallel
/// slot the walker its walk starts from (<see cref="Source"/>) and the walker slot its result replaces
/// (<see cref="Target"/>): a clone slot starts from a random survivor and replaces a culled walker, an extra slot
/// walks a survivor in place.
/// </summary>
public sealed class IterationPlan
{
    /// <summary>An empty plan for <paramref name="cull"/> culled walkers and <paramref name="walks"/> slots.</summary>
    public IterationPlan(int cull, int walks)
    {
        Culled = new int[cull];
        Source = new int[walks];
        Target = new int[walks];
    }

    /// <summary>The NS iteration.</summary>
    public long Iteration { get; set; }

    /// <summary>The ceiling of the walks: the lowest culled NS energy (eV).</summary>
    public double Emax { get; set; }

    /// <summary>Culled walker indices, in decreasing NS energy.</summary>
    public int[] Culled { get; }

    /// <summary>Per slot, the walker whose state the walk starts from.</summary>
    public int[] Source { get; }

    /// <summary>Per slot, the walker index the walked state replaces.</summary>
    public int[] Target { get; }

    /// <summary>Number of parallel slots.</summary>
    public int Walks => Source.Length;

    /// <summary>True when <paramref name="other"/> describes exactly the same walks.</summary>
    public bool SameAs(IterationPlan other) =>
        Iteration == other.Iteration && Emax.Equals(other.Emax) && Culled.AsSpan().SequenceEqual(other.Culled)
        && Source.AsSpan().SequenceEqual(other.Source) && Target.AsSpan().SequenceEqual(other.Target);

    /// <summary>Copies <paramref name="other"/> into this plan.</summary>
    public void CopyFrom(IterationPlan other)
    {
        Iteration = other.Iteration;
        Emax = other.Emax;
        other.Culled.CopyTo(Culled, 0);
        other.Source.CopyTo(Source, 0);
        other.Target.CopyTo(Target, 0);
    }
}

/// <summary>
/// Makes iteration plans as pymatnest does: cull the P highest NS energies (ties: lower index first); clone sources
/// drawn uniformly among the survivors without repetition; extra walkers drawn among the survivors, distinct from each
/// other (an extra walker may also be a clone source: the clone starts from its state before the walk). The draws
/// come from the stream (seed, iteration, -1), so a plan depends only on the walkers' NS energies and the iteration.
/// </summary>
public sealed class IterationPlanner(int walkers, long seed)
{
    private readonly bool[] _culled = new bool[walkers];
    private readonly bool[] _used = new bool[walkers];
    private readonly NsRandom _rng = new(seed);

    /// <summary>
    /// Fills <paramref name="plan"/> for <paramref name="iteration"/>. Walkers marked in <paramref name="unknown"/>
    /// (walks still running) are left out of the cull, and a draw that falls on one fails the plan (returns false): the
    /// plan is then a prediction that holds exactly when none of them ends among the culled.
    /// </summary>
    public bool Make(long iteration, Walker[] all, bool[]? unknown, IterationPlan plan)
    {
        int k = all.Length, p = plan.Culled.Length;
        Array.Clear(_culled);
        for (int c = 0; c < p; c++)
        {
            int best = -1;
            for (int i = 0; i < k; i++)
                if (!_culled[i] && (unknown is null || !unknown[i]) && (best < 0 || all[i].H > all[best].H)) best = i;
            if (best < 0) return false;
            plan.Culled[c] = best;
            _culled[best] = true;
        }
        plan.Iteration = iteration;
        plan.Emax = all[plan.Culled[p - 1]].H;
        _rng.Reset(seed, iteration, -1);
        Array.Copy(_culled, _used, k);
        for (int c = 0; c < p; c++)
        {
            int src;
            do src = _rng.NextInt(k); while (_used[src]);
            if (unknown is not null && unknown[src]) return false;
            _used[src] = true;
            plan.Source[c] = src;
            plan.Target[c] = plan.Culled[c];
        }
        Array.Copy(_culled, _used, k);
        for (int c = p; c < plan.Walks; c++)
        {
            int e;
            do e = _rng.NextInt(k); while (_used[e]);
            if (unknown is not null && unknown[e]) return false;
            _used[e] = true;
            plan.Source[c] = e;
            plan.Target[c] = e;
        }
        return true;
    }
}
