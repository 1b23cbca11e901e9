using System.Diagnostics;
using Nestor.Atoms;
using Nestor.Potentials;

namespace Nestor.Sampling.Engine;

/// <summary>
/// Per-worker scratch for walking: the potential's result object, the random stream and saved-state buffers.
/// One per parallel slot; never shared between threads at the same time.
/// </summary>
public sealed class WalkContext
{
    /// <summary>Creates scratch for walkers of <paramref name="atoms"/> atoms.</summary>
    public WalkContext(int atoms)
    {
        SavedPositions = new double[3 * atoms];
        SavedVelocities = new double[3 * atoms];
        SavedForces = new double[3 * atoms];
        Order = new int[atoms];
        Pairs = new int[3 * atoms];
    }

    /// <summary>The potential's output and workspace.</summary>
    public PotentialResult Result { get; } = new();
    /// <summary>The random stream (re-seeded for every walk).</summary>
    public NsRandom Rng { get; } = new(0);
    /// <summary>Move statistics since the last reset.</summary>
    public MoveStatistics Stats { get; } = new();
    /// <summary>The energy ceiling of the walk this context is running (eV).</summary>
    public double Emax;
    /// <summary>Set by another thread to stop the walk in progress early (a speculative walk whose plan turned out wrong).</summary>
    public volatile bool Abandoned;
    /// <summary>Potential evaluations made (all kinds).</summary>
    public long ModelCalls;
    /// <summary>Stopwatch ticks spent inside the potential.</summary>
    public long PotentialTicks;
    /// <summary>Stopwatch ticks spent inside the potential during walks.</summary>
    public long WalkPotentialTicks;
    /// <summary>Saved positions for rejection.</summary>
    public readonly double[] SavedPositions;
    /// <summary>Saved velocities for rejection.</summary>
    public readonly double[] SavedVelocities;
    /// <summary>Saved forces for rejection.</summary>
    public readonly double[] SavedForces;
    /// <summary>Scratch permutation of atoms.</summary>
    public readonly int[] Order;
    /// <summary>Scratch permutation of velocity components.</summary>
    public readonly int[] Pairs;

    /// <summary>
    /// Makes the potential forget what it cached (neighbour lists), keeping its buffers, so the next evaluation
    /// starts from scratch: walks are then reproducible on restart and independent of what the slot did before.
    /// </summary>
    public void ResetWorkspace() => (Result.Workspace as PotentialWorkspace)?.Invalidate();

    /// <summary>Potential energy only; NaN (a rejection for every move) when the configuration cannot be evaluated.</summary>
    public double Energy(IPotential potential, Structure s)
    {
        ModelCalls++;
        if (!Evaluable(s)) return double.NaN;
        long t0 = Stopwatch.GetTimestamp();
        potential.Compute(s, Quantities.Energy, Result);
        PotentialTicks += Stopwatch.GetTimestamp() - t0;
        return Result.Energy;
    }

    /// <summary>
    /// Potential energy and forces (copied into <paramref name="forces"/>); NaN energy when the configuration cannot
    /// be evaluated (a blown-up MD trajectory with non-finite or absurdly distant atoms), which callers reject.
    /// </summary>
    public double EnergyAndForces(IPotential potential, Structure s, double[] forces)
    {
        ModelCalls++;
        if (!Evaluable(s))
        {
            Array.Fill(forces, double.NaN);
            return double.NaN;
        }
        long t0 = Stopwatch.GetTimestamp();
        potential.Compute(s, Quantities.Forces, Result);
        PotentialTicks += Stopwatch.GetTimestamp() - t0;
        Array.Copy(Result.Forces, forces, forces.Length);
        return Result.Energy;
    }

    /// <summary>Energy change of moving one atom (the potential's single-atom path), timed as a model call.</summary>
    public double EnergyChange(ISingleAtomMoves single, Structure s, int atom, Vec3 position)
    {
        ModelCalls++;
        long t0 = Stopwatch.GetTimestamp();
        double de = single.EnergyChange(s, atom, position, Result);
        PotentialTicks += Stopwatch.GetTimestamp() - t0;
        return de;
    }

    /// <summary>
    /// False when a position is non-finite or more than 1e6 Angstrom from the origin: such a configuration comes
    /// only from a trajectory that blew up, and evaluating it would just fail inside the potential.
    /// </summary>
    private static bool Evaluable(Structure s)
    {
        foreach (double x in s.Positions)
            if (!(Math.Abs(x) < 1e6)) return false;
        return true;
    }
}
