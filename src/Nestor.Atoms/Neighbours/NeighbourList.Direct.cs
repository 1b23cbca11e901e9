using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nestor.Atoms.Neighbours;

public sealed partial class NeighbourList
{
    /// <summary>
    /// Structures with at most this many atoms are listed by <see cref="BuildDirect"/> (every pair against a
    /// length-ordered table of lattice translations) instead of by binning in space: for the small cells of nested sampling, where
    /// the cutoff spans several cells and binning handles mostly image points, it is several times faster.
    /// </summary>
    public const int DirectLimit = 192;

    /// <summary>Tests set this to force one strategy: 0 always bins, int.MaxValue always enumerates pairs.</summary>
    internal int DirectLimitForTests { get; set; } = DirectLimit;

    // scratch of the direct build: per atom pair (i <= j or all, row-major) the reduced displacement and its
    // translation; the lattice translations ordered by length shell (SoA, padded to a multiple of 4 with far points)
    private double[] _pdx = [], _pdy = [], _pdz = [], _pdn = [];
    private int[] _pma = [], _pmb = [], _pmc = [];
    private double[] _tx = [], _ty = [], _tz = [], _tn = [];
    private int[] _ta = [], _tb = [], _tc = [], _tcode = [], _torder = [], _tkey = [], _shellStart = [];

    // width (Angstrom) of the length shells the translation table is sorted into
    private const double ShellWidth = 0.25;

    /// <summary>
    /// Lists every pair directly: for each pair of atoms the displacement is reduced to the nearest image along
    /// periodic axes (fractional difference in [-1/2, 1/2]), then tested against every lattice translation T with
    /// |T| &lt;= cutoff + skin + |d|, from a table ordered by length to within 0.25 A (4 translations per SIMD test, stopping at the
    /// first too long for this pair). Works on the positions as stored (no wrapping); images are relative to them.
    /// O(N^2) pairs.
    /// </summary>
    private void BuildDirect(Structure s)
    {
        int n = s.Count;
        var p = s.Positions;
        var cell = s.Cell;
        var pbc = s.Pbc;
        bool pa = pbc[0], pb = pbc[1], pc = pbc[2];
        bool anyPbc = pa || pb || pc;
        // a hair more than cutoff + skin, so rounding never drops a pair at the edge (extra entries are harmless)
        double rl = (Cutoff + Skin) * (1 + 1e-12), rl2 = rl * rl;
        Grow(ref _wrapped, 3 * n); // fractional coordinates within the cell (periodic axes)
        Grow(ref _off, 3 * n);     // their whole-cell parts
        Grow(ref _start, n + 1);
        Grow(ref _local, 3 * n + 1);
        double ax = cell.A.X, ay = cell.A.Y, az = cell.A.Z, bx = cell.B.X, by = cell.B.Y, bz = cell.B.Z;
        double cx = cell.C.X, cy = cell.C.Y, cz = cell.C.Z;
        Cell rec = anyPbc ? cell.Reciprocal() : default;
        // pairs are reduced and translations enumerated in a reduced basis of the same lattice (red = U H), where
        // nearest images in fractional terms are near in space too; results are converted back to the cell's basis
        var um = _reduction;
        bool sameCell = _tReach >= 0 && cell == _tCell && pbc[0] == _tPbc.A && pbc[1] == _tPbc.B && pbc[2] == _tPbc.C;
        var red = sameCell ? _tReduced : pa && pb && pc ? Reduce(cell, um) : Identity(cell, um);
        Cell rrec = anyPbc ? red.Reciprocal() : default;
        for (int i = 0; i < n; i++)
        {
            var r = CheckedPosition(p, i);
            int oa = 0, ob = 0, oc = 0;
            if (anyPbc)
            {
                if (pa) oa = CellOffset(r.Dot(rec.A), i);
                if (pb) ob = CellOffset(r.Dot(rec.B), i);
                if (pc) oc = CellOffset(r.Dot(rec.C), i);
            }
            _off[3 * i] = oa; _off[3 * i + 1] = ob; _off[3 * i + 2] = oc;
            var l = new Vec3(r.X - (oa * ax + ob * bx + oc * cx), r.Y - (oa * ay + ob * by + oc * cy), r.Z - (oa * az + ob * bz + oc * cz));
            _local[3 * i] = l.X; _local[3 * i + 1] = l.Y; _local[3 * i + 2] = l.Z;
            if (anyPbc) { _wrapped[3 * i] = l.Dot(rrec.A); _wrapped[3 * i + 1] = l.Dot(rrec.B); _wrapped[3 * i + 2] = l.Dot(rrec.C); }
            else _wrapped[3 * i] = _wrapped[3 * i + 1] = _wrapped[3 * i + 2] = 0;
        }

        // 1. every pair's displacement between local positions, reduced to the nearest image: d = x_j - x_i + m H,
        // m = m' U with m' the nearest image in the reduced basis
        int pairs = Half ? n * (n + 1) / 2 : n * n;
        Grow(ref _pdx, pairs); Grow(ref _pdy, pairs); Grow(ref _pdz, pairs); Grow(ref _pdn, pairs);
        Grow(ref _pma, pairs); Grow(ref _pmb, pairs); Grow(ref _pmc, pairs);
        var red3 = (red.A, red.B, red.C);
        double dmax = ReducePairs(n, Half, pa, pb, pc, _local, _wrapped, red3, um, _pdx, _pdy, _pdz, _pdn, _pma, _pmb, _pmc, out var mRange);

        // 2. the translations that can reach: |T| <= rl + dmax, ordered by length shell, with their table codes
        TranslationRanges(s);
        int ra = _ra, rb = _rb, rz = _rc, db = 2 * rb + 1, dzc = 2 * rz + 1;
        // the table of the last build serves while the cell is the same and it reaches far enough (rebuilds after atom
        // moves); a new one reaches a little further than needed, so the next rebuild can reuse it
        int nt;
        if (sameCell && rl + dmax <= _tReach && _tLayout == (db, dzc)) nt = _tCount;
        else
        {
            nt = Translations(red, um, pa, pb, pc, rl + dmax + 0.25, db, dzc);
            _tCell = cell; _tPbc = (pa, pb, pc); _tReduced = red; _tReach = rl + dmax + 0.25; _tLayout = (db, dzc); _tCount = nt;
        }
        int padded = (nt + 3) / 4 * 4;

        // 3. each pair against the translations, 4 at a time; hits are compacted without branches
        int count = 0, q = 0;
        ref double tx = ref MemoryMarshal.GetArrayDataReference(_tx);
        ref double ty = ref MemoryMarshal.GetArrayDataReference(_ty);
        ref double tz = ref MemoryMarshal.GetArrayDataReference(_tz);
        ref int tcode = ref MemoryMarshal.GetArrayDataReference(_tcode);
        for (int i = 0; i < n; i++)
        {
            _start[i] = count;
            for (int j = Half ? i : 0; j < n; j++, q++)
            {
                if (count + padded > _index.Length) GrowEntries(Math.Max(256, 2 * (count + padded)));
                int ma = _pma[q], mb = _pmb[q], mc = _pmc[q];
                // table code of translation m + T is baseCode + tcode[T]
                int baseCode = ((ma + ra) * db + mb + rb) * dzc + mc + rz;
                if (j == i)
                {
                    count = SelfImages(i, count, nt, rl2, ma, mb, mc, baseCode);
                    continue;
                }
                count = TestPair(_pdx[q], _pdy[q], _pdz[q], rl + _pdn[q], rl2, nt, baseCode, j, count,
                    ref MemoryMarshal.GetArrayDataReference(_tn), ref tx, ref ty, ref tz, ref tcode,
                    ref MemoryMarshal.GetArrayDataReference(_code), ref MemoryMarshal.GetArrayDataReference(_index));
            }
        }
        _start[n] = count;
        _count = count;
        _imagesValid = false;
        // translations in use lie within m + T, and within the table (|n| < rl/h + 1 along each periodic axis)
        _used = count == 0 ? (0, -1, 0, -1, 0, -1)
            : (Math.Max(-ra, mRange.A0 + _tRange.A0), Math.Min(ra, mRange.A1 + _tRange.A1), Math.Max(-rb, mRange.B0 + _tRange.B0),
               Math.Min(rb, mRange.B1 + _tRange.B1), Math.Max(-rz, mRange.C0 + _tRange.C0), Math.Min(rz, mRange.C1 + _tRange.C1));
        FillShifts(cell);
        _codesOfBuild = Rebuilds;
    }

    /// <summary>
    /// Every pair's displacement between local positions reduced to the nearest image in the reduced basis:
    /// d = x_j - x_i + m' R (m' from the fractional coordinates f in R), stored with its length and m = m' U, the
    /// same translation in the cell's basis. Returns the longest d; <paramref name="mRange"/> gets the range of m.
    /// (A cell is reduced only when fully periodic, so axis by axis the reduced basis is periodic as the cell.)
    /// </summary>
    private static unsafe double ReducePairs(int n, bool half, bool pa, bool pb, bool pc, double[] local, double[] frac,
        (Vec3 A, Vec3 B, Vec3 C) red, int[] um, double[] pdx, double[] pdy, double[] pdz, double[] pdn, int[] pma, int[] pmb, int[] pmc,
        out (int A0, int A1, int B0, int B1, int C0, int C1) mRange)
    {
        int u0 = um[0], u1 = um[1], u2 = um[2], u3 = um[3], u4 = um[4], u5 = um[5], u6 = um[6], u7 = um[7], u8 = um[8];
        double ax = red.A.X, ay = red.A.Y, az = red.A.Z, bx = red.B.X, by = red.B.Y, bz = red.B.Z, cx = red.C.X, cy = red.C.Y, cz = red.C.Z;
        // a non-periodic axis is never wrapped: its fraction is taken as zero
        double ka = pa ? 1 : 0, kb = pb ? 1 : 0, kc = pc ? 1 : 0;
        double dmax = 0;
        int malo = 0, mahi = 0, mblo = 0, mbhi = 0, mclo = 0, mchi = 0;
        fixed (double* x = local, f = frac, dxp = pdx, dyp = pdy, dzp = pdz, dnp = pdn)
        fixed (int* map = pma, mbp = pmb, mcp = pmc)
        {
            int q = 0;
            for (int i = 0; i < n; i++)
            {
                double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
                double fai = f[3 * i], fbi = f[3 * i + 1], fci = f[3 * i + 2];
                for (int j = half ? i : 0; j < n; j++, q++)
                {
                    double sa = -Math.Floor(ka * (f[3 * j] - fai) + 0.5);
                    double sb = -Math.Floor(kb * (f[3 * j + 1] - fbi) + 0.5);
                    double sc = -Math.Floor(kc * (f[3 * j + 2] - fci) + 0.5);
                    double dx = x[3 * j] - xi + sa * ax + sb * bx + sc * cx;
                    double dy = x[3 * j + 1] - yi + sa * ay + sb * by + sc * cy;
                    double dz = x[3 * j + 2] - zi + sa * az + sb * bz + sc * cz;
                    double dn = Math.Sqrt(dx * dx + dy * dy + dz * dz);
                    dxp[q] = dx; dyp[q] = dy; dzp[q] = dz; dnp[q] = dn;
                    int ra = (int)sa, rb = (int)sb, rc = (int)sc;
                    int ma = ra * u0 + rb * u3 + rc * u6, mb = ra * u1 + rb * u4 + rc * u7, mc = ra * u2 + rb * u5 + rc * u8;
                    map[q] = ma; mbp[q] = mb; mcp[q] = mc;
                    dmax = Math.Max(dmax, dn);
                    malo = Math.Min(malo, ma); mahi = Math.Max(mahi, ma);
                    mblo = Math.Min(mblo, mb); mbhi = Math.Max(mbhi, mb);
                    mclo = Math.Min(mclo, mc); mchi = Math.Max(mchi, mc);
                }
            }
        }
        mRange = (malo, mahi, mblo, mbhi, mclo, mchi);
        return dmax;
    }

    /// <summary>
    /// One pair (displacement d, reduced) against the translations up to |T| &lt;= <paramref name="limit"/> (by the
    /// table's shell floors), four at a time: the hits' table codes (baseCode + tcode) and the neighbour j are written at count, packed to the front
    /// (the arrays have room for 4 past every hit). Returns the new count. Small and static so the hot loop keeps
    /// its values in registers.
    /// </summary>
    private static int TestPair(double dx, double dy, double dz, double limit, double rl2, int nt, int baseCode, int j, int count,
        ref double tn, ref double tx, ref double ty, ref double tz, ref int tcode, ref int code0, ref int index0)
    {
        var vx = Vector256.Create(dx);
        var vy = Vector256.Create(dy);
        var vz = Vector256.Create(dz);
        var vrl2 = Vector256.Create(rl2);
        var vbase = Vector128.Create(baseCode);
        var vj = Vector128.Create(j);
        ref var perms = ref MemoryMarshal.GetArrayDataReference(LanePacking.Int4);
        for (int t = 0; t < nt && Unsafe.Add(ref tn, t) <= limit; t += 4)
        {
            var ux = vx + Vector256.LoadUnsafe(ref tx, (nuint)t);
            var uy = vy + Vector256.LoadUnsafe(ref ty, (nuint)t);
            var uz = vz + Vector256.LoadUnsafe(ref tz, (nuint)t);
            uint hits = Vector256.LessThan(ux * ux + uy * uy + uz * uz, vrl2).ExtractMostSignificantBits();
            var codes = vbase + Vector128.LoadUnsafe(ref tcode, (nuint)t);
            Compact(codes, Unsafe.Add(ref perms, (int)hits)).StoreUnsafe(ref code0, (nuint)count);
            vj.StoreUnsafe(ref index0, (nuint)count);
            count += BitOperations.PopCount(hits);
        }
        return count;
    }

    /// <summary>Atom i's own images m + T within reach (m + T != 0; the lexicographically positive half in a half list).</summary>
    private int SelfImages(int i, int count, int nt, double rl2, int ma, int mb, int mc, int baseCode)
    {
        for (int t = 0; t < nt; t++)
        {
            if (!(_tn[t] * _tn[t] < rl2)) break;
            if (!(_tx[t] * _tx[t] + _ty[t] * _ty[t] + _tz[t] * _tz[t] < rl2)) continue;
            int na = _ta[t] + ma, nb = _tb[t] + mb, nc = _tc[t] + mc;
            if (na == 0 && nb == 0 && nc == 0 || Half && !PositiveImage(na, nb, nc)) continue;
            _index[count] = i;
            _code[count] = baseCode + _tcode[t];
            count++;
        }
        return count;
    }

    /// <summary>The lanes of <paramref name="v"/> permuted by <paramref name="perm"/> (one of <see cref="LanePacking.Int4"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Compact(Vector128<int> v, Vector128<int> perm)
    {
        if (Avx.IsSupported) return Avx.PermuteVar(v.AsSingle(), perm).AsInt32();
        return Vector128.Shuffle(v, perm);
    }

    private bool _imagesValid = true;

    /// <summary>
    /// The per-entry images relative to the stored positions, from the translation codes (direct builds store only
    /// codes): image = n' - (o_j - o_i), n' the translation between local positions.
    /// </summary>
    private void EnsureImages()
    {
        if (_imagesValid) return;
        int db = 2 * _rb + 1, dzc = 2 * _rc + 1;
        int n = AtomCount;
        for (int i = 0; i < n; i++)
        {
            int oa = _off[3 * i], ob = _off[3 * i + 1], oc = _off[3 * i + 2];
            for (int k = _start[i]; k < _start[i + 1]; k++)
            {
                int j = _index[k], code = _code[k];
                int c = code % dzc - _rc, rest = code / dzc;
                int b = rest % db - _rb, a = rest / db - _ra;
                _ia[k] = a - _off[3 * j] + oa;
                _ib[k] = b - _off[3 * j + 1] + ob;
                _ic[k] = c - _off[3 * j + 2] + oc;
            }
        }
        _imagesValid = true;
    }

    private (int A0, int A1, int B0, int B1, int C0, int C1) _tRange;
    private readonly int[] _reduction = new int[9];
    // the cell, periodicity, reduced basis, reach, code layout and size of the translation table
    private Cell _tCell;
    private (bool A, bool B, bool C) _tPbc;
    private Cell _tReduced;
    private double _tReach = -1;
    private (int, int) _tLayout;
    private int _tCount;

    private static Cell Identity(Cell cell, Span<int> u)
    {
        u.Clear();
        u[0] = u[4] = u[8] = 1;
        return cell;
    }

    /// <summary>
    /// A shorter basis of the same lattice by pairwise Gauss reduction (v_i -= round(v_i.v_j / v_j.v_j) v_j until no
    /// vector gets shorter); <paramref name="u"/> receives the unimodular U (row-major) with reduced = U H.
    /// </summary>
    internal static Cell Reduce(Cell cell, Span<int> u)
    {
        Identity(cell, u);
        Span<Vec3> v = [cell.A, cell.B, cell.C];
        for (int round = 0; round < 100; round++)
        {
            bool changed = false;
            for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                if (i == j) continue;
                double x = v[i].Dot(v[j]) / v[j].Dot(v[j]);
                if (!(Math.Abs(x) > 0.5 + 1e-9)) continue;
                int mu = (int)Math.Round(x);
                v[i] -= v[j] * mu;
                for (int c = 0; c < 3; c++) u[3 * i + c] -= mu * u[3 * j + c];
                changed = true;
            }
            if (!changed) break;
        }
        return new Cell(v[0], v[1], v[2]);
    }

    /// <summary>
    /// Fills the translation table with every n H (n along periodic axes only) no longer than <paramref name="reach"/>,
    /// ordered by length shell (counting sort) and padded with far points to a multiple of 4; returns the count before padding.
    /// </summary>
    private int Translations(Cell cell, ReadOnlySpan<int> u, bool pa, bool pb, bool pc, double reach, int db, int dzc)
    {
        int na = 0, nb = 0, nc = 0;
        if (pa || pb || pc)
        {
            var h = cell.Heights();
            if (pa) na = (int)Math.Floor(reach / h.X);
            if (pb) nb = (int)Math.Floor(reach / h.Y);
            if (pc) nc = (int)Math.Floor(reach / h.Z);
        }
        double reach2 = reach * reach;
        int nt = 0;
        int cap = (2 * na + 1) * (2 * nb + 1) * (2 * nc + 1) + 8;
        Grow(ref _tn, cap); Grow(ref _torder, cap); Grow(ref _tkey, cap);
        Grow(ref _tx, cap); Grow(ref _ty, cap); Grow(ref _tz, cap);
        Grow(ref _ta, cap); Grow(ref _tb, cap); Grow(ref _tc, cap); Grow(ref _tcode, cap);
        var A = cell.A; var B = cell.B; var C = cell.C;
        int a0 = int.MaxValue, a1 = int.MinValue, b0 = int.MaxValue, b1 = int.MinValue, c0 = int.MaxValue, c1 = int.MinValue;
        // first pass: the translations within reach, each with its shell (|T| in steps of ShellWidth) and packed
        // (a, b, c); for each (a, b) the range of c from |u + c C|^2 <= reach^2, a quadratic in c
        int shells = (int)(reach / ShellWidth) + 2;
        Grow(ref _shellStart, shells + 1);
        Array.Clear(_shellStart, 0, shells + 1);
        double cc = C.Dot(C);
        for (int a = -na; a <= na; a++)
        for (int b = -nb; b <= nb; b++)
        {
            var ab = A * a + B * b;
            int clo = 0, chi = 0;
            if (nc > 0)
            {
                double uc = ab.Dot(C), disc = uc * uc - cc * (ab.Dot(ab) - reach2);
                if (disc < 0) continue;
                double root = Math.Sqrt(disc);
                clo = Math.Max(-nc, (int)Math.Ceiling((-uc - root) / cc));
                chi = Math.Min(nc, (int)Math.Floor((-uc + root) / cc));
            }
            for (int c = clo; c <= chi; c++)
            {
                double x = ab.X + c * C.X, y = ab.Y + c * C.Y, z = ab.Z + c * C.Z;
                double t2 = x * x + y * y + z * z;
                if (t2 > reach2) continue;
                int shell = Math.Min(shells - 1, (int)(Math.Sqrt(t2) / ShellWidth));
                _tkey[nt] = shell;
                _shellStart[shell + 1]++;
                _torder[nt] = ((a + na) * (2 * nb + 1) + b + nb) * (2 * nc + 1) + c + nc;
                nt++;
            }
        }
        // counting sort by shell: the table is ordered by length to within one shell width, and _tn holds each
        // translation's shell floor (a lower bound on |T|, non-decreasing along the table) for the early stop
        for (int k = 0; k < shells; k++) _shellStart[k + 1] += _shellStart[k];
        for (int q = 0; q < nt; q++)
        {
            int shell = _tkey[q], t = _shellStart[shell]++;
            int code = _torder[q];
            int c = code % (2 * nc + 1) - nc, rest = code / (2 * nc + 1);
            int b = rest % (2 * nb + 1) - nb, a = rest / (2 * nb + 1) - na;
            _tn[t] = shell * ShellWidth;
            _tx[t] = a * A.X + b * B.X + c * C.X;
            _ty[t] = a * A.Y + b * B.Y + c * C.Y;
            _tz[t] = a * A.Z + b * B.Z + c * C.Z;
            // the same translation in the cell's own basis: (a, b, c) U
            int oa = a * u[0] + b * u[3] + c * u[6], ob = a * u[1] + b * u[4] + c * u[7], oc = a * u[2] + b * u[5] + c * u[8];
            _ta[t] = oa; _tb[t] = ob; _tc[t] = oc;
            _tcode[t] = (oa * db + ob) * dzc + oc;
            a0 = Math.Min(a0, oa); a1 = Math.Max(a1, oa); b0 = Math.Min(b0, ob); b1 = Math.Max(b1, ob); c0 = Math.Min(c0, oc); c1 = Math.Max(c1, oc);
        }
        _tRange = (a0, a1, b0, b1, c0, c1);
        for (int t = nt; t < (nt + 3) / 4 * 4; t++)
        {
            _tn[t] = double.PositiveInfinity;
            _tx[t] = _ty[t] = _tz[t] = 1e300;
            _ta[t] = _tb[t] = _tc[t] = _tcode[t] = 0;
        }
        return nt;
    }
}
