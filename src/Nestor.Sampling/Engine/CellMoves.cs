using Nestor.Atoms;

namespace Nestor.Sampling.Engine;

/// <summary>
/// pymatnest's cell moves: isotropic volume change with the V^N acceptance factor, volume-preserving shear of
/// one lattice vector within the plane of the other two, and volume-preserving stretch of two Cartesian axes.
/// Atoms keep their fractional coordinates; velocities are unchanged.
/// </summary>
public static class CellMoves
{
    /// <summary>
    /// Proposes a new cell. <paramref name="acceptFactor"/> is the Metropolis factor of the proposal (the prior
    /// Jacobian min(1, (V'/V)^N) for volume moves, 1 otherwise).
    /// </summary>
    public static Cell Propose(MoveKind kind, Cell cell, NsRandom rng, StepSizes steps, int atoms, bool flatPrior, out double acceptFactor)
    {
        acceptFactor = 1;
        switch (kind)
        {
            case MoveKind.Volume:
            {
                double v = cell.Volume;
                double vNew = Math.Abs(v + rng.NextGaussian() * steps.Volume * atoms);
                if (vNew == 0) { acceptFactor = 0; return cell; }
                if (!flatPrior) acceptFactor = Math.Min(1.0, Math.Pow(vNew / v, atoms));
                return cell.Scale(Math.Cbrt(vNew / v));
            }
            case MoveKind.Shear:
            {
                int i = rng.NextInt(3);
                Vec3 aj = cell[(i + 1) % 3], ak = cell[(i + 2) % 3];
                Vec3 e1 = aj * (1 / aj.Norm());
                Vec3 p = ak - e1 * ak.Dot(e1);
                Vec3 e2 = p * (1 / p.Norm());
                Vec3 shift = e1 * (rng.NextGaussian() * steps.Shear) + e2 * (rng.NextGaussian() * steps.Shear);
                return i switch
                {
                    0 => new Cell(cell.A + shift, cell.B, cell.C),
                    1 => new Cell(cell.A, cell.B + shift, cell.C),
                    _ => new Cell(cell.A, cell.B, cell.C + shift),
                };
            }
            case MoveKind.Stretch:
            {
                int i = rng.NextInt(3);
                int j = (i + 1 + rng.NextInt(2)) % 3;
                double r = rng.NextGaussian() * steps.Stretch;
                double fi = Math.Exp(r), fj = Math.Exp(-r);
                Vec3 Map(Vec3 v)
                {
                    double x = v.X, y = v.Y, z = v.Z;
                    if (i == 0) x *= fi; else if (i == 1) y *= fi; else z *= fi;
                    if (j == 0) x *= fj; else if (j == 1) y *= fj; else z *= fj;
                    return new Vec3(x, y, z);
                }
                return new Cell(Map(cell.A), Map(cell.B), Map(cell.C));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a cell move");
        }
    }

    /// <summary>True when the cell satisfies the volume bounds and the minimum aspect ratio.</summary>
    public static bool Allowed(Cell cell, WalkSettings set) =>
        cell.Volume >= set.MinVolume && cell.Volume <= set.MaxVolume && cell.MinAspectRatio() >= set.Options.MinAspectRatio;

    /// <summary>
    /// One cell move of <paramref name="w"/> under the current ceiling (pymatnest's <c>do_cell_step</c>):
    /// Metropolis factor, volume bounds, aspect ratio, then one energy call; accepted iff H' &lt; Emax.
    /// </summary>
    public static bool Step(Walker w, MoveKind kind, WalkSettings set, WalkContext ctx)
    {
        var s = w.Structure;
        var old = s.Cell;
        var proposed = Propose(kind, old, ctx.Rng, set.Steps, set.AtomCount, set.Options.FlatVPrior, out double p);
        bool accepted = false;
        if (p > 0 && (p >= 1 || ctx.Rng.NextDouble() < p) && Allowed(proposed, set))
        {
            Array.Copy(s.Positions, ctx.SavedPositions, ctx.SavedPositions.Length);
            s.SetCell(proposed, scaleAtoms: true);
            double pe = ctx.Energy(set.Potential, s);
            double h = pe + set.Pressure * proposed.Volume + w.KineticEnergy;
            if (double.IsFinite(h) && h < ctx.Emax)
            {
                w.PotentialEnergy = pe;
                w.H = h;
                w.ForcesValid = false;
                accepted = true;
            }
            else
            {
                Array.Copy(ctx.SavedPositions, s.Positions, ctx.SavedPositions.Length);
                s.Cell = old;
            }
        }
        ctx.Stats.Record(kind, accepted);
        return accepted;
    }
}
