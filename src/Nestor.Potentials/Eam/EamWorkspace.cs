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

    /// <summary>Half list for serial evaluation.</summary>
    public NeighbourList Half { get; } = new(cutoff, skin, half: true);

    /// <summary>Full list for the parallel evaluation (made on first use).</summary>
    public NeighbourList Full => _full ??= new NeighbourList(cutoff, skin, half: false);

    public int[] Types = [];
    public double[] Rho = [];
    public double[] Fp = [];

    // lattice translation of every neighbour-list entry (constant between rebuilds of the list)
    public double[] ShiftX = [], ShiftY = [], ShiftZ = [];
    public long ShiftsOfBuild = -1;
    public NeighbourList? ShiftsOfList;

    // per row i, the entries within the cutoff, compacted to the front of the row: start[i] .. start[i] + InRange[i] - 1
    public int[] InRange = [];
    public int[] J = [];
    public double[] Dx = [], Dy = [], Dz = [];
    // fpair = -(fp_i A + fp_j B + C)
    public double[] A = [], B = [], C = [];

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
        if (A.Length < count)
        {
            int size = Math.Max(count, 2 * A.Length);
            A = new double[size]; B = new double[size]; C = new double[size];
            J = new int[size]; Dx = new double[size]; Dy = new double[size]; Dz = new double[size];
        }
    }

    /// <summary>
    /// Brings <paramref name="nl"/> up to date for <paramref name="s"/> without refreshing its displacements
    /// (the potential computes them itself), and the per-entry lattice translations with it.
    /// </summary>
    public void UpdateList(NeighbourList nl, Structure s)
    {
        if (nl.NeedsRebuild(s)) nl.Build(s);
        if (ReferenceEquals(ShiftsOfList, nl) && ShiftsOfBuild == nl.Rebuilds) return;
        int count = nl.EntryCount;
        if (ShiftX.Length < count)
        {
            int size = Math.Max(count, 2 * ShiftX.Length);
            ShiftX = new double[size]; ShiftY = new double[size]; ShiftZ = new double[size];
        }
        EnsureEntries(count);
        var c = s.Cell;
        var ia = nl.ImageA; var ib = nl.ImageB; var ic = nl.ImageC;
        for (int k = 0; k < count; k++)
        {
            double na = ia[k], nb = ib[k], nc = ic[k];
            ShiftX[k] = na * c.A.X + nb * c.B.X + nc * c.C.X;
            ShiftY[k] = na * c.A.Y + nb * c.B.Y + nc * c.C.Y;
            ShiftZ[k] = na * c.A.Z + nb * c.B.Z + nc * c.C.Z;
        }
        ShiftsOfList = nl;
        ShiftsOfBuild = nl.Rebuilds;
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
