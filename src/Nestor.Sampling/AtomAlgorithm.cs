namespace Nestor.Sampling;

/// <summary>How atoms move inside a walk (pymatnest's <c>atom_algorithm</c>).</summary>
public enum AtomAlgorithm
{
    /// <summary>Velocity-Verlet trajectories; the kinetic energy is part of the sampled enthalpy (nExtraDOF = 0).</summary>
    MD,
    /// <summary>Monte Carlo position moves; the analysis adds the ideal-gas kinetic energy (nExtraDOF = 3N).</summary>
    MC,
}

/// <summary>The kind of MC atom move.</summary>
public enum McAtomMove
{
    /// <summary>Sweeps of single-atom moves in random order, using the potential's one-atom energy change when it has one.</summary>
    SingleAtom,
    /// <summary>All atoms displaced at once, one energy call per move.</summary>
    AllAtoms,
}
