using Nestor.Atoms.Neighbours;

namespace Nestor.Potentials.LennardJones;

/// <summary>Per-thread scratch of a <see cref="LennardJonesPotential"/>: the last two half lists and the SIMD path's arrays.</summary>
internal sealed class LennardJonesWorkspace(double cutoff, double skin) : PotentialWorkspace
{
    public NeighbourListPair Lists { get; } = new(cutoff, skin, half: true);

    public PairScratch Scratch { get; } = new();

    public override void Invalidate() => Lists.Invalidate();
}
