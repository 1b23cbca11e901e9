using Nestor.Atoms;

namespace Nestor.Potentials;

/// <summary>What a potential evaluation should produce. The energy is always computed.</summary>
[Flags]
public enum Quantities
{
    /// <summary>Total energy only.</summary>
    Energy = 0,
    /// <summary>Forces on every atom (eV/A).</summary>
    Forces = 1,
    /// <summary>The virial tensor (eV).</summary>
    Virial = 2,
    /// <summary>Per-atom energies (eV), summing to the total.</summary>
    AtomEnergies = 4,
    /// <summary>Everything.</summary>
    All = Forces | Virial | AtomEnergies,
}

/// <summary>
/// An interatomic potential (a "calculator" in ASE's words, a pair style in LAMMPS's). Implementations are
/// immutable and thread-safe: all per-call state lives in the <see cref="PotentialResult"/> passed in, so each
/// thread (or walker) keeps its own result object and reuses it without allocating.
/// </summary>
public interface IPotential
{
    /// <summary>The spec string that recreates this potential (e.g. <c>eam:Mg1.eam.fs</c>).</summary>
    string Spec { get; }

    /// <summary>Interaction range (Angstrom).</summary>
    double Cutoff { get; }

    /// <summary>
    /// The element symbols this potential knows, or null when it accepts any species (e.g. Lennard-Jones).
    /// </summary>
    IReadOnlyList<string>? Species { get; }

    /// <summary>
    /// Evaluates the structure: energy (eV) always; forces (eV/A), virial (eV, row-major 3x3,
    /// virial = -stress x volume, positive under compression) and per-atom energies as requested.
    /// </summary>
    void Compute(Structure structure, Quantities quantities, PotentialResult result);
}

/// <summary>
/// A potential that can give the energy change of moving one atom cheaply, for single-atom Monte Carlo.
/// </summary>
public interface ISingleAtomMoves : IPotential
{
    /// <summary>
    /// E(structure with atom <paramref name="atom"/> at <paramref name="newPosition"/>) - E(structure), in eV.
    /// The structure is not modified.
    /// </summary>
    double EnergyChange(Structure structure, int atom, Vec3 newPosition, PotentialResult scratch);
}

/// <summary>A potential that carries a committee of models for uncertainty estimates.</summary>
public interface ICommitteePotential : IPotential
{
    /// <summary>Number of committee members.</summary>
    int CommitteeSize { get; }

    /// <summary>
    /// Evaluates the main model like <see cref="IPotential.Compute"/> and also fills
    /// <paramref name="committeeEnergies"/> (eV per cell, one per member).
    /// </summary>
    void ComputeCommittee(Structure structure, Quantities quantities, PotentialResult result, Span<double> committeeEnergies);
}
