using Nestor.Atoms.Neighbours;

namespace Nestor.Potentials.Ace;

/// <summary>The scratch an <see cref="AcePotential"/> keeps in a <see cref="PotentialResult"/>: neighbour list, per-pair gradients, per-thread site scratch.</summary>
internal sealed class AceWorkspace(NeighbourList? list) : PotentialWorkspace
{
    public NeighbourList? List { get; } = list;
    public double[] PairGradient = [];   // 3 per neighbour-list entry: dE_i/dR_ij
    public double[] SiteEnergy = [];     // per atom
    public double[] ChunkSums = [];      // per chunk: sums of Re(AA_k) and of 1/2 P_n (committee)
    public AceSiteScratch[] Threads = [];
    public double[] ChunkVirial = [];    // 9 per chunk
    public int[] IncomingStart = [];     // per atom: entries k of the list with Index[k] == atom (CSR)
    public int[] IncomingEntries = [];
    public long IncomingFor = -1;        // the list's rebuild count the incoming lists were built for

    /// <inheritdoc/>
    public override void Invalidate()
    {
        List?.Invalidate();
        IncomingFor = -1;
    }
}
