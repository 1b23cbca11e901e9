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
    /// <summary>Potential evaluations made (all kinds).</summary>
    public long ModelCalls;
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

    /// <summary>Drops the potential's cached workspace so the next evaluation starts from scratch (makes walks reproducible on restart).</summary>
    public void ResetWorkspace() => Result.Workspace = null;

    /// <summary>Potential energy only.</summary>
    public double Energy(IPotential potential, Structure s)
    {
        ModelCalls++;
        potential.Compute(s, Quantities.Energy, Result);
        return Result.Energy;
    }

    /// <summary>Potential energy and forces (copied into <paramref name="forces"/>).</summary>
    public double EnergyAndForces(IPotential potential, Structure s, double[] forces)
    {
        ModelCalls++;
        potential.Compute(s, Quantities.Forces, Result);
        Array.Copy(Result.Forces, forces, forces.Length);
        return Result.Energy;
    }
}
