using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nestor.Atoms.Neighbours;

public sealed partial class NeighbourList
{
    // whole-cell offsets o_i of the atoms at the last build (floor of the fractional coordinates along periodic
    // axes, filled by both builders); the local positions x_i - o_i H (current cell)
    private int[] _off = [];
    private double[] _local = [];
    // per entry, the index of its translation n + o_j - o_i in _shifts; the table filled for _shiftsCell
    private int[] _code = [];
    private double[] _shifts = [];
    private long _codesOfBuild = -1;
    private Cell _shiftsCell;
    private int _ra, _rb, _rc;
    private (int A0, int A1, int B0, int B1, int C0, int C1) _used;

    /// <summary>
    /// Brings the list up to date for <paramref name="s"/> (rebuilding when needed, without computing the
    /// displacement arrays) and returns what hot loops need to compute displacements themselves: local positions
    /// (every atom shifted by the whole cells it lay outside the cell at the last build, in the current cell), a
    /// table of lattice translations in the current cell, and each entry's index into it. The displacement of entry
    /// k from i to j is <c>local[3j..] - local[3i..] + shifts[3 code[k]..]</c>. The translations stay small however
    /// far atoms drift, and a cell change that keeps the list (<see cref="NeedsRebuild"/>) only refills the table.
    /// </summary>
    public (double[] Local, double[] Shifts, int[] Code) Prepare(Structure s)
    {
        if (NeedsRebuild(s)) Build(s, refresh: false);
        if (_codesOfBuild != Rebuilds) Codes(s);
        else if (s.Cell != _shiftsCell) FillShifts(s.Cell);
        int n = s.Count;
        Grow(ref _local, 3 * n + 1); // one spare: SIMD readers load 4 doubles from the last triple
        var x = s.Positions;
        var c = s.Cell;
        for (int i = 0; i < n; i++)
        {
            double oa = _off[3 * i], ob = _off[3 * i + 1], oc = _off[3 * i + 2];
            _local[3 * i] = x[3 * i] - (oa * c.A.X + ob * c.B.X + oc * c.C.X);
            _local[3 * i + 1] = x[3 * i + 1] - (oa * c.A.Y + ob * c.B.Y + oc * c.C.Y);
            _local[3 * i + 2] = x[3 * i + 2] - (oa * c.A.Z + ob * c.B.Z + oc * c.C.Z);
        }
        return (_local, _shifts, _code);
    }

    /// <summary>
    /// The table layout for a build: translation ranges per axis (|n + o_j - o_i| &lt;= (cutoff + skin) / height + 1
    /// along a periodic axis, as wrapped fractions differ by less than one cell; two more for rounding at the edges).
    /// </summary>
    private void TranslationRanges(Structure s)
    {
        var pbc = s.Pbc;
        var h = pbc[0] || pbc[1] || pbc[2] ? s.Cell.Heights() : default;
        double rl = Cutoff + Skin;
        _ra = pbc[0] ? (int)Math.Ceiling(rl / h.X) + 2 : 0;
        _rb = pbc[1] ? (int)Math.Ceiling(rl / h.Y) + 2 : 0;
        _rc = pbc[2] ? (int)Math.Ceiling(rl / h.Z) + 2 : 0;
        Grow(ref _shifts, 3 * (2 * _ra + 1) * (2 * _rb + 1) * (2 * _rc + 1) + 1); // one spare, as _local
    }

    /// <summary>Every entry's translation index, from the build's offsets (for lists built by binning).</summary>
    private void Codes(Structure s)
    {
        int n = s.Count;
        TranslationRanges(s);
        int ra = _ra, rb = _rb, rc = _rc;
        int db = 2 * rb + 1, dc = 2 * rc + 1;
        Grow(ref _code, _count);
        int amin = int.MaxValue, amax = int.MinValue, bmin = int.MaxValue, bmax = int.MinValue, emin = int.MaxValue, emax = int.MinValue;
        var off = _off;
        for (int i = 0; i < n; i++)
        {
            int oa = ra - off[3 * i], ob = rb - off[3 * i + 1], oc = rc - off[3 * i + 2];
            for (int k = _start[i]; k < _start[i + 1]; k++)
            {
                int j = _index[k];
                int a = _ia[k] + off[3 * j] + oa, b = _ib[k] + off[3 * j + 1] + ob, e = _ic[k] + off[3 * j + 2] + oc;
                if ((uint)a > 2u * (uint)ra || (uint)b > 2u * (uint)rb || (uint)e > 2u * (uint)rc)
                    throw new InvalidOperationException($"neighbour list: image ({_ia[k]}, {_ib[k]}, {_ic[k]}) of atoms {i}-{j} is further than the cutoff allows");
                _code[k] = (a * db + b) * dc + e;
                amin = Math.Min(amin, a); amax = Math.Max(amax, a);
                bmin = Math.Min(bmin, b); bmax = Math.Max(bmax, b);
                emin = Math.Min(emin, e); emax = Math.Max(emax, e);
            }
        }
        // only the translations in use are filled (and refilled when the cell changes)
        _used = _count == 0 ? (0, -1, 0, -1, 0, -1) : (amin - ra, amax - ra, bmin - rb, bmax - rb, emin - rc, emax - rc);
        FillShifts(s.Cell);
        _codesOfBuild = Rebuilds;
    }

    // what the table holds: the range filled, for which cell, layout and array (a rebuild in the same cell, as after
    // MD moves, usually needs no new translations)
    private (int A0, int A1, int B0, int B1, int C0, int C1) _filled = (0, -1, 0, -1, 0, -1);
    private (int, int, int) _filledLayout;
    private double[]? _filledArray;

    private unsafe void FillShifts(Cell c)
    {
        int ra = _ra, rb = _rb, rc = _rc, db = 2 * rb + 1, dc = 2 * rc + 1;
        var u = _used;
        var f = _filled;
        if (c == _shiftsCell && _filledLayout == (ra, rb, rc) && ReferenceEquals(_filledArray, _shifts))
        {
            if (u.A0 >= f.A0 && u.A1 <= f.A1 && u.B0 >= f.B0 && u.B1 <= f.B1 && u.C0 >= f.C0 && u.C1 <= f.C1) return;
            // same cell: extend to the union (what is there stays valid)
            if (f.A0 <= f.A1)
                u = (Math.Min(u.A0, f.A0), Math.Max(u.A1, f.A1), Math.Min(u.B0, f.B0), Math.Max(u.B1, f.B1), Math.Min(u.C0, f.C0), Math.Max(u.C1, f.C1));
        }
        if (Avx.IsSupported)
        {
            // the same products and sums as below, (a A + b B) + e C, four components at a time; the fourth lane
            // (zero) lands on the next entry's x, which the next store overwrites (the last one on the array's spare)
            var va = Vector256.Create(c.A.X, c.A.Y, c.A.Z, 0);
            var vb = Vector256.Create(c.B.X, c.B.Y, c.B.Z, 0);
            var vc = Vector256.Create(c.C.X, c.C.Y, c.C.Z, 0);
            fixed (double* sh = _shifts)
                for (int a = u.A0; a <= u.A1; a++)
                for (int b = u.B0; b <= u.B1; b++)
                {
                    var ab = Avx.Add(Avx.Multiply(Vector256.Create((double)a), va), Avx.Multiply(Vector256.Create((double)b), vb));
                    double* row = sh + 3 * (((a + ra) * db + b + rb) * dc + rc);
                    for (int e = u.C0; e <= u.C1; e++)
                        Avx.Store(row + 3 * e, Avx.Add(ab, Avx.Multiply(Vector256.Create((double)e), vc)));
                }
        }
        else
            for (int a = u.A0; a <= u.A1; a++)
            for (int b = u.B0; b <= u.B1; b++)
            for (int e = u.C0; e <= u.C1; e++)
            {
                int g = ((a + ra) * db + b + rb) * dc + e + rc;
                _shifts[3 * g] = a * c.A.X + b * c.B.X + e * c.C.X;
                _shifts[3 * g + 1] = a * c.A.Y + b * c.B.Y + e * c.C.Y;
                _shifts[3 * g + 2] = a * c.A.Z + b * c.B.Z + e * c.C.Z;
            }
        _shiftsCell = c;
        _filled = u;
        _filledLayout = (ra, rb, rc);
        _filledArray = _shifts;
    }
}
