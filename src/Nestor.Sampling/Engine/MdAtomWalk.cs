namespace Nestor.Sampling.Engine;

/// <summary>
/// MD atom moves as pymatnest's <c>do_MD_atom_walk</c>: an NVE velocity-Verlet trajectory at fixed cell, accepted
/// as a whole iff H' = E_pot + P V + KE &lt; Emax and KE &lt; KEmax; on rejection the positions are restored and the
/// velocities reversed. Afterwards the velocities are resampled rejection-free inside the current energy shell.
/// </summary>
public static class MdAtomWalk
{
    /// <summary>One trajectory of <c>AtomTrajLength</c> steps. Returns true when accepted.</summary>
    public static bool Run(Walker w, WalkSettings set, WalkContext ctx)
    {
        var s = w.Structure;
        var x = s.Positions;
        var v = s.Velocities ?? throw new InvalidOperationException("MD walker without velocities");
        var m = s.Masses;
        var f = w.Forces;
        int n3 = x.Length;
        double dt = set.Steps.MdTimestep;
        double pv = set.Pressure * s.Cell.Volume;
        if (!w.ForcesValid)
        {
            w.PotentialEnergy = ctx.EnergyAndForces(set.Potential, s, f);
            w.ForcesValid = double.IsFinite(w.PotentialEnergy);
        }
        Array.Copy(x, ctx.SavedPositions, n3);
        Array.Copy(v, ctx.SavedVelocities, n3);
        Array.Copy(f, ctx.SavedForces, n3);
        double pe = w.PotentialEnergy;
        bool finite = w.ForcesValid;
        for (int step = 0; step < set.Options.AtomTrajLength && finite; step++)
        {
            for (int k = 0; k < n3; k++)
            {
                v[k] += 0.5 * dt * f[k] / m[k / 3];
                x[k] += dt * v[k];
            }
            pe = ctx.EnergyAndForces(set.Potential, s, f);
            // a blown-up trajectory (non-finite energy or forces) is a rejection, never a crash
            double fsum = 0;
            for (int k = 0; k < n3; k++) fsum += f[k] * 0;
            finite = double.IsFinite(pe) && fsum == 0;
            for (int k = 0; k < n3; k++) v[k] += 0.5 * dt * f[k] / m[k / 3];
        }
        double ke = Walker.ComputeKineticEnergy(s);
        double h = pe + pv + ke;
        bool accept = finite && double.IsFinite(h) && h < ctx.Emax && (set.KEmax <= 0 || ke < set.KEmax);
        if (accept)
        {
            w.PotentialEnergy = pe;
            w.KineticEnergy = ke;
            w.H = h;
            w.ForcesValid = true;
        }
        else
        {
            Array.Copy(ctx.SavedPositions, x, n3);
            for (int k = 0; k < n3; k++) v[k] = -ctx.SavedVelocities[k];
            Array.Copy(ctx.SavedForces, f, n3);
            w.ForcesValid = true;
            // H, E_pot and KE are unchanged by reversing the velocities
        }
        ctx.Stats.Record(MoveKind.Atom, accept);
        if (set.Options.VelocityPostPerturb) ResampleVelocities(w, set, ctx);
        return accept;
    }

    /// <summary>
    /// Rejection-free velocity resampling: a new KE drawn uniformly in the 3N-ball allowed by the ceiling
    /// (KEcap = min(Emax - E_pot - P V, KEmax)), direction turned by random Givens rotations of the
    /// mass-weighted velocity components by angles uniform in +-VelocityPerturbAngle.
    /// </summary>
    public static void ResampleVelocities(Walker w, WalkSettings set, WalkContext ctx)
    {
        var s = w.Structure;
        var v = s.Velocities!;
        var m = s.Masses;
        int n3 = v.Length;
        double hPot = w.PotentialEnergy + set.Pressure * s.Cell.Volume;
        double cap = ctx.Emax - hPot;
        if (set.KEmax > 0) cap = Math.Min(cap, set.KEmax);
        if (!(cap > 0)) return;
        var rng = ctx.Rng;
        // random pairs of components, each pair rotated in mass-weighted space
        var idx = ctx.Pairs;
        for (int k = 0; k < n3; k++) idx[k] = k;
        for (int k = n3 - 1; k > 0; k--) { int j = rng.NextInt(k + 1); (idx[k], idx[j]) = (idx[j], idx[k]); }
        double angle = set.Options.VelocityPerturbAngle;
        for (int p = 0; p + 1 < n3; p += 2)
        {
            int a = idx[p], b = idx[p + 1];
            double sa = Math.Sqrt(m[a / 3]), sb = Math.Sqrt(m[b / 3]);
            double ua = v[a] * sa, ub = v[b] * sb;
            double th = (2 * rng.NextDouble() - 1) * angle;
            double c = Math.Cos(th), sn = Math.Sin(th);
            v[a] = (c * ua - sn * ub) / sa;
            v[b] = (sn * ua + c * ub) / sb;
        }
        double keOld = Walker.ComputeKineticEnergy(s);
        double keNew = cap * Math.Pow(rng.NextDoubleNonZero(), 2.0 / n3);
        if (keOld > 0)
        {
            double scale = Math.Sqrt(keNew / keOld);
            for (int k = 0; k < n3; k++) v[k] *= scale;
        }
        else
        {
            DrawVelocities(s, keNew, rng, exactKE: true);
        }
        w.KineticEnergy = Walker.ComputeKineticEnergy(s);
        w.H = hPot + w.KineticEnergy;
    }

    /// <summary>
    /// Draws velocities with a uniformly random direction in mass-weighted space; with <paramref name="exactKE"/>
    /// the KE equals <paramref name="ke"/>, otherwise the velocity is uniform in the ball KE &lt; <paramref name="ke"/>.
    /// </summary>
    public static void DrawVelocities(Nestor.Atoms.Structure s, double ke, NsRandom rng, bool exactKE)
    {
        var v = s.Velocities ??= new double[3 * s.Count];
        var m = s.Masses;
        int n3 = v.Length;
        double norm2 = 0;
        for (int k = 0; k < n3; k++) { double g = rng.NextGaussian(); v[k] = g; norm2 += g * g; }
        double target = exactKE ? ke : ke * Math.Pow(rng.NextDoubleNonZero(), 2.0 / n3);
        // mass-weighted unit vector u: v_k = sqrt(2 KE) u_k / sqrt(m)
        double scale = Math.Sqrt(2 * target / norm2);
        for (int k = 0; k < n3; k++) v[k] *= scale / Math.Sqrt(m[k / 3]);
    }
}
