using Nestor.Atoms;

namespace Nestor.Sampling.Engine;

/// <summary>
/// MC atom moves: sweeps of single-atom moves (displacement uniform in a cube of half-edge step, using the
/// potential's one-atom energy change when it has one), or all-atom moves (Gaussian displacement of every atom,
/// one energy call). Accepted iff H' &lt; Emax.
/// </summary>
public static class McAtomWalk
{
    /// <summary>One atom move: <c>AtomTrajLength</c> sweeps (or all-atom moves). Returns the number of accepted trials.</summary>
    public static int Run(Walker w, WalkSettings set, WalkContext ctx)
    {
        int accepted = 0;
        for (int sweep = 0; sweep < set.Options.AtomTrajLength; sweep++)
            accepted += set.Options.McAtomMove == McAtomMove.SingleAtom ? Sweep(w, set, ctx) : AllAtoms(w, set, ctx);
        return accepted;
    }

    private static int Sweep(Walker w, WalkSettings set, WalkContext ctx)
    {
        var s = w.Structure;
        int n = s.Count;
        var rng = ctx.Rng;
        double step = set.Steps.McAtom;
        var order = ctx.Order;
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) { int j = rng.NextInt(i + 1); (order[i], order[j]) = (order[j], order[i]); }
        int acc = 0;
        double pv = set.Pressure * s.Cell.Volume;
        for (int q = 0; q < n; q++)
        {
            int i = order[q];
            var old = s.GetPosition(i);
            var trial = old + new Vec3((2 * rng.NextDouble() - 1) * step, (2 * rng.NextDouble() - 1) * step, (2 * rng.NextDouble() - 1) * step);
            double pe;
            if (set.SingleAtom is { } single)
            {
                pe = w.PotentialEnergy + ctx.EnergyChange(single, s, i, trial);
                if (double.IsFinite(pe) && pe + pv < ctx.Emax)
                {
                    s.SetPosition(i, trial);
                    w.PotentialEnergy = pe; w.H = pe + pv; w.ForcesValid = false; acc++;
                }
            }
            else
            {
                s.SetPosition(i, trial);
                pe = ctx.Energy(set.Potential, s);
                if (double.IsFinite(pe) && pe + pv < ctx.Emax)
                {
                    w.PotentialEnergy = pe; w.H = pe + pv; w.ForcesValid = false; acc++;
                }
                else s.SetPosition(i, old);
            }
        }
        ctx.Stats.Record(MoveKind.Atom, false, n, acc);
        return acc;
    }

    private static int AllAtoms(Walker w, WalkSettings set, WalkContext ctx)
    {
        var s = w.Structure;
        var x = s.Positions;
        var rng = ctx.Rng;
        double step = set.Steps.McAtom;
        Array.Copy(x, ctx.SavedPositions, x.Length);
        for (int k = 0; k < x.Length; k++) x[k] += rng.NextGaussian() * step;
        double pv = set.Pressure * s.Cell.Volume;
        double pe = ctx.Energy(set.Potential, s);
        bool ok = double.IsFinite(pe) && pe + pv < ctx.Emax;
        if (ok) { w.PotentialEnergy = pe; w.H = pe + pv; w.ForcesValid = false; }
        else Array.Copy(ctx.SavedPositions, x, x.Length);
        ctx.Stats.Record(MoveKind.Atom, ok);
        return ok ? 1 : 0;
    }
}
