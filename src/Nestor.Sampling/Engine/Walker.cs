using Nestor.Atoms;

namespace Nestor.Sampling.Engine;

/// <summary>
/// One walker: a configuration (positions, cell, velocities for MD) and its NS energy
/// H = E_pot + P V (+ KE with MD atom moves). Forces are cached from the last evaluation at these positions.
/// </summary>
public sealed class Walker
{
    /// <summary>Creates a walker around a structure.</summary>
    public Walker(Structure structure)
    {
        Structure = structure;
        Forces = new double[3 * structure.Count];
    }

    /// <summary>The configuration.</summary>
    public Structure Structure { get; }

    /// <summary>The NS energy that the ceiling applies to (eV), including the tie-breaking perturbation.</summary>
    public double H;

    /// <summary>Potential energy (eV).</summary>
    public double PotentialEnergy;

    /// <summary>Kinetic energy (eV); 0 without velocities.</summary>
    public double KineticEnergy;

    /// <summary>Forces at the current positions and cell (eV/A), valid when <see cref="ForcesValid"/>.</summary>
    public double[] Forces;

    /// <summary>True when <see cref="Forces"/> belong to the current positions and cell.</summary>
    public bool ForcesValid;

    /// <summary>The last iteration in which this walker was walked (-1: never).</summary>
    public long LastWalkedIteration = -1;

    /// <summary>Copies the whole state of <paramref name="other"/> into this walker (no allocation).</summary>
    public void CopyFrom(Walker other)
    {
        Structure.CopyStateFrom(other.Structure);
        H = other.H;
        PotentialEnergy = other.PotentialEnergy;
        KineticEnergy = other.KineticEnergy;
        ForcesValid = other.ForcesValid;
        if (other.ForcesValid) Array.Copy(other.Forces, Forces, Forces.Length);
        LastWalkedIteration = other.LastWalkedIteration;
    }

    /// <summary>A deep copy.</summary>
    public Walker Clone()
    {
        var w = new Walker(Structure.Clone());
        w.CopyFrom(this);
        return w;
    }

    /// <summary>Kinetic energy from the velocities and masses (eV; amu, A per ASE time unit).</summary>
    public static double ComputeKineticEnergy(Structure s)
    {
        var v = s.Velocities;
        if (v is null) return 0;
        var m = s.Masses;
        double ke = 0;
        for (int i = 0; i < m.Length; i++)
            ke += 0.5 * m[i] * (v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1] + v[3 * i + 2] * v[3 * i + 2]);
        return ke;
    }
}
