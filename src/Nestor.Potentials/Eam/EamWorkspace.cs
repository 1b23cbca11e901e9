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

    // lattice translation of every neighbour-list entry as an index into a small table of translations
    // (constant between rebuilds of the list): entry k's translation is Shifts[3 g .. 3 g + 2], g = Image[k]
    public int[] Image = [];
    public double[] Shifts = [];
    public long ShiftsOfBuild = -1;
    public NeighbourList? ShiftsOfList;
    public Cell ShiftsOfCell;

    // per row i, the entries within the cutoff, compacted to the front of the row: start[i] .. start[i] + InRange[i] - 1
    public int[] InRange = [];
    // the neighbour-list entry of each kept pair; fpair = -(fp_i A + fp_j B + C)
    public int[] K = [];
    public double[] A = [], B = [], C = [];

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
        if (A.Length < count)
        {
            int size = Math.Max(count, 2 * A.Length);
            A = new double[size]; B = new double[size]; C = new double[size]; K = new int[size];
        }
    }

    /// <summary>
    /// Brings <paramref name="nl"/> up to date for <paramref name="s"/> without refreshing its displacements
    /// (the potential computes them itself), and the per-entry lattice translations with it. Returns the positions
    /// the translations refer to: every atom shifted by the whole cells it lay outside the cell at the last build
    /// (in the current cell), so the translations stay small however far atoms have drifted. The displacement of
    /// entry k from i to j is local[j] - local[i] + Shifts[3 Image[k] ..].
    /// </summary>
    public double[] UpdateList(NeighbourList nl, Structure s)
    {
        int n = s.Count;
        if (nl.NeedsRebuild(s)) nl.Build(s, refresh: false);
        if (!ReferenceEquals(ShiftsOfList, nl) || ShiftsOfBuild != nl.Rebuilds) Translations(nl, s);
        else if (s.Cell != ShiftsOfCell) FillShifts(s.Cell); // the list survives small deformations: new translations only
        // local positions x_i - o_i H in the current cell
        var x = s.Positions;
        var c = s.Cell;
        for (int i = 0; i < n; i++)
        {
            double oa = Offsets[3 * i], ob = Offsets[3 * i + 1], oc = Offsets[3 * i + 2];
            Local[3 * i] = x[3 * i] - (oa * c.A.X + ob * c.B.X + oc * c.C.X);
            Local[3 * i + 1] = x[3 * i + 1] - (oa * c.A.Y + ob * c.B.Y + oc * c.C.Y);
            Local[3 * i + 2] = x[3 * i + 2] - (oa * c.A.Z + ob * c.B.Z + oc * c.C.Z);
        }
        return Local;
    }

    /// <summary>Per-atom whole-cell offsets o_i at the build, and every entry's translation n + o_j - o_i as a table index.</summary>
    private void Translations(NeighbourList nl, Structure s)
    {
        int n = s.Count;
        if (Offsets.Length < 3 * n) { Offsets = new int[3 * n]; Local = new double[3 * n]; }
        var pbc = s.Pbc;
        var rec = pbc[0] || pbc[1] || pbc[2] ? s.Cell.Reciprocal() : default;
        var x = s.Positions;
        for (int i = 0; i < n; i++)
        {
            var r = new Vec3(x[3 * i], x[3 * i + 1], x[3 * i + 2]);
            Offsets[3 * i] = pbc[0] ? (int)Math.Floor(r.Dot(rec.A)) : 0;
            Offsets[3 * i + 1] = pbc[1] ? (int)Math.Floor(r.Dot(rec.B)) : 0;
            Offsets[3 * i + 2] = pbc[2] ? (int)Math.Floor(r.Dot(rec.C)) : 0;
        }
        int count = nl.EntryCount;
        if (Image.Length < count) Image = new int[Math.Max(count, 2 * Image.Length)];
        EnsureEntries(count);
        // |n + o_j - o_i| <= (cutoff + skin) / height + 1 along a periodic axis (wrapped fractions differ by less
        // than one cell); two more for rounding at the edges
        var h = pbc[0] || pbc[1] || pbc[2] ? s.Cell.Heights() : default;
        double rl = nl.Cutoff + nl.Skin;
        int ra = pbc[0] ? (int)Math.Ceiling(rl / h.X) + 2 : 0;
        int rb = pbc[1] ? (int)Math.Ceiling(rl / h.Y) + 2 : 0;
        int rc = pbc[2] ? (int)Math.Ceiling(rl / h.Z) + 2 : 0;
        int db = 2 * rb + 1, dc = 2 * rc + 1;
        int cells = (2 * ra + 1) * db * dc;
        if (Shifts.Length < 3 * cells) Shifts = new double[3 * cells];
        _ra = ra; _rb = rb; _rc = rc;
        var start = nl.Start;
        var index = nl.Index;
        var ia = nl.ImageA; var ib = nl.ImageB; var ic = nl.ImageC;
        var off = Offsets;
        int amin = int.MaxValue, amax = int.MinValue, bmin = int.MaxValue, bmax = int.MinValue, emin = int.MaxValue, emax = int.MinValue;
        for (int i = 0; i < n; i++)
        {
            int oa = ra - off[3 * i], ob = rb - off[3 * i + 1], oc = rc - off[3 * i + 2];
            for (int k = start[i]; k < start[i + 1]; k++)
            {
                int j = index[k];
                int a = ia[k] + off[3 * j] + oa, b = ib[k] + off[3 * j + 1] + ob, e = ic[k] + off[3 * j + 2] + oc;
                if ((uint)a > 2u * (uint)ra || (uint)b > 2u * (uint)rb || (uint)e > 2u * (uint)rc)
                    throw new InvalidOperationException($"eam: neighbour-list image ({ia[k]}, {ib[k]}, {ic[k]}) of atoms {i}-{j} is further than the cutoff allows");
                Image[k] = (a * db + b) * dc + e;
                amin = Math.Min(amin, a); amax = Math.Max(amax, a);
                bmin = Math.Min(bmin, b); bmax = Math.Max(bmax, b);
                emin = Math.Min(emin, e); emax = Math.Max(emax, e);
            }
        }
        // only the translations in use are filled (and refilled when the cell changes)
        _used = count == 0 ? (0, -1, 0, -1, 0, -1) : (amin - ra, amax - ra, bmin - rb, bmax - rb, emin - rc, emax - rc);
        FillShifts(s.Cell);
        ShiftsOfList = nl;
        ShiftsOfBuild = nl.Rebuilds;
    }

    // whole-cell offsets of the atoms at the last build, and the positions shifted by them (UpdateList)
    public int[] Offsets = [];
    public double[] Local = [];

    private int _ra, _rb, _rc;
    private (int A0, int A1, int B0, int B1, int C0, int C1) _used;

    /// <summary>The table of lattice translations for the current list's images in cell <paramref name="c"/>.</summary>
    private void FillShifts(Cell c)
    {
        int ra = _ra, rb = _rb, rc = _rc, db = 2 * rb + 1, dc = 2 * rc + 1;
        var u = _used;
        for (int a = u.A0; a <= u.A1; a++)
        for (int b = u.B0; b <= u.B1; b++)
        for (int e = u.C0; e <= u.C1; e++)
        {
            int g = ((a + ra) * db + b + rb) * dc + e + rc;
            Shifts[3 * g] = a * c.A.X + b * c.B.X + e * c.C.X;
            Shifts[3 * g + 1] = a * c.A.Y + b * c.B.Y + e * c.C.Y;
            Shifts[3 * g + 2] = a * c.A.Z + b * c.B.Z + e * c.C.Z;
        }
        ShiftsOfCell = c;
    }

    /// <summary>Forces a fresh neighbour list and drops the single-move cache.</summary>
    public override void Invalidate()
    {
        Half.Invalidate();
        _full?.Invalidate();
        ShiftsOfList = null;
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
