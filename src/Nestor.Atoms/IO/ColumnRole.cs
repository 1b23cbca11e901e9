namespace Nestor.Atoms.IO;

/// <summary>What an extended XYZ column maps to in a <see cref="Structure"/>.</summary>
internal enum ColumnRole
{
    /// <summary>A named per-atom array (<see cref="Structure.Arrays"/>).</summary>
    Array,
    /// <summary><c>species</c> (or ASE's alias <c>symbols</c>): element symbols.</summary>
    Species,
    /// <summary><c>pos</c> (or <c>positions</c>): Cartesian positions.</summary>
    Positions,
    /// <summary><c>Z</c> (or <c>numbers</c>): atomic numbers, checked against species.</summary>
    Numbers,
    /// <summary><c>masses</c>: <see cref="Structure.Masses"/>.</summary>
    Masses,
    /// <summary><c>momenta</c> (amu A / ASE time unit): velocities = momenta / masses.</summary>
    Momenta,
    /// <summary><c>velo</c> (QUIP/libAtoms convention, A/fs): converted to A per ASE time unit.</summary>
    Velo,
    /// <summary><c>velocities</c>: A per ASE time unit, stored as they are.</summary>
    Velocities,
}
