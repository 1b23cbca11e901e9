namespace Nestor.Labelling.Castep;

/// <summary>Which of the energies a .castep file prints was taken as the label.</summary>
public enum CastepEnergyKind
{
    /// <summary>"Total energy corrected for finite basis set" (printed with finite_basis_corr; what the paper's data holds).</summary>
    FiniteBasisCorrected,
    /// <summary>"Final free energy (E-TS)": the free energy, consistent with the forces.</summary>
    FreeEnergy,
    /// <summary>"Final energy, E" / "Final energy =" (insulators without smearing).</summary>
    FinalEnergy,
}
