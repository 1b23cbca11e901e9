using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Nestor.Atoms;

namespace Nestor.Potentials.Eam;

/// <summary>
/// The embedded-atom method as LAMMPS's <c>pair_style eam/alloy</c> and <c>eam/fs</c> compute it:
/// E = sum_i F_a(rho_i) + 1/2 sum_{i != j} phi_ab(r_ij), with rho_i = sum_j rho_{b->a}(r_ij), from tabulated
/// functions interpolated by LAMMPS's cubic splines (<see cref="EamSpline"/>), r*phi tabulated as in the file,
/// F extrapolated linearly beyond the end of its table (as LAMMPS), r-tables clamped at their last value.
/// Units eV and Angstrom. Thread-safe: all per-call state is in the <see cref="PotentialResult"/>.
/// </summary>
public sealed partial class EamPotential : ISingleAtomMoves
{
    /// <summary>
    /// Structures with at least this many atoms use <see cref="PotentialResult.Threads"/> threads when that is 3 or
    /// more (the parallel path does twice the arithmetic of the serial one).
    /// </summary>
    public const int ParallelThreshold = 256;

    /// <summary>Atoms per work item of the parallel evaluation (fixed, so sums do not depend on scheduling).</summary>
    private const int ChunkSize = 64;

    // pair table layout, per knot m: [m*16 + 0..6] density at an a-atom due to a b-atom; [m*16 + 8..14] r*phi
    private const int PairStride = 16, PhiOffset = 8, EmbedStride = 8;

    private readonly int _ne, _nrho, _nr;
    private readonly double _rdr, _rdrho, _rhomax, _rc;
    private readonly double[][] _pair;
    // the SIMD path's copy of a one-element pair table: per knot one 64-byte cache line [c3 c4 c5 c6 e3 e4 e5 e6]
    // (the density and r*phi value coefficients), starting at _valueRowsOffset so that rows are line-aligned
    private readonly double[]? _valueRows;
    private readonly int _valueRowsOffset;
    private readonly double[][] _embed;
    private readonly int[] _typeOfZ;
    private readonly string[] _elements;
    private readonly Func<EamWorkspace> _newWorkspace;

    /// <summary>Builds the potential from file tables. <paramref name="skin"/> is the neighbour-list skin (Angstrom).</summary>
    public EamPotential(EamFile file, double skin = 1.0)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!(skin >= 0)) throw new PotentialException($"eam: the neighbour skin must be non-negative, got {skin}");
        File = file;
        Skin = skin;
        _ne = file.Elements.Count;
        _nrho = file.Nrho; _nr = file.Nr;
        _rdr = 1.0 / file.Dr; _rdrho = 1.0 / file.Drho;
        _rhomax = (file.Nrho - 1) * file.Drho;
        _rc = file.Cutoff;
        _elements = [.. file.Elements];
        _newWorkspace = () => new EamWorkspace(_rc, Skin);

        _embed = new double[_ne][];
        for (int a = 0; a < _ne; a++)
        {
            _embed[a] = new double[(_nrho + 1) * EmbedStride];
            EamSpline.Interpolate(file.Embedding[a], file.Drho, _embed[a], EmbedStride, 0);
        }
        _pair = new double[_ne * _ne][];
        for (int a = 0; a < _ne; a++)
            for (int b = 0; b < _ne; b++)
            {
                var t = GC.AllocateArray<double>((_nr + 1) * PairStride, pinned: true);
                EamSpline.Interpolate(file.DensityTable(source: b, target: a), file.Dr, t, PairStride, 0);
                EamSpline.Interpolate(file.RPhiTable(a, b), file.Dr, t, PairStride, PhiOffset);
                _pair[a * _ne + b] = t;
            }
        if (_ne == 1) (_valueRows, _valueRowsOffset) = ValueRows(_pair[0], _nr);

        _typeOfZ = Enumerable.Repeat(-1, Elements.MaxAtomicNumber + 1).ToArray();
        for (int a = 0; a < _ne; a++)
            if (Elements.TryNumber(_elements[a], out int z) && _typeOfZ[z] < 0) _typeOfZ[z] = a;
    }

    /// <summary>
    /// The value coefficients of every knot of <paramref name="table"/> packed into one 64-byte line per knot (the
    /// full rows, 128 bytes with the derivative coefficients, made the 10,000-knot tables of common files overflow
    /// a core's L2 cache, and a pair's lookup touch two lines).
    /// </summary>
    private static unsafe (double[] Rows, int Offset) ValueRows(double[] table, int nr)
    {
        var rows = GC.AllocateArray<double>((nr + 1) * 8 + 8, pinned: true);
        int offset;
        fixed (double* p = rows) offset = (int)((64 - ((nuint)p & 63)) & 63) / sizeof(double);
        for (int m = 0; m <= nr; m++)
            for (int c = 0; c < 4; c++)
            {
                rows[offset + 8 * m + c] = table[m * PairStride + 3 + c];
                rows[offset + 8 * m + 4 + c] = table[m * PairStride + PhiOffset + 3 + c];
            }
        return (rows, offset);
    }

    /// <summary>Reads a file; the format comes from the file name unless given.</summary>
    public static EamPotential Read(string path, EamFormat? format = null, double skin = 1.0)
    {
        var f = format ?? EamFile.FormatFromFileName(path)
            ?? throw new PotentialException($"eam: cannot tell the format of '{path}' from its name (*.fs is eam/fs; *.alloy, *.setfl is eam/alloy); write eam/fs:{path} or eam/alloy:{path}");
        return new EamPotential(EamFile.Read(path, f), skin);
    }

    /// <summary>Creates the potential from a spec <c>eam:PATH</c>, <c>eam/fs:PATH</c> or <c>eam/alloy:PATH</c>.</summary>
    public static IPotential FromSpec(PotentialSpec spec)
    {
        string path = spec.Arguments;
        if (path.Length == 0) throw new PotentialException($"{spec.Style}: give the potential file, e.g. {spec.Style}:Mg1.eam.fs");
        EamFormat? format = spec.Style switch
        {
            "eam" => null,
            "eam/fs" => EamFormat.FinnisSinclair,
            "eam/alloy" => EamFormat.Alloy,
            _ => throw new PotentialException($"eam: unknown style '{spec.Style}' (eam, eam/fs, eam/alloy)"),
        };
        return Read(path, format);
    }

    /// <summary>The tables this potential was built from.</summary>
    public EamFile File { get; }

    /// <summary>Neighbour-list skin (Angstrom).</summary>
    public double Skin { get; }

    public string Spec => (File.Format == EamFormat.FinnisSinclair ? "eam/fs:" : "eam/alloy:") + File.Path;

    public double Cutoff => _rc;

    public IReadOnlyList<string>? Species => _elements;

    /// <summary>Embedding energy F (eV) of an atom of element index <paramref name="type"/> at density rho, and F'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double Embed(int type, double rho, out double fp)
    {
        double p = rho * _rdrho + 1.0;
        int m = p < _nrho ? (int)p : _nrho - 1;
        if (m < 1) m = 1;
        else if (m > _nrho - 1) m = _nrho - 1;
        p -= m;
        if (p > 1.0) p = 1.0;
        var t = _embed[type];
        int o = m * EmbedStride;
        fp = EamSpline.Derivative(t, o, p);
        double phi = EamSpline.Value(t, o, p);
        if (rho > _rhomax) phi += fp * (rho - _rhomax);
        return phi;
    }

    /// <summary>Embedding energy F (eV) of element index <paramref name="type"/> at density rho.</summary>
    public double EmbeddingEnergy(int type, double rho) => Embed(type, rho, out _);

    /// <summary>Knot index and local coordinate of distance r in the r-tables (LAMMPS's rounding and clamping).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Knot(double r, out double p)
    {
        p = r * _rdr + 1.0;
        int m = (int)p;
        if (m > _nr - 1) m = _nr - 1;
        p -= m;
        if (p > 1.0) p = 1.0;
        return m * PairStride;
    }

    /// <summary>The density an atom of element b gives an atom of element a at distance r.</summary>
    public double Density(int a, int b, double r)
    {
        int o = Knot(r, out double p);
        return r < _rc ? EamSpline.Value(_pair[a * _ne + b], o, p) : 0.0;
    }

    /// <summary>The pair energy phi_ab(r) (eV).</summary>
    public double PairEnergy(int a, int b, double r)
    {
        int o = Knot(r, out double p);
        return r < _rc ? EamSpline.Value(_pair[a * _ne + b], o + PhiOffset, p) / r : 0.0;
    }

    /// <summary>Maps every atom to its element index in the file; an element the file lacks is an error.</summary>
    private void FillTypes(Structure s, int[] types)
    {
        var numbers = s.Numbers;
        for (int i = 0; i < types.Length && i < s.Count; i++)
        {
            int z = numbers[i];
            int t = (uint)z < (uint)_typeOfZ.Length ? _typeOfZ[z] : -1;
            if (t < 0)
                throw new PotentialException($"{Spec}: atom {i} is {s.Symbols[i]}, which the file does not define (it has {string.Join(", ", _elements)})");
            types[i] = t;
        }
    }

    public void Compute(Structure s, Quantities q, PotentialResult result)
    {
        int n = s.Count;
        result.Prepare(n, q);
        var ws = result.GetWorkspace(this, _newWorkspace);
        ws.EnsureAtoms(n);
        FillTypes(s, ws.Types);
        if (n == 0) return;
        // The parallel path walks a full list (every pair twice, so no write conflicts): twice the arithmetic of the
        // serial half-list path, so it can only win with three or more threads.
        if (result.Threads > 2 && n >= ParallelThreshold) ComputeParallel(s, q, result, ws);
        else ComputeSerial(s, q, result, ws);
        ws.SaveCache(s, n);
    }

    private unsafe void ComputeSerial(Structure s, Quantities q, PotentialResult result, EamWorkspace ws)
    {
        int n = s.Count;
        var nl = ws.Halves.For(s);
        var local = ws.UpdateList(nl, s);
        if (VectorPath)
        {
            ComputeSerialVector(s, q, result, ws, nl);
            return;
        }
        var (startArr, indexArr, _, _, _, _) = nl.Raw;
        bool wantF = (q & Quantities.Forces) != 0, wantV = (q & Quantities.Virial) != 0, wantA = (q & Quantities.AtomEnergies) != 0;
        bool deriv = wantF || wantV;
        var types = ws.Types;
        var fpArr = ws.Fp;
        double rc2 = _rc * _rc, rdr = _rdr;
        int ne = _ne, nrm1 = _nr - 1;
        bool single = ne == 1;
        Array.Clear(ws.Rho, 0, n);
        double epair = 0, eemb = 0;
        double vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;

        fixed (double* pos = local, shifts = ws.Shifts, rho = ws.Rho, fp = fpArr,
               ca = ws.A, cb = ws.B, cc = ws.C, ae = result.AtomEnergies, force = result.Forces, single0 = _pair[0])
        fixed (double* cd = ws.D)
        fixed (int* start = startArr, index = indexArr, image = ws.Image, cj = ws.J, inRange = ws.InRange)
        {
            // pass 1: displacements, densities, pair energies; the pairs within the cutoff and their r-derivatives
            // are kept, compacted to the front of each row, for pass 2
            for (int i = 0; i < n; i++)
            {
                int ti = types[i];
                double xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
                double rhoi = 0;
                int end = start[i + 1], w = start[i];
                for (int k = start[i]; k < end; k++)
                {
                    int j = index[k];
                    double* sh = shifts + 3 * image[k];
                    double dx = pos[3 * j] - xi + sh[0], dy = pos[3 * j + 1] - yi + sh[1], dz = pos[3 * j + 2] - zi + sh[2];
                    double r2 = dx * dx + dy * dy + dz * dz;
                    if (r2 >= rc2) continue;
                    double r = Math.Sqrt(r2);
                    double p = r * rdr + 1.0;
                    int m = (int)p;
                    if (m > nrm1) m = nrm1;
                    p -= m;
                    if (p > 1.0) p = 1.0;
                    double* tij, tji;
                    if (single) { tij = single0 + m * PairStride; tji = tij; }
                    else
                    {
                        int tj = types[j];
                        tij = Row(ti * ne + tj, m);
                        tji = Row(tj * ne + ti, m);
                    }
                    double rij = ((tij[3] * p + tij[4]) * p + tij[5]) * p + tij[6];
                    rhoi += rij;
                    rho[j] += single ? rij : ((tji[3] * p + tji[4]) * p + tji[5]) * p + tji[6];
                    double recip = 1.0 / r;
                    double phi = (((tij[11] * p + tij[12]) * p + tij[13]) * p + tij[14]) * recip;
                    epair += phi;
                    if (wantA) { ae[i] += 0.5 * phi; ae[j] += 0.5 * phi; }
                    if (deriv)
                    {
                        double phip = ((tij[8] * p + tij[9]) * p + tij[10]) * recip - phi * recip;
                        double dij = (tij[0] * p + tij[1]) * p + tij[2];
                        cj[w] = j;
                        cd[3 * w] = dx; cd[3 * w + 1] = dy; cd[3 * w + 2] = dz;
                        ca[w] = dij * recip;
                        if (!single) cb[w] = ((tji[0] * p + tji[1]) * p + tji[2]) * recip;
                        cc[w] = phip * recip;
                        w++;
                    }
                }
                inRange[i] = w - start[i];
                rho[i] += rhoi;
            }

            // embedding energies and their derivatives
            for (int i = 0; i < n; i++)
            {
                double f = Embed(types[i], rho[i], out fp[i]);
                eemb += f;
                if (wantA) ae[i] += f;
            }

            // pass 2: forces and virial, fpair = -(dE/dr)/r
            if (deriv)
            {
                for (int i = 0; i < n; i++)
                {
                    double fpi = fp[i];
                    double fix = 0, fiy = 0, fiz = 0;
                    int end = start[i] + inRange[i];
                    for (int w = start[i]; w < end; w++)
                    {
                        int j = cj[w];
                        double dx = cd[3 * w], dy = cd[3 * w + 1], dz = cd[3 * w + 2];
                        double aw = ca[w];
                        double fpair = -(fpi * aw + fp[j] * (single ? aw : cb[w]) + cc[w]);
                        double fx = dx * fpair, fy = dy * fpair, fz = dz * fpair;
                        if (wantF)
                        {
                            fix -= fx; fiy -= fy; fiz -= fz;
                            force[3 * j] += fx; force[3 * j + 1] += fy; force[3 * j + 2] += fz;
                        }
                        vxx += dx * fx; vyy += dy * fy; vzz += dz * fz;
                        vxy += dx * fy; vxz += dx * fz; vyz += dy * fz;
                    }
                    if (wantF) { force[3 * i] += fix; force[3 * i + 1] += fiy; force[3 * i + 2] += fiz; }
                }
            }
        }
        result.Energy = eemb + epair;
        if (wantV) SetVirial(result.Virial, vxx, vyy, vzz, vxy, vxz, vyz);
    }

    /// <summary>Pointer to knot m of pair table t (the tables are pinned: allocated on the pinned object heap).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe double* Row(int t, int m) =>
        (double*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_pair[t])) + m * PairStride;

    private static void SetVirial(double[] v, double xx, double yy, double zz, double xy, double xz, double yz)
    {
        v[0] = xx; v[4] = yy; v[8] = zz;
        v[1] = v[3] = xy; v[2] = v[6] = xz; v[5] = v[7] = yz;
    }
}
