namespace Nestor.Sampling.Engine;

/// <summary>The move types of a walk.</summary>
public enum MoveKind
{
    /// <summary>An MD trajectory or MC atom sweep(s).</summary>
    Atom = 0,
    /// <summary>Isotropic cell volume change.</summary>
    Volume = 1,
    /// <summary>Volume-preserving shear of one lattice vector.</summary>
    Shear = 2,
    /// <summary>Volume-preserving stretch along two Cartesian axes.</summary>
    Stretch = 3,
}
