namespace Nestor.Potentials.Ace;

/// <summary>
/// The committee spread as the paper's nested-sampling code writes it (<c>committee_std</c>): the RMS deviation of the
/// members from the main model, sqrt(mean_j (E_j - E)^2), in eV per cell (not the standard deviation about the
/// committee mean).
/// </summary>
public static class CommitteeSpread
{
    /// <summary>sqrt((1/M) sum_j (E_j - E)^2) in eV per cell.</summary>
    public static double PerCell(double mainEnergy, ReadOnlySpan<double> memberEnergies)
    {
        if (memberEnergies.Length == 0) throw new ArgumentException("the committee is empty");
        double s = 0;
        foreach (double e in memberEnergies) s += (e - mainEnergy) * (e - mainEnergy);
        return Math.Sqrt(s / memberEnergies.Length);
    }

    /// <summary>The spread per cell divided by the number of atoms (eV/atom).</summary>
    public static double PerAtom(double mainEnergy, ReadOnlySpan<double> memberEnergies, int atoms) =>
        PerCell(mainEnergy, memberEnergies) / atoms;
}
