namespace Nestor.Fitting.Design;

/// <summary>What a design-matrix row observes.</summary>
public enum RowKind : byte
{
    /// <summary>Total energy minus the one-body references (eV).</summary>
    Energy,
    /// <summary>One Cartesian force component (eV/A).</summary>
    Force,
    /// <summary>One Voigt virial component (eV).</summary>
    Virial,
}
