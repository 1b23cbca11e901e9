using Nestor.Atoms;
using Nestor.Atoms.Neighbours;

namespace Nestor.Potentials.Eam;

/// <summary>
/// Per-thread scratch of an <see cref="EamPotential"/>, kept in a <see cref="PotentialResult"/>: neighbour lists,
/// per-atom densities and embedding derivatives, per-entry force coefficients, and the cached densities of the
/// last structure seen, which single-atom moves update incrementally.
/// </summary>
internal sealed class EamWorkspace(double cutoff, double skin) : PotentialWorkspace
{
    private NeighbourList? _full;

    /// <summary>Half lists for serial evaluation (the last two built: a rejected trial move reuses the earlier one).</summary>
    public NeighbourListPair Halves { get; } = new(cutoff, skin, half: true);

    /// <summary>Full list for the parallel evaluation (made on first use).</summary>
    public NeighbourList Full => _full ??= new NeighbourList(cutoff, skin, half: false);

    public int[] Types = [];
    public double[] Rho = [];
    public double[] Fp = [];

    // lattice translation of every neighbour-list entry (the list's own arrays, see UpdateList):
    // entry k's translation is Shifts[3 g .. 3 g + 2], g = Image[k]
    public int[] Image = [];
    public double[] Shifts = [];

    // per row i, the entries within the cutoff, compacted to the front of the row: start[i] .. start[i] + InRange[i] - 1
    public int[] InRange = [];
    // the neighbour-list entry of each kept pair; fpair = -(fp_i A + fp_j B + C)
    public int[] K = [];
    // serial path: the neighbour atom and the displacement (x, y, z) of each kept pair, for pass 2
    public int[] J = [];
    public double[] D = [];
    public double[] A = [], B = [], C = [];
    // SIMD path (EamPotential.Vector.cs): the packed pairs (their densities in Pairs.Value) and their pair energies
    public PairScratch Pairs { get; } = new();
    public double[] PhiPair = [];

    // the parallel evaluation's reusable job (EamPotential.ParallelJob)
    public object? Job;

    // per chunk partial sums for the parallel path: energy + 6 virial components
    public double[] ChunkSums = [];

    // ---- cache for single-atom moves ----
    public bool CacheValid;
    public int CacheAtoms = -1;
    public Cell CacheCell;
    public bool CachePbcA, CachePbcB, CachePbcC;
    public double[] CachePositions = [];
    public int[] CacheTypes = [];
    public double[] CacheRho = [];

    // the last proposed move: atom, new position, density changes of the touched atoms, new density of the atom
    public int PendingAtom = -1;
    public Vec3 PendingPosition;
    public double PendingRho;
    public double[] Delta = [];
    public int[] Touched = [];
    public int TouchedCount;
    public int[] Stamp = [];
    public int StampValue;

    public void EnsureAtoms(int n)
    {
        if (Types.Length < n)
        {
            Types = new int[n]; Rho = new double[n]; Fp = new double[n]; InRange = new int[n];
        }
    }

    public void EnsureEntries(int count)
    {
        count += 4; // room for one SIMD vector of padding past the last entry
        if (A.Length < count)
        {
            int size = Math.Max(count, 2 * A.Length);
            A = new double[size]; B = new double[size]; C = new double[size]; K = new int[size];
            J = new int[size]; D = new double[3 * size];
            PhiPair = new double[size];
        }
    }

    /// <summary>
    /// Brings <paramref name="nl"/> up to date for <paramref name="s"/> (<see cref="NeighbourList.Prepare"/>) and
    /// points <see cref="Image"/>, <see cref="Shifts"/> and <see cref="Local"/> at its translations. Returns the
    /// local positions: the displacement of entry k from i to j is Local[j] - Local[i] + Shifts[3 Image[k] ..].
    /// </summary>
    public double[] UpdateList(NeighbourList nl, Structure s)
    {
        var (local, shifts, code) = nl.Prepare(s);
        EnsureEntries(nl.EntryCount);
        Local = local; Shifts = shifts; Image = code;
        return local;
    }

    // the positions UpdateList returned last
    public double[] Local = [];

    /// <summary>Forces a fresh neighbour list and drops the single-move cache.</summary>
    public override void Invalidate()
    {
        Halves.Invalidate();
        _full?.Invalidate();
        CacheValid = false;
    }

    public void EnsureChunks(int chunks)
    {
        if (ChunkSums.Length < 8 * chunks) ChunkSums = new double[8 * chunks];
    }

    /// <summary>Stores the densities just computed for <paramref name="s"/> as the single-move cache.</summary>
    public void SaveCache(Structure s, int n)
    {
        if (CachePositions.Length < 3 * n)
        {
            CachePositions = new double[3 * n]; CacheTypes = new int[n]; CacheRho = new double[n];
            Delta = new double[n]; Touched = new int[n]; Stamp = new int[n];
        }
        Array.Copy(s.Positions, CachePositions, 3 * n);
        Array.Copy(Types, CacheTypes, n);
        Array.Copy(Rho, CacheRho, n);
        CacheAtoms = n;
        CacheCell = s.Cell;
        CachePbcA = s.Pbc[0]; CachePbcB = s.Pbc[1]; CachePbcC = s.Pbc[2];
        CacheValid = true;
        PendingAtom = -1;
        for (int t = 0; t < TouchedCount; t++) Delta[Touched[t]] = 0;
        TouchedCount = 0;
    }
}
