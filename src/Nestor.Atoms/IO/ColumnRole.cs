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

/// <summary>One column group of the Properties specification.</summary>
internal readonly record struct ColumnSpec(string Name, PropertyKind Kind, int Width, ColumnRole Role)
{
    /// <summary>The role a column name has (names are case-sensitive, as in ASE).</summary>
    public static ColumnRole RoleOf(string name) => name switch
    {
        "species" or "symbols" => ColumnRole.Species,
        "pos" or "positions" => ColumnRole.Positions,
        "Z" or "numbers" => ColumnRole.Numbers,
        "masses" => ColumnRole.Masses,
        "momenta" => ColumnRole.Momenta,
        "velo" => ColumnRole.Velo,
        "velocities" => ColumnRole.Velocities,
        _ => ColumnRole.Array,
    };

    /// <summary>The extended XYZ type letter of a kind.</summary>
    public static char Letter(PropertyKind kind) => kind switch
    {
        PropertyKind.Real => 'R',
        PropertyKind.Integer => 'I',
        PropertyKind.String => 'S',
        _ => 'L',
    };
}
