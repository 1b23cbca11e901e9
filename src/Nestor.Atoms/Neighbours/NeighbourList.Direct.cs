namespace Nestor.Atoms.Neighbours;

public sealed partial class NeighbourList
{
    /// <summary>
    /// Structures with at most this many atoms are listed by <see cref="BuildDirect"/> (every pair, images
    /// enumerated exactly) instead of by binning in space: for the small cells of nested sampling, where the cutoff
    /// spans several cells and binning handles mostly image points, it is several times faster.
    /// </summary>
    public const int DirectLimit = 192;

    /// <summary>Tests set this to force one strategy: 0 always bins, int.MaxValue always enumerates pairs.</summary>
    internal int DirectLimitForTests { get; set; } = DirectLimit;

    /// <summary>
    /// Lists every pair by enumerating, for each pair of atoms, the lattice translations n with |x_j - x_i + n H| &lt;
    /// cutoff + skin: n_a and n_b over the range allowed by the cell heights, n_c solved from the quadratic in n_c.
    /// Works on the positions as stored (no wrapping); images are relative to them. O(N^2) pairs.
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
        Grow(ref _wrapped, 3 * n); // fractional coordinates
        Grow(ref _off, 3 * n);     // their whole-cell parts
        Grow(ref _start, n + 1);
        Cell rec = default;
        double ea = 0, eb = 0;
        if (anyPbc)
        {
            rec = cell.Reciprocal();
            var h = cell.Heights();
            ea = pa ? rl / h.X : 0;
            eb = pb ? rl / h.Y : 0;
        }
        for (int i = 0; i < n; i++)
        {
            var r = CheckedPosition(p, i);
            double fa = 0, fb = 0, fc = 0;
            int oa = 0, ob = 0, oc = 0;
            if (anyPbc)
            {
                fa = r.Dot(rec.A); fb = r.Dot(rec.B); fc = r.Dot(rec.C);
                if (pa) oa = CellOffset(fa, i);
                if (pb) ob = CellOffset(fb, i);
                if (pc) oc = CellOffset(fc, i);
            }
            _wrapped[3 * i] = fa; _wrapped[3 * i + 1] = fb; _wrapped[3 * i + 2] = fc;
            _off[3 * i] = oa; _off[3 * i + 1] = ob; _off[3 * i + 2] = oc;
        }
        // translation codes for Prepare, made here rather than in a second pass over the entries
        TranslationRanges(s);
        int ra = _ra, rb = _rb, rz = _rc, db = 2 * rb + 1, dzc = 2 * rz + 1;
        int amin = int.MaxValue, amax = int.MinValue, bmin = int.MaxValue, bmax = int.MinValue, emin = int.MaxValue, emax = int.MinValue;
        double ax = cell.A.X, ay = cell.A.Y, az = cell.A.Z, bx = cell.B.X, by = cell.B.Y, bz = cell.B.Z;
        double cx = cell.C.X, cy = cell.C.Y, cz = cell.C.Z;
        double cc = cx * cx + cy * cy + cz * cz;
        double rcc = pc ? 1 / cc : 0;
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            _start[i] = count;
            double xi = p[3 * i], yi = p[3 * i + 1], zi = p[3 * i + 2];
            int oia = _off[3 * i], oib = _off[3 * i + 1], oic = _off[3 * i + 2];
            for (int j = Half ? i : 0; j < n; j++)
            {
                // translation n' = n + o_j - o_i relative to the local positions, shifted to be non-negative
                int sa = _off[3 * j] - oia + ra, sb = _off[3 * j + 1] - oib + rb, sc = _off[3 * j + 2] - oic + rz;
                double dx = p[3 * j] - xi, dy = p[3 * j + 1] - yi, dz = p[3 * j + 2] - zi;
                double dfa = _wrapped[3 * j] - _wrapped[3 * i], dfb = _wrapped[3 * j + 1] - _wrapped[3 * i + 1];
                int a0 = 0, a1 = 0, b0 = 0, b1 = 0;
                if (pa) { a0 = (int)Math.Ceiling(-ea - dfa); a1 = (int)Math.Floor(ea - dfa); }
                if (pb) { b0 = (int)Math.Ceiling(-eb - dfb); b1 = (int)Math.Floor(eb - dfb); }
                for (int a = a0; a <= a1; a++)
                for (int b = b0; b <= b1; b++)
                {
                    double ux = dx + a * ax + b * bx, uy = dy + a * ay + b * by, uz = dz + a * az + b * bz;
                    double uu = ux * ux + uy * uy + uz * uz;
                    int c0, c1;
                    if (pc)
                    {
                        // |u + c C|^2 < rl^2  <=>  cc c^2 + 2 (u.C) c + (uu - rl^2) < 0
                        double uc = ux * cx + uy * cy + uz * cz;
                        double disc = uc * uc - cc * (uu - rl2);
                        if (disc < 0) continue;
                        double root = Math.Sqrt(disc);
                        c0 = (int)Math.Ceiling((-uc - root) * rcc);
                        c1 = (int)Math.Floor((-uc + root) * rcc);
                    }
                    else
                    {
                        if (uu >= rl2) continue;
                        c0 = c1 = 0;
                    }
                    int ca = a + sa, cb = b + sb;
                    if ((uint)ca > 2u * (uint)ra || (uint)cb > 2u * (uint)rb || (uint)(c0 + sc) > 2u * (uint)rz || (uint)(c1 + sc) > 2u * (uint)rz)
                        throw new InvalidOperationException($"neighbour list: translation ({a}, {b}, {c0}..{c1}) of atoms {i}-{j} is further than the cutoff allows");
                    int rowCode = (ca * db + cb) * dzc + sc;
                    for (int c = c0; c <= c1; c++)
                    {
                        if (j == i && (a == 0 && b == 0 && c == 0 || Half && !PositiveImage(a, b, c))) continue;
                        if (count == _index.Length) GrowEntries(Math.Max(256, 2 * count));
                        _index[count] = j;
                        _ia[count] = a; _ib[count] = b; _ic[count] = c;
                        _code[count] = rowCode + c;
                        count++;
                    }
                    if (c0 <= c1)
                    {
                        amin = Math.Min(amin, ca); amax = Math.Max(amax, ca);
                        bmin = Math.Min(bmin, cb); bmax = Math.Max(bmax, cb);
                        emin = Math.Min(emin, c0 + sc); emax = Math.Max(emax, c1 + sc);
                    }
                }
            }
        }
        _start[n] = count;
        _count = count;
        _used = count == 0 ? (0, -1, 0, -1, 0, -1) : (amin - ra, amax - ra, bmin - rb, bmax - rb, emin - rz, emax - rz);
        FillShifts(cell);
        _codesOfBuild = Rebuilds;
    }
}
