using System.Runtime.CompilerServices;

namespace Nestor.Atoms;

/// <summary>
/// An atomic structure, the one type every stage of Nestor passes around (as ASE's <c>Atoms</c>):
/// Cartesian positions (Angstrom) stored flat as x0 y0 z0 x1 ..., the cell (rows a, b, c), periodicity per axis,
/// species as symbols and atomic numbers, masses (amu), optional velocities (Angstrom per ASE time unit,
/// see <see cref="Units.TimeUnitFs"/>), an ordered info dictionary (per-frame values) and named per-atom arrays.
/// </summary>
/// <remarks>
/// Info values are one of: <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>,
/// or arrays of those (<c>double[]</c>, <c>long[]</c>, <c>bool[]</c>, <c>string[]</c>). 3x3 tensors are stored as
/// 9 numbers, row-major. Per-atom arrays hold everything beyond species, positions, masses and velocities
/// (e.g. <c>forces</c>, <c>dft_forces</c>).
/// </remarks>
public sealed class Structure
{
    private double[] _positions;
    private string[] _symbols;
    private int[] _numbers;
    private double[] _masses;

    /// <summary>Creates a structure from symbols and flat Cartesian positions (3 per atom).</summary>
    public Structure(IReadOnlyList<string> symbols, ReadOnlySpan<double> positions, Cell cell, bool periodic = true)
        : this(symbols, positions, cell, [periodic, periodic, periodic])
    {
    }

    /// <summary>Creates a structure from symbols, flat Cartesian positions, a cell and periodicity per axis.</summary>
    public Structure(IReadOnlyList<string> symbols, ReadOnlySpan<double> positions, Cell cell, bool[] pbc)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (positions.Length != 3 * symbols.Count)
            throw new ArgumentException($"{symbols.Count} atoms need {3 * symbols.Count} coordinates, got {positions.Length}");
        if (pbc.Length != 3) throw new ArgumentException("pbc needs 3 flags", nameof(pbc));
        _symbols = [.. symbols];
        _numbers = new int[_symbols.Length];
        _masses = new double[_symbols.Length];
        for (int i = 0; i < _symbols.Length; i++)
        {
            if (!Elements.TryNumber(_symbols[i], out _numbers[i]))
                throw new ArgumentException($"atom {i}: unknown element symbol '{_symbols[i]}'");
            _masses[i] = Elements.Mass(_numbers[i]);
        }
        _positions = positions.ToArray();
        Cell = cell;
        Pbc = [.. pbc];
        if ((pbc[0] || pbc[1] || pbc[2]) && cell.Determinant == 0)
            throw new ArgumentException("a periodic structure needs a cell with non-zero volume");
    }

    /// <summary>Number of atoms.</summary>
    public int Count => _symbols.Length;

    /// <summary>Flat Cartesian positions, 3 per atom (Angstrom). Modify in place; call no setter.</summary>
    public double[] Positions => _positions;

    /// <summary>The cell (rows a, b, c).</summary>
    public Cell Cell { get; set; }

    /// <summary>Periodicity along a, b, c.</summary>
    public bool[] Pbc { get; private set; }

    /// <summary>True when periodic along all three cell vectors.</summary>
    public bool IsFullyPeriodic => Pbc[0] && Pbc[1] && Pbc[2];

    /// <summary>Element symbols, one per atom.</summary>
    public IReadOnlyList<string> Symbols => _symbols;

    /// <summary>Atomic numbers, one per atom.</summary>
    public IReadOnlyList<int> Numbers => _numbers;

    /// <summary>Masses in amu, one per atom (standard masses unless set).</summary>
    public double[] Masses => _masses;

    /// <summary>Velocities (3 per atom, Angstrom per ASE time unit) or null when the structure has none.</summary>
    public double[]? Velocities { get; set; }

    /// <summary>Per-frame values, in the order they were read or set.</summary>
    public OrderedDictionary<string, object> Info { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Named per-atom arrays beyond species, positions, masses and velocities, in order.</summary>
    public OrderedDictionary<string, PerAtomArray> Arrays { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The per-atom column names in the order an extended XYZ file listed them (e.g. species, pos, masses, momenta,
    /// dft_forces), or null. Set by the extxyz reader; the writer follows it, so that a round trip writes the same
    /// Properties (including whether masses were a column and whether velocities were momenta, velo or velocities).
    /// </summary>
    public IReadOnlyList<string>? ColumnOrder { get; set; }

    /// <summary>Volume of the cell (Angstrom^3).</summary>
    public double Volume => Cell.Volume;

    /// <summary>Position of atom <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vec3 GetPosition(int i) => new(_positions[3 * i], _positions[3 * i + 1], _positions[3 * i + 2]);

    /// <summary>Sets the position of atom <paramref name="i"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetPosition(int i, Vec3 r)
    {
        _positions[3 * i] = r.X; _positions[3 * i + 1] = r.Y; _positions[3 * i + 2] = r.Z;
    }

    /// <summary>Sets the per-atom masses (amu).</summary>
    public void SetMasses(ReadOnlySpan<double> masses)
    {
        if (masses.Length != Count) throw new ArgumentException($"need {Count} masses, got {masses.Length}");
        masses.CopyTo(_masses);
    }

    /// <summary>Sets the periodicity along a, b, c.</summary>
    public void SetPbc(bool a, bool b, bool c) => Pbc = [a, b, c];

    /// <summary>
    /// Changes the cell. With <paramref name="scaleAtoms"/> the atoms keep their fractional coordinates
    /// (an affine deformation of the whole structure); otherwise the Cartesian positions stay.
    /// </summary>
    public void SetCell(Cell cell, bool scaleAtoms)
    {
        if (scaleAtoms)
        {
            var rec = Cell.Reciprocal();
            for (int i = 0; i < Count; i++)
            {
                var r = GetPosition(i);
                var f = new Vec3(r.Dot(rec.A), r.Dot(rec.B), r.Dot(rec.C));
                SetPosition(i, cell.ToCartesian(f));
            }
        }
        Cell = cell;
    }

    /// <summary>Fractional coordinates of all atoms (3 per atom).</summary>
    public double[] GetFractional()
    {
        var rec = Cell.Reciprocal();
        var f = new double[3 * Count];
        for (int i = 0; i < Count; i++)
        {
            var r = GetPosition(i);
            f[3 * i] = r.Dot(rec.A); f[3 * i + 1] = r.Dot(rec.B); f[3 * i + 2] = r.Dot(rec.C);
        }
        return f;
    }

    /// <summary>Sets all positions from fractional coordinates (3 per atom).</summary>
    public void SetFractional(ReadOnlySpan<double> frac)
    {
        if (frac.Length != 3 * Count) throw new ArgumentException($"need {3 * Count} fractional coordinates");
        for (int i = 0; i < Count; i++)
            SetPosition(i, Cell.ToCartesian(new Vec3(frac[3 * i], frac[3 * i + 1], frac[3 * i + 2])));
    }

    /// <summary>
    /// Wraps atoms back into the cell along the periodic directions (fractional coordinates in [0, 1)).
    /// </summary>
    public void Wrap()
    {
        var rec = Cell.Reciprocal();
        for (int i = 0; i < Count; i++)
        {
            var r = GetPosition(i);
            double fa = r.Dot(rec.A), fb = r.Dot(rec.B), fc = r.Dot(rec.C);
            if (Pbc[0]) fa = WrapUnit(fa);
            if (Pbc[1]) fb = WrapUnit(fb);
            if (Pbc[2]) fc = WrapUnit(fc);
            SetPosition(i, Cell.ToCartesian(new Vec3(fa, fb, fc)));
        }
    }

    private static double WrapUnit(double f)
    {
        double w = f - Math.Floor(f);
        return w >= 1.0 ? 0.0 : w;
    }

    /// <summary>A deep copy (positions, cell, species, masses, velocities, info and arrays).</summary>
    public Structure Clone()
    {
        var s = (Structure)MemberwiseClone();
        s._positions = (double[])_positions.Clone();
        s._symbols = (string[])_symbols.Clone();
        s._numbers = (int[])_numbers.Clone();
        s._masses = (double[])_masses.Clone();
        s.Pbc = (bool[])Pbc.Clone();
        s.Velocities = (double[]?)Velocities?.Clone();
        s.Info = new OrderedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (k, v) in Info) s.Info[k] = v is Array a ? a.Clone() : v;
        s.Arrays = new OrderedDictionary<string, PerAtomArray>(StringComparer.Ordinal);
        foreach (var (k, v) in Arrays) s.Arrays[k] = v.Clone();
        return s;
    }

    /// <summary>
    /// Copies positions, cell and velocities from <paramref name="other"/> (same atom count) without allocating
    /// when shapes match. Info and arrays are not copied. Used by samplers to restore a saved state.
    /// </summary>
    public void CopyStateFrom(Structure other)
    {
        if (other.Count != Count) throw new ArgumentException("atom counts differ");
        Array.Copy(other._positions, _positions, _positions.Length);
        Cell = other.Cell;
        if (other.Velocities is null) Velocities = null;
        else
        {
            Velocities ??= new double[3 * Count];
            Array.Copy(other.Velocities, Velocities, Velocities.Length);
        }
    }

    /// <summary>
    /// A copy with the atoms reordered: new atom k is old atom <paramref name="order"/>[k]. Per-atom arrays follow.
    /// </summary>
    public Structure Permute(IReadOnlyList<int> order)
    {
        if (order.Count != Count) throw new ArgumentException("the permutation must list every atom once");
        var s = Clone();
        for (int k = 0; k < Count; k++)
        {
            int o = order[k];
            s._symbols[k] = _symbols[o];
            s._numbers[k] = _numbers[o];
            s._masses[k] = _masses[o];
            for (int d = 0; d < 3; d++)
            {
                s._positions[3 * k + d] = _positions[3 * o + d];
                if (Velocities is not null) s.Velocities![3 * k + d] = Velocities[3 * o + d];
            }
        }
        foreach (var (k, v) in Arrays) s.Arrays[k] = v.Select(order);
        return s;
    }

    /// <summary>
    /// The supercell made of n_a x n_b x n_c copies of this cell (periodic structures). Atom order: all atoms of
    /// image (0,0,0) first, then the images in the order a fastest... c slowest is not guaranteed; each image
    /// block keeps the original atom order. Per-atom arrays are repeated; info is copied.
    /// </summary>
    public Structure Repeat(int na, int nb, int nc)
    {
        if (na < 1 || nb < 1 || nc < 1) throw new ArgumentException("repeat counts must be at least 1");
        int n = Count, m = na * nb * nc;
        var sym = new string[n * m];
        var pos = new double[3 * n * m];
        var order = new int[n * m];
        int k = 0;
        for (int ia = 0; ia < na; ia++)
        for (int ib = 0; ib < nb; ib++)
        for (int ic = 0; ic < nc; ic++)
        {
            var t = Cell.A * ia + Cell.B * ib + Cell.C * ic;
            for (int i = 0; i < n; i++, k++)
            {
                sym[k] = _symbols[i];
                order[k] = i;
                pos[3 * k] = _positions[3 * i] + t.X;
                pos[3 * k + 1] = _positions[3 * i + 1] + t.Y;
                pos[3 * k + 2] = _positions[3 * i + 2] + t.Z;
            }
        }
        var s = new Structure(sym, pos, new Cell(Cell.A * na, Cell.B * nb, Cell.C * nc), Pbc);
        for (int j = 0; j < n * m; j++) s._masses[j] = _masses[order[j]];
        if (Velocities is not null)
        {
            s.Velocities = new double[3 * n * m];
            for (int j = 0; j < n * m; j++)
                for (int d = 0; d < 3; d++) s.Velocities[3 * j + d] = Velocities[3 * order[j] + d];
        }
        foreach (var (key, v) in Info) s.Info[key] = v is Array a ? a.Clone() : v;
        foreach (var (key, v) in Arrays) s.Arrays[key] = v.Select(order);
        return s;
    }

    /// <summary>Number of atoms of each element, in order of first appearance (e.g. Mg16).</summary>
    public string Formula()
    {
        var counts = new OrderedDictionary<string, int>();
        foreach (var s in _symbols) counts[s] = counts.TryGetValue(s, out int c) ? c + 1 : 1;
        return string.Concat(counts.Select(kv => kv.Value == 1 ? kv.Key : kv.Key + kv.Value));
    }
}
