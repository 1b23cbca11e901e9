namespace Nestor.Fitting;

/// <summary>Shape checks shared by every <see cref="ILinearBasis.Evaluate"/> implementation.</summary>
public static class LinearBasisRows
{
    /// <summary>
    /// Checks the output spans for <paramref name="atoms"/> atoms and <paramref name="m"/> basis functions (an empty
    /// span means "not wanted") and tells which rows are wanted: forces, virial, site energies.
    /// </summary>
    public static (bool Forces, bool Virial, bool Sites) Check(int atoms, int m, ReadOnlySpan<double> energy,
        ReadOnlySpan<double> forces, ReadOnlySpan<double> virial, ReadOnlySpan<double> siteEnergies)
    {
        if (energy.Length != m) throw new ArgumentException($"energy row needs {m} entries");
        bool wantF = forces.Length > 0, wantV = virial.Length > 0, wantA = siteEnergies.Length > 0;
        if (wantA && siteEnergies.Length != atoms * m) throw new ArgumentException($"site-energy rows need {atoms * m} entries");
        if (wantF && forces.Length != 3 * atoms * m) throw new ArgumentException($"force rows need {3 * atoms * m} entries");
        if (wantV && virial.Length != 6 * m) throw new ArgumentException($"virial rows need {6 * m} entries");
        return (wantF, wantV, wantA);
    }
}
