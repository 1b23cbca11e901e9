using System.Runtime.CompilerServices;

namespace Nestor.Atoms.Neighbours;

/// <summary>
/// A Verlet neighbour list for periodic triclinic cells of any size, including cells smaller than the cutoff
/// (many periodic images of the same atom), partly periodic and isolated structures.
/// </summary>
/// <remarks>
/// Storage is CSR: the entries of atom i are <c>Start[i] .. Start[i+1]-1</c>; entry k names the neighbour atom
/// <c>Index[k]</c> and the lattice translation <c>(ImageA[k], ImageB[k], ImageC[k])</c> such that the displacement
/// from i to the neighbour is d = r_j - r_i + n_a a + n_b b + n_c c, with r the positions as stored in the structure
/// (atoms need not be wrapped into the cell). <see cref="Dx"/>, <see cref="Dy"/>, <see cref="Dz"/> and
/// <see cref="R"/> hold the current displacement and distance of every entry.
///
/// A full list holds every neighbour of every atom; a half list holds each pair once (i &lt; j, or i = j with a
/// lexicographically positive image). The list keeps all pairs within cutoff + skin; callers must test
/// <c>R[k] &lt; cutoff</c>. <see cref="Update"/> rebuilds only when the two largest atom moves add up to more than the skin or the cell
/// has changed, otherwise it just refreshes the displacements. Building costs O(N) by binning in space.
/// Reusing one instance allocates nothing once its buffers have grown.
/// </remarks>
public sealed partial class NeighbourList
{
    private int[] _start = new int[1];
    private int[] _index = [];
    private int[] _ia = [], _ib = [], _ic = [];
    private double[] _dx = [], _dy = [], _dz = [], _r = [];
    private int _count;

    // state at the last build
    private double[] _refPositions = [];
    private Cell _refCell;
    private bool[] _refPbc = [false, false, false];
    private int _refAtoms = -1;

    // scratch for building
    private double[] _wrapped = [];
    private double[] _px = [], _py = [], _pz = [];
    private int[] _patom = [], _pna = [], _pnb = [], _pnc = [];
    private int[] _binStart = [], _binOf = [], _binItems = [];

    /// <summary>Creates a list for a cutoff (Angstrom) and skin (Angstrom), full or half.</summary>
    public NeighbourList(double cutoff, double skin = 0.0, bool half = false)
    {
        if (!(cutoff > 0)) throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "cutoff must be positive");
        if (!(skin >= 0)) throw new ArgumentOutOfRangeException(nameof(skin), skin, "skin must be non-negative");
        Cutoff = cutoff;
        Skin = skin;
        Half = half;
    }

    /// <summary>Interaction cutoff (Angstrom).</summary>
    public double Cutoff { get; }

    /// <summary>Extra distance kept in the list so it can be reused while atoms move (Angstrom).</summary>
    public double Skin { get; }

    /// <summary>True when each pair is stored once.</summary>
    public bool Half { get; }

    /// <summary>Number of atoms the list was built for.</summary>
    public int AtomCount => _refAtoms < 0 ? 0 : _refAtoms;

    /// <summary>Total number of entries.</summary>
    public int EntryCount => _count;

    /// <summary>Number of full rebuilds so far (for diagnostics and benchmarks).</summary>
    public long Rebuilds { get; private set; }

    /// <summary>CSR row starts, length AtomCount + 1.</summary>
    public ReadOnlySpan<int> Start => _start.AsSpan(0, AtomCount + 1);
    /// <summary>Neighbour atom index per entry.</summary>
    public ReadOnlySpan<int> Index => _index.AsSpan(0, _count);
    /// <summary>Image along a per entry.</summary>
    public ReadOnlySpan<int> ImageA { get { EnsureImages(); return _ia.AsSpan(0, _count); } }
    /// <summary>Image along b per entry.</summary>
    public ReadOnlySpan<int> ImageB { get { EnsureImages(); return _ib.AsSpan(0, _count); } }
    /// <summary>Image along c per entry.</summary>
    public ReadOnlySpan<int> ImageC { get { EnsureImages(); return _ic.AsSpan(0, _count); } }
    /// <summary>Displacement x (Angstrom) per entry.</summary>
    public ReadOnlySpan<double> Dx => _dx.AsSpan(0, _count);
    /// <summary>Displacement y (Angstrom) per entry.</summary>
    public ReadOnlySpan<double> Dy => _dy.AsSpan(0, _count);
    /// <summary>Displacement z (Angstrom) per entry.</summary>
    public ReadOnlySpan<double> Dz => _dz.AsSpan(0, _count);
    /// <summary>Distance (Angstrom) per entry.</summary>
    public ReadOnlySpan<double> R => _r.AsSpan(0, _count);

    /// <summary>Raw arrays for hot loops (valid indices 0 .. EntryCount-1).</summary>
    public (int[] Start, int[] Index, double[] Dx, double[] Dy, double[] Dz, double[] R) Raw => (_start, _index, _dx, _dy, _dz, _r);

    /// <summary>Forces the next <see cref="Update"/> to rebuild.</summary>
    public void Invalidate() => _refAtoms = -1;

    /// <summary>
    /// Brings the list up to date for the structure: a full rebuild when needed, otherwise a refresh of the
    /// displacements. Returns true when it rebuilt.
    /// </summary>
    public bool Update(Structure s)
    {
        if (NeedsRebuild(s)) { Build(s); return true; }
        Refresh(s);
        return false;
    }

    /// <summary>
    /// True when the list cannot be reused for this structure. A pair's distance changes by at most |u_i| + |u_j|
    /// when its atoms move by u_i and u_j (an atom's own images move with it), so without a cell change the list
    /// holds every pair within the cutoff while the two largest moves since the build add up to at most the skin
    /// (LAMMPS's rule, twice the largest, is the special case of equal moves). With a changed cell of a fully
    /// periodic structure (NS cell moves, NPT): the deformation F = H0^-1 H (rows are lattice vectors) and the atoms'
    /// moves u_i in the frame of the reference cell bound every current distance from below by
    /// s_min(F) (|d0| - |u_i| - |u_j|), so the list (which holds every pair with |d0| &lt; cutoff + skin) still holds
    /// every pair within the cutoff iff s_min(F) (cutoff + skin - u_1 - u_2) &gt;= cutoff, u_1 and u_2 the two largest.
    /// </summary>
    public bool NeedsRebuild(Structure s)
    {
        if (_refAtoms != s.Count) return true;
        var pbc = s.Pbc;
        if (pbc[0] != _refPbc[0] || pbc[1] != _refPbc[1] || pbc[2] != _refPbc[2]) return true;
        if (Skin == 0) return true;
        var p = s.Positions;
        var cell = s.Cell;
        double first = 0, second = 0; // the two largest squared moves
        if (cell == _refCell)
        {
            double lim = Skin * Skin;
            for (int i = 0; i < p.Length; i += 3)
            {
                double dx = p[i] - _refPositions[i], dy = p[i + 1] - _refPositions[i + 1], dz = p[i + 2] - _refPositions[i + 2];
                double u2 = dx * dx + dy * dy + dz * dz;
                if (u2 > second)
                {
                    if (u2 > lim) return true;
                    if (u2 > first) { second = first; first = u2; } else second = u2;
                }
            }
            return Math.Sqrt(first) + Math.Sqrt(second) > Skin * (1 - 1e-12);
        }
        if (!(pbc[0] && pbc[1] && pbc[2]) || !(cell.Volume > 0)) return true;
        double smin = Deformation.SmallestStretch(_refCell, cell);
        // the moves allowed: s_min (rl - u_1 - u_2) >= rc, with a relative margin for rounding
        double rl = Cutoff + Skin;
        double budget = rl - Cutoff * (1 + 1e-12) / smin;
        if (!(budget > 0)) return true;
        double b2 = budget * budget;
        // u_i = x_i H^-1 H0 - x0_i: the current position carried back to the reference cell at fixed fractions
        Span<double> g = stackalloc double[9];
        Deformation.BackMap(cell, _refCell, g);
        for (int i = 0; i < p.Length; i += 3)
        {
            double x = p[i], y = p[i + 1], z = p[i + 2];
            double dx = x * g[0] + y * g[3] + z * g[6] - _refPositions[i];
            double dy = x * g[1] + y * g[4] + z * g[7] - _refPositions[i + 1];
            double dz = x * g[2] + y * g[5] + z * g[8] - _refPositions[i + 2];
            double u2 = dx * dx + dy * dy + dz * dz;
            if (u2 > second)
            {
                if (u2 > b2) return true;
                if (u2 > first) { second = first; first = u2; } else second = u2;
            }
        }
        return Math.Sqrt(first) + Math.Sqrt(second) > budget;
    }

    /// <summary>Recomputes displacements and distances of all entries from the current positions and cell.</summary>
    public void Refresh(Structure s)
    {
        EnsureImages();
        var p = s.Positions;
        var c = s.Cell;
        int n = AtomCount;
        for (int i = 0; i < n; i++)
        {
            double xi = p[3 * i], yi = p[3 * i + 1], zi = p[3 * i + 2];
            for (int k = _start[i]; k < _start[i + 1]; k++)
            {
                int j = _index[k];
                double na = _ia[k], nb = _ib[k], nc = _ic[k];
                double dx = p[3 * j] - xi + na * c.A.X + nb * c.B.X + nc * c.C.X;
                double dy = p[3 * j + 1] - yi + na * c.A.Y + nb * c.B.Y + nc * c.C.Y;
                double dz = p[3 * j + 2] - zi + na * c.A.Z + nb * c.B.Z + nc * c.C.Z;
                _dx[k] = dx; _dy[k] = dy; _dz[k] = dz;
                _r[k] = Math.Sqrt(dx * dx + dy * dy + dz * dz);
            }
        }
    }

    /// <summary>Builds the list from scratch and computes the displacements of its entries.</summary>
    public void Build(Structure s) => Build(s, refresh: true);

    /// <summary>
    /// Builds the list from scratch; with <paramref name="refresh"/> false the displacement arrays are left stale
    /// (for callers that compute displacements themselves from <see cref="Index"/> and the images).
    /// </summary>
    public void Build(Structure s, bool refresh)
    {
        Rebuilds++;
        int n = s.Count;
        if (n <= DirectLimitForTests)
        {
            BuildDirect(s);
            Finish(s, refresh);
            return;
        }
        double rl = Cutoff + Skin, rl2 = rl * rl;
        var cell = s.Cell;
        var pbc = s.Pbc;
        bool anyPbc = pbc[0] || pbc[1] || pbc[2];
        var p = s.Positions;

        Grow(ref _wrapped, 3 * n);
        Grow(ref _off, 3 * n);
        Grow(ref _start, n + 1);

        // 1. wrapped local positions and their lattice offsets (r_wrapped = r - o . L)
        int ma = 0, mb = 0, mc = 0;
        double ea = 0, eb = 0, ec = 0; // extension of the fractional box per axis
        Cell rec = default;
        if (anyPbc)
        {
            rec = cell.Reciprocal();
            var h = cell.Heights();
            if (pbc[0]) { ea = rl / h.X; ma = (int)Math.Ceiling(ea); }
            if (pbc[1]) { eb = rl / h.Y; mb = (int)Math.Ceiling(eb); }
            if (pbc[2]) { ec = rl / h.Z; mc = (int)Math.Ceiling(ec); }
        }
        for (int i = 0; i < n; i++)
        {
            var r = CheckedPosition(p, i);
            int oa = 0, ob = 0, oc = 0;
            if (anyPbc)
            {
                if (pbc[0]) oa = CellOffset(r.Dot(rec.A), i);
                if (pbc[1]) ob = CellOffset(r.Dot(rec.B), i);
                if (pbc[2]) oc = CellOffset(r.Dot(rec.C), i);
                r -= cell.A * oa + cell.B * ob + cell.C * oc;
            }
            _off[3 * i] = oa; _off[3 * i + 1] = ob; _off[3 * i + 2] = oc;
            _wrapped[3 * i] = r.X; _wrapped[3 * i + 1] = r.Y; _wrapped[3 * i + 2] = r.Z;
        }

        // 2. points: every image of every atom that can lie within rl of a wrapped atom
        int np = 0;
        for (int j = 0; j < n; j++)
        {
            var rj = new Vec3(_wrapped[3 * j], _wrapped[3 * j + 1], _wrapped[3 * j + 2]);
            Vec3 fj = anyPbc ? new Vec3(rj.Dot(rec.A), rj.Dot(rec.B), rj.Dot(rec.C)) : Vec3.Zero;
            for (int a = -ma; a <= ma; a++)
            {
                double fa = fj.X + a;
                if (pbc[0] && (fa < -ea || fa > 1 + ea)) continue;
                for (int b = -mb; b <= mb; b++)
                {
                    double fb = fj.Y + b;
                    if (pbc[1] && (fb < -eb || fb > 1 + eb)) continue;
                    for (int c = -mc; c <= mc; c++)
                    {
                        double fc = fj.Z + c;
                        if (pbc[2] && (fc < -ec || fc > 1 + ec)) continue;
                        if (np == _px.Length) GrowPoints(Math.Max(64, 2 * np));
                        var q = rj + cell.A * a + cell.B * b + cell.C * c;
                        _px[np] = q.X; _py[np] = q.Y; _pz[np] = q.Z;
                        _patom[np] = j; _pna[np] = a; _pnb[np] = b; _pnc[np] = c;
                        np++;
                    }
                }
            }
        }

        // 3. bin the points in Cartesian space with bins at least rl wide
        double loX = double.MaxValue, loY = double.MaxValue, loZ = double.MaxValue;
        double hiX = double.MinValue, hiY = double.MinValue, hiZ = double.MinValue;
        for (int q = 0; q < np; q++)
        {
            loX = Math.Min(loX, _px[q]); hiX = Math.Max(hiX, _px[q]);
            loY = Math.Min(loY, _py[q]); hiY = Math.Max(hiY, _py[q]);
            loZ = Math.Min(loZ, _pz[q]); hiZ = Math.Max(hiZ, _pz[q]);
        }
        int nbx = BinCount(hiX - loX, rl), nby = BinCount(hiY - loY, rl), nbz = BinCount(hiZ - loZ, rl);
        long total = (long)nbx * nby * nbz;
        while (total > Math.Max(27, 4L * np))
        {
            // dilute structures in big boxes: coarsen the largest dimension
            if (nbx >= nby && nbx >= nbz) nbx = Math.Max(1, nbx / 2);
            else if (nby >= nbz) nby = Math.Max(1, nby / 2);
            else nbz = Math.Max(1, nbz / 2);
            total = (long)nbx * nby * nbz;
        }
        double sx = nbx / Math.Max(hiX - loX, 1e-300), sy = nby / Math.Max(hiY - loY, 1e-300), sz = nbz / Math.Max(hiZ - loZ, 1e-300);
        int nbins = (int)total;
        Grow(ref _binStart, nbins + 1);
        Grow(ref _binOf, np);
        Grow(ref _binItems, np);
        Array.Clear(_binStart, 0, nbins + 1);
        for (int q = 0; q < np; q++)
        {
            int bx = Math.Min(nbx - 1, (int)((_px[q] - loX) * sx));
            int by = Math.Min(nby - 1, (int)((_py[q] - loY) * sy));
            int bz = Math.Min(nbz - 1, (int)((_pz[q] - loZ) * sz));
            int bin = (bx * nby + by) * nbz + bz;
            _binOf[q] = bin;
            _binStart[bin + 1]++;
        }
        for (int b = 0; b < nbins; b++) _binStart[b + 1] += _binStart[b];
        // stable fill (points keep their order inside a bin, so the list is deterministic)
        Grow(ref _fill, nbins);
        Array.Copy(_binStart, _fill, nbins);
        for (int q = 0; q < np; q++) _binItems[_fill[_binOf[q]]++] = q;

        // 4. search
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            _start[i] = count;
            double xi = _wrapped[3 * i], yi = _wrapped[3 * i + 1], zi = _wrapped[3 * i + 2];
            int oia = _off[3 * i], oib = _off[3 * i + 1], oic = _off[3 * i + 2];
            int bx = Math.Clamp((int)((xi - loX) * sx), 0, nbx - 1);
            int by = Math.Clamp((int)((yi - loY) * sy), 0, nby - 1);
            int bz = Math.Clamp((int)((zi - loZ) * sz), 0, nbz - 1);
            for (int x = Math.Max(0, bx - 1); x <= Math.Min(nbx - 1, bx + 1); x++)
            for (int y = Math.Max(0, by - 1); y <= Math.Min(nby - 1, by + 1); y++)
            for (int z = Math.Max(0, bz - 1); z <= Math.Min(nbz - 1, bz + 1); z++)
            {
                int bin = (x * nby + y) * nbz + z;
                for (int t = _binStart[bin]; t < _binStart[bin + 1]; t++)
                {
                    int q = _binItems[t];
                    double dx = _px[q] - xi, dy = _py[q] - yi, dz = _pz[q] - zi;
                    double r2 = dx * dx + dy * dy + dz * dz;
                    if (r2 > rl2) continue;
                    int j = _patom[q];
                    int na = _pna[q], nb = _pnb[q], nc = _pnc[q];
                    if (j == i)
                    {
                        if (na == 0 && nb == 0 && nc == 0) continue;
                        if (Half && !PositiveImage(na, nb, nc)) continue;
                    }
                    else if (Half && j < i) continue;
                    if (count == _index.Length) GrowEntries(Math.Max(256, 2 * count));
                    _index[count] = j;
                    // image relative to the unwrapped stored positions
                    _ia[count] = na + oia - _off[3 * j];
                    _ib[count] = nb + oib - _off[3 * j + 1];
                    _ic[count] = nc + oic - _off[3 * j + 2];
                    count++;
                }
            }
        }
        _start[n] = count;
        _count = count;
        _imagesValid = true;
        Finish(s, refresh);
    }

    /// <summary>Records the state the list was built for.</summary>
    private void Finish(Structure s, bool refresh)
    {
        int n = s.Count;
        var pbc = s.Pbc;
        _refAtoms = n;
        _refCell = s.Cell;
        _refPbc[0] = pbc[0]; _refPbc[1] = pbc[1]; _refPbc[2] = pbc[2];
        Grow(ref _refPositions, 3 * n);
        Array.Copy(s.Positions, _refPositions, 3 * n);
        if (refresh) Refresh(s);
    }

    private int[] _fill = [];

    /// <summary>Atom i's position; a non-finite one is a clear error rather than a corrupt list.</summary>
    private static Vec3 CheckedPosition(double[] p, int i)
    {
        var r = new Vec3(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
        if (!double.IsFinite(r.X) || !double.IsFinite(r.Y) || !double.IsFinite(r.Z))
            throw new ArgumentException($"atom {i} has a non-finite position {r}");
        return r;
    }

    /// <summary>The integer cell an atom sits in along one axis; refuses atoms absurdly far away (int overflow).</summary>
    private static int CellOffset(double fractional, int atom)
    {
        double f = Math.Floor(fractional);
        if (Math.Abs(f) > 1e8)
            throw new ArgumentException($"atom {atom} lies {f:G3} cells outside the periodic cell; its position is not sensible");
        return (int)f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PositiveImage(int a, int b, int c) => a > 0 || (a == 0 && (b > 0 || (b == 0 && c > 0)));

    private static int BinCount(double extent, double width) => Math.Max(1, (int)Math.Floor(extent / width));

    private static void Grow<T>(ref T[] a, int n)
    {
        if (a.Length < n) a = new T[Math.Max(n, a.Length * 2)];
    }

    private void GrowPoints(int n)
    {
        Array.Resize(ref _px, n); Array.Resize(ref _py, n); Array.Resize(ref _pz, n);
        Array.Resize(ref _patom, n); Array.Resize(ref _pna, n); Array.Resize(ref _pnb, n); Array.Resize(ref _pnc, n);
    }

    private void GrowEntries(int n)
    {
        Array.Resize(ref _index, n);
        Array.Resize(ref _ia, n); Array.Resize(ref _ib, n); Array.Resize(ref _ic, n);
        Array.Resize(ref _dx, n); Array.Resize(ref _dy, n); Array.Resize(ref _dz, n); Array.Resize(ref _r, n);
        Array.Resize(ref _code, n);
    }
}
