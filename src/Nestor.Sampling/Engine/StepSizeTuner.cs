namespace Nestor.Sampling.Engine;

/// <summary>
/// pymatnest's <c>full_auto_set_stepsizes</c>: for each move kind in use, rounds of single moves on throw-away
/// copies of live walkers (cycling from a random start) under the current Emax; the step is multiplied or divided by
/// the step factor until the acceptance rate falls inside the window (MD (0.5, 0.95), MC and cell moves
/// (0.25, 0.75)); when the rate crosses the window, the step whose rate is closer to the window centre is kept.
/// Trials are spread over the slots in a fixed way and each trial has its own random stream, so the result does not
/// depend on the number of threads.
/// </summary>
public sealed class StepSizeTuner(WalkSettings set, WalkContext[] contexts, Walker[] scratch, WorkerTeam team)
{
    private const int MaxRounds = 30;

    /// <summary>The acceptance window of a move kind.</summary>
    public static (double Min, double Max) Window(MoveKind kind, AtomAlgorithm algorithm) =>
        kind == MoveKind.Atom && algorithm == AtomAlgorithm.MD ? (0.5, 0.95) : (0.25, 0.75);

    /// <summary>
    /// Tunes every move kind in use under the ceiling <paramref name="emax"/> (eV). <paramref name="walkers"/> are only
    /// read. Returns the acceptance rates found.
    /// </summary>
    public double[] Tune(Walker[] walkers, double emax, long seed, long iteration)
    {
        foreach (var ctx in contexts) ctx.Emax = emax;
        var rates = new double[4];
        var master = new NsRandom(seed, iteration, -3);
        var algorithm = set.Options.AtomAlgorithm;
        for (int k = 0; k < 4; k++)
        {
            rates[k] = double.NaN;
            if (set.MoveWeights[k] <= 0) continue;
            var kind = (MoveKind)k;
            var (lo, hi) = Window(kind, algorithm);
            double step = set.Steps.Get(kind, algorithm), max = set.Steps.Max(kind, algorithm);
            double prevStep = double.NaN, prevRate = double.NaN;
            for (int round = 0; round < MaxRounds; round++)
            {
                int start = master.NextInt(walkers.Length);
                set.Steps.Set(kind, algorithm, step);
                double rate = Trial(kind, walkers, start, seed, iteration, k * MaxRounds + round);
                rates[k] = rate;
                if (rate >= lo && rate < hi) break;
                bool up = rate >= hi;
                if (!double.IsNaN(prevRate) && (prevRate >= hi) != up && !(prevRate >= lo && prevRate < hi))
                {
                    double centre = 0.5 * (lo + hi);
                    if (Math.Abs(prevRate - centre) < Math.Abs(rate - centre)) { step = prevStep; rates[k] = prevRate; }
                    break;
                }
                double next = up ? Math.Min(step * set.Options.StepFactor, max) : step / set.Options.StepFactor;
                if (next < 1e-20) throw new NestedSamplingException($"step size of {kind} moves fell below 1e-20: nothing is accepted");
                if (next == step) break;
                prevStep = step; prevRate = rate;
                step = next;
            }
            set.Steps.Set(kind, algorithm, step);
        }
        return rates;
    }

    private double Trial(MoveKind kind, Walker[] walkers, int start, long seed, long iteration, int round)
    {
        int slots = contexts.Length;
        int trials = set.Options.TuningTrials;
        var acc = new long[slots];
        var att = new long[slots];
        team.Run(slots, c =>
        {
            var ctx = contexts[c];
            var w = scratch[c];
            long a0 = ctx.Stats.Accepted[(int)kind], t0 = ctx.Stats.Attempted[(int)kind];
            for (int t = c; t < trials; t += slots)
            {
                w.CopyFrom(walkers[(start + t) % walkers.Length]);
                ctx.Rng.Reset(seed, iteration, -1000 - (long)round * trials - t);
                ctx.ResetWorkspace();
                if (kind == MoveKind.Atom)
                {
                    if (set.Options.AtomAlgorithm == AtomAlgorithm.MD) MdAtomWalk.Run(w, set, ctx);
                    else McAtomWalk.Run(w, set, ctx);
                }
                else CellMoves.Step(w, kind, set, ctx);
            }
            acc[c] = ctx.Stats.Accepted[(int)kind] - a0;
            att[c] = ctx.Stats.Attempted[(int)kind] - t0;
            ctx.Stats.Accepted[(int)kind] = a0;
            ctx.Stats.Attempted[(int)kind] = t0;
        });
        long A = acc.Sum(), T = att.Sum();
        return T == 0 ? double.NaN : (double)A / T;
    }
}
