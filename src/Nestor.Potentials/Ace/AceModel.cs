namespace Nestor.Potentials.Ace;

/// <summary>
/// A single-species ACE model: E = sum_i E0 + 1/2 sum_ij V(r_ij) + sum_i E_ACE,i. The pair and many-body parts are
/// optional; their committees, when present, have the same size.
/// </summary>
public sealed class AceModel
{
    /// <summary>Creates the model.</summary>
    public AceModel(string symbol, int atomicNumber, double e0, PairPotential? pair, AceManyBody? manyBody)
    {
        Symbol = symbol; AtomicNumber = atomicNumber; E0 = e0; Pair = pair; ManyBody = manyBody;
        int cp = pair?.CommitteeSize ?? 0, cm = manyBody?.CommitteeSize ?? 0;
        if (pair is not null && manyBody is not null && cp != cm)
            throw new ArgumentException($"pair committee has {cp} members, many-body committee {cm}");
        CommitteeSize = Math.Max(cp, cm);
    }

    /// <summary>Element symbol of the (only) species.</summary>
    public string Symbol { get; }

    /// <summary>Atomic number of the species.</summary>
    public int AtomicNumber { get; }

    /// <summary>Reference energy per atom (eV).</summary>
    public double E0 { get; }

    /// <summary>The pair potential, or null.</summary>
    public PairPotential? Pair { get; }

    /// <summary>The many-body part, or null.</summary>
    public AceManyBody? ManyBody { get; }

    /// <summary>Number of committee members (0 when the model has no committee).</summary>
    public int CommitteeSize { get; }

    /// <summary>The largest cutoff of the parts (Angstrom); 0 for a one-body-only model.</summary>
    public double Cutoff => Math.Max(Pair?.Cutoff ?? 0, ManyBody?.Cutoff ?? 0);
}
