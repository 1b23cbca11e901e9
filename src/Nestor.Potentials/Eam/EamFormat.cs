namespace Nestor.Potentials.Eam;

/// <summary>The two multi-element tabulated EAM file formats LAMMPS reads.</summary>
public enum EamFormat
{
    /// <summary>
    /// DYNAMO setfl (LAMMPS <c>pair_style eam/alloy</c>): per element F(rho) and one density function rho(r);
    /// the density an atom receives depends only on the element of the neighbour.
    /// </summary>
    Alloy,

    /// <summary>
    /// Finnis-Sinclair (LAMMPS <c>pair_style eam/fs</c>): per element F(rho) and one density function per
    /// element pair, so the density also depends on the element of the receiving atom.
    /// </summary>
    FinnisSinclair,
}
