using Nestor.Atoms;
using Nestor.Atoms.Neighbours;

namespace Nestor.Sampling.Engine;

/// <summary>
/// Random initial walkers as pymatnest builds them: volume from the V^N prior up to N max_volume_per_atom
/// (redrawn below the minimum volume), a cube randomised by shear and stretch proposals within the aspect-ratio
/// limit (no energy test), uniform random fractional positions (optionally at least a minimum distance apart),
/// and for MD velocities uniform in the ball KE &lt; KEmax.
/// </summary>
public static class WalkerInitialiser
{
    /// <summary>The species list, atom by atom.</summary>
    public static string[] Symbols(NestedSamplingOptions o) =>
        o.Atoms.SelectMany(a => Enumerable.Repeat(a.Symbol, a.Count)).ToArray();

    /// <summary>Builds walker <paramref name="index"/> with its own random stream.</summary>
    public static Walker Create(int index, WalkSettings set, WalkContext ctx, long seed)
    {
        var o = set.Options;
        var rng = ctx.Rng;
        rng.Reset(seed, -2, index);
        ctx.ResetWorkspace();
        int n = o.AtomCount;
        Cell cell;
        if (o.FixedCell is { } fc) cell = Cell.FromRowMajor(fc);
        else
        {
            double v;
            int tries = 0;
            do
            {
                v = set.MaxVolume * Math.Pow(rng.NextDoubleNonZero(), 1.0 / (n + 1));
                if (++tries > 100000) throw new NestedSamplingException("cannot draw an initial volume above min_volume_per_atom");
            } while (v < set.MinVolume);
            cell = Cell.Cubic(Math.Cbrt(v));
            for (int r = 0; r < o.CellShapeEquilSteps; r++)
            {
                bool shearFirst = rng.NextDouble() < 0.5;
                for (int q = 0; q < 2; q++)
                {
                    var kind = (q == 0) == shearFirst ? MoveKind.Shear : MoveKind.Stretch;
                    var c = CellMoves.Propose(kind, cell, rng, set.Steps, n, o.FlatVPrior, out _);
                    if (CellMoves.Allowed(c, set)) cell = c;
                }
            }
        }
        var symbols = Symbols(o);
        var s = new Structure(symbols, new double[3 * n], cell);
        var masses = new double[n];
        Array.Fill(masses, o.Mass);
        s.SetMasses(masses);
        var frac = new double[3 * n];
        NeighbourList? nl = o.MinInitialDistance > 0 ? new NeighbourList(o.MinInitialDistance, 0, half: true) : null;
        for (int attempt = 0; ; attempt++)
        {
            if (attempt >= 100)
                throw new NestedSamplingException(
                    $"could not place {n} atoms at least {o.MinInitialDistance} A apart in 100 tries (walker {index}, volume {cell.Volume:F1} A^3): lower the minimum distance or raise max_volume_per_atom");
            for (int k = 0; k < frac.Length; k++) frac[k] = rng.NextDouble();
            s.SetFractional(frac);
            if (nl is null) break;
            nl.Invalidate();
            nl.Update(s);
            bool ok = true;
            foreach (double r in nl.R) if (r < o.MinInitialDistance) { ok = false; break; }
            if (ok) break;
        }
        var w = new Walker(s);
        if (set.UsesVelocities)
        {
            w.PotentialEnergy = ctx.EnergyAndForces(set.Potential, s, w.Forces);
            w.ForcesValid = double.IsFinite(w.PotentialEnergy);
            MdAtomWalk.DrawVelocities(s, set.KEmax, rng, exactKE: false);
            w.KineticEnergy = Walker.ComputeKineticEnergy(s);
        }
        else
        {
            w.PotentialEnergy = ctx.Energy(set.Potential, s);
        }
        if (!double.IsFinite(w.PotentialEnergy))
            throw new NestedSamplingException($"initial walker {index}: the potential gave a non-finite energy");
        w.H = w.PotentialEnergy + set.Pressure * cell.Volume + w.KineticEnergy;
        WalkerWalk.Perturb(w, double.PositiveInfinity, o.EnergyPerturbation, rng);
        return w;
    }

    /// <summary>KEmax as pymatnest sets it: 1.5 N kB KEmax_max_T, or 1.5 P N max_volume_per_atom.</summary>
    public static double KEmax(NestedSamplingOptions o)
    {
        if (o.AtomAlgorithm != AtomAlgorithm.MD) return 0;
        if (o.KEmaxMaxT > 0) return 1.5 * o.AtomCount * o.KB * o.KEmaxMaxT;
        return 1.5 * o.Pressure * o.AtomCount * o.MaxVolumePerAtom;
    }
}
