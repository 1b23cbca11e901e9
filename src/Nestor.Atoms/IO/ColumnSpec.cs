namespace Nestor.Atoms.IO;

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
