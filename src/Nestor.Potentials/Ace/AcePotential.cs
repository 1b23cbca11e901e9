using Nestor.Atoms;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Nestor.Atoms.Neighbours;

namespace Nestor.Potentials.Ace;

/// <summary>
/// An ACE potential (<c>ace:PATH</c> to an ACE1.jl JSON model): energy, forces, virial, per-atom energies and committee
/// energies. The committee costs one basis evaluation plus one dot product per member per structure: the per-structure
/// sums of the product-basis values and pair-basis values are formed once and dotted with each member's coefficients.
/// Site energies are evaluated per atom (in parallel over fixed chunks of atoms when <see cref="PotentialResult.Threads"/>
/// &gt; 1); per-pair gradients are stored and gathered serially, so results do not depend on the thread count.
/// </summary>
public sealed class AcePotential : ICommitteePotential
{
    private const int ChunkAtoms = 16;
    private const double Skin = 0.5;

    private readonly AceModel _model;
    private readonly AceManyBody? _ace;
    private readonly PairPotential? _pair;
    private readonly AceSiteEvaluator? _site;
    private readonly int _nProducts, _nPair;
    private readonly string[] _species;

    /// <summary>Creates the potential from a model; <paramref name="spec"/> is what <see cref="Spec"/> returns.</summary>
    public AcePotential(AceModel model, string spec)
    {
        _model = model;
        Spec = spec;
        _species = [model.Symbol];
        _ace = model.ManyBody;
        _pair = model.Pair;
        if (_ace is not null)
        {
            _site = new AceSiteEvaluator(_ace);
            _nProducts = _site.Products.Count;
        }
        _nPair = _pair?.Basis.Count ?? 0;
    }

    /// <summary>Loads <c>ace:PATH</c>.</summary>
    public static IPotential FromSpec(PotentialSpec spec)
    {
        if (spec.Arguments.Length == 0) throw new PotentialException("ace: give the model file, e.g. ace:models/cycle_5_o4_d14.json");
        return new AcePotential(Ace1JsonLoader.Load(spec.Arguments), "ace:" + spec.Arguments);
    }

    /// <summary>Loads a model file.</summary>
    public static AcePotential Load(string path) => new(Ace1JsonLoader.Load(path), "ace:" + path);

    /// <summary>The model.</summary>
    public AceModel Model => _model;

    /// <summary>Product functions evaluated per site (conjugate pairs merged; the file's count is Model.ManyBody.Products.Count).</summary>
    public int ProductFunctionsEvaluated => _nProducts;

    public string Spec { get; }
    public double Cutoff => _model.Cutoff;
    public IReadOnlyList<string>? Species => _species;
    public int CommitteeSize => _model.CommitteeSize;

    public void Compute(Structure structure, Quantities quantities, PotentialResult result) =>
        Evaluate(structure, quantities, result, []);

    public void ComputeCommittee(Structure structure, Quantities quantities, PotentialResult result, Span<double> committeeEnergies)
    {
        if (committeeEnergies.Length != CommitteeSize)
            throw new ArgumentException($"the committee has {CommitteeSize} members, the span holds {committeeEnergies.Length}");
        if (CommitteeSize == 0) throw new PotentialException($"{Spec}: the model has no committee");
        Evaluate(structure, quantities, result, committeeEnergies);
    }

    private void Evaluate(Structure s, Quantities q, PotentialResult result, Span<double> committee)
    {
        int n = s.Count;
        var numbers = s.Numbers;
        for (int i = 0; i < n; i++)
            if (numbers[i] != _model.AtomicNumber)
                throw new PotentialException($"{Spec}: atom {i} is {s.Symbols[i]}, the model knows only {_model.Symbol}");
        result.Prepare(n, q);
        bool wantF = (q & Quantities.Forces) != 0, wantV = (q & Quantities.Virial) != 0, wantA = (q & Quantities.AtomEnergies) != 0;
        bool grad = wantF || wantV;
        bool wantC = committee.Length > 0;
        int threads = Math.Max(1, result.Threads);
        double cutoff = Cutoff;
        var ws = result.GetWorkspace(this, () => new AceWorkspace(cutoff > 0 ? new NeighbourList(cutoff, Skin) : null));
        if (ws.Threads.Length < threads)
        {
            var t = new AceSiteScratch[threads];
            for (int k = 0; k < threads; k++)
                t[k] = k < ws.Threads.Length ? ws.Threads[k]
                    : _site?.NewScratch(_nPair) ?? new AceSiteScratch(1, 1, 1, 1, _nPair);
            ws.Threads = t;
        }
        if (ws.SiteEnergy.Length < n) ws.SiteEnergy = new double[n];
        int chunks = (n + ChunkAtoms - 1) / ChunkAtoms;
        int stride = _nProducts + _nPair;
        if (wantC)
        {
            if (ws.ChunkSums.Length < chunks * stride) ws.ChunkSums = new double[chunks * stride];
            Array.Clear(ws.ChunkSums, 0, chunks * stride);
        }
        var list = ws.List;
        if (list is not null)
        {
            list.Update(s);
            if (grad && ws.PairGradient.Length < 3 * list.EntryCount) ws.PairGradient = new double[3 * list.EntryCount];
        }

        void RunChunks(int t, int step)
        {
            var scratch = ws.Threads[t];
            for (int c = t; c < chunks; c += step)
            {
                var sums = wantC ? ws.ChunkSums.AsSpan(c * stride, stride) : Span<double>.Empty;
                int end = Math.Min(n, (c + 1) * ChunkAtoms);
                for (int i = c * ChunkAtoms; i < end; i++)
                    ws.SiteEnergy[i] = list is null ? _model.E0 : Site(i, list, scratch, grad, ws.PairGradient, sums);
            }
        }

        void ForAllChunks(Action<int, int> work)
        {
            if (threads == 1 || chunks == 1) work(0, 1);
            else
            {
                int used = Math.Min(threads, chunks);
                Parallel.For(0, used, new ParallelOptions { MaxDegreeOfParallelism = used }, t => work(t, used));
            }
        }
        ForAllChunks(RunChunks);

        // forces and virial: gather the stored pair gradients per atom (own entries minus incoming ones), in parallel
        // over the same fixed chunks, then sum the per-chunk virials in chunk order
        if (grad && list is not null)
        {
            PrepareIncoming(ws, list);
            var f = wantF ? result.Forces : null;
            if (ws.ChunkVirial.Length < 9 * chunks) ws.ChunkVirial = new double[9 * chunks];
            ForAllChunks((t, step) =>
            {
                for (int c = t; c < chunks; c += step)
                    GatherChunk(list, ws, c * ChunkAtoms, Math.Min(n, (c + 1) * ChunkAtoms), f, ws.ChunkVirial.AsSpan(9 * c, 9));
            });
            if (wantV)
            {
                var w = result.Virial;
                Array.Clear(w);
                for (int c = 0; c < chunks; c++)
                    for (int k = 0; k < 9; k++) w[k] += ws.ChunkVirial[9 * c + k];
            }
        }

        double energy = 0;
        for (int i = 0; i < n; i++) energy += ws.SiteEnergy[i];
        result.Energy = energy;
        if (wantA) Array.Copy(ws.SiteEnergy, result.AtomEnergies, n);
        if (wantC) CommitteeEnergies(ws.ChunkSums, chunks, stride, n, committee);
    }

    /// <summary>Builds, after each neighbour-list rebuild, the entries pointing at each atom (CSR, in entry order).</summary>
    private static void PrepareIncoming(AceWorkspace ws, NeighbourList list)
    {
        if (ws.IncomingFor == list.Rebuilds && ws.IncomingStart.Length == list.AtomCount + 1) return;
        int n = list.AtomCount, m = list.EntryCount;
        var index = list.Index;
        var start = new int[n + 1];
        for (int k = 0; k < m; k++) start[index[k] + 1]++;
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        var fill = (int[])start.Clone();
        var entries = new int[m];
        for (int k = 0; k < m; k++) entries[fill[index[k]]++] = k;
        ws.IncomingStart = start;
        ws.IncomingEntries = entries;
        ws.IncomingFor = list.Rebuilds;
    }

    /// <summary>F_i = sum_(own entries) g - sum_(incoming entries) g for atoms [a0, a1); the chunk's virial -sum g (x) R.</summary>
    private static void GatherChunk(NeighbourList list, AceWorkspace ws, int a0, int a1, double[]? f, Span<double> w)
    {
        var (start, _, dx, dy, dz, _) = list.Raw;
        var g = ws.PairGradient;
        var inStart = ws.IncomingStart; var inEntries = ws.IncomingEntries;
        double w00 = 0, w01 = 0, w02 = 0, w10 = 0, w11 = 0, w12 = 0, w20 = 0, w21 = 0, w22 = 0;
        for (int i = a0; i < a1; i++)
        {
            double fx = 0, fy = 0, fz = 0;
            for (int k = start[i]; k < start[i + 1]; k++)
            {
                double gx = g[3 * k], gy = g[3 * k + 1], gz = g[3 * k + 2];
                fx += gx; fy += gy; fz += gz;
                double rx = dx[k], ry = dy[k], rz = dz[k];
                w00 -= gx * rx; w01 -= gx * ry; w02 -= gx * rz;
                w10 -= gy * rx; w11 -= gy * ry; w12 -= gy * rz;
                w20 -= gz * rx; w21 -= gz * ry; w22 -= gz * rz;
            }
            if (f is null) continue;
            for (int q = inStart[i]; q < inStart[i + 1]; q++)
            {
                int k = inEntries[q];
                fx -= g[3 * k]; fy -= g[3 * k + 1]; fz -= g[3 * k + 2];
            }
            f[3 * i] = fx; f[3 * i + 1] = fy; f[3 * i + 2] = fz;
        }
        w[0] = w00; w[1] = w01; w[2] = w02; w[3] = w10; w[4] = w11; w[5] = w12; w[6] = w20; w[7] = w21; w[8] = w22;
    }

    private void CommitteeEnergies(double[] chunkSums, int chunks, int stride, int atoms, Span<double> committee)
    {
        var total = new double[stride];
        for (int c = 0; c < chunks; c++)
            for (int k = 0; k < stride; k++) total[k] += chunkSums[c * stride + k];
        for (int j = 0; j < committee.Length; j++)
        {
            double e = atoms * _model.E0;
            if (_site is not null)
            {
                var cj = _site.Members[j];
                for (int k = 0; k < _nProducts; k++) e += cj[k] * total[k];
            }
            if (_pair is not null)
            {
                var pj = _pair.Member(j);
                for (int k = 0; k < _nPair; k++) e += pj[k] * total[_nProducts + k];
            }
            committee[j] = e;
        }
    }

    /// <summary>
    /// Site energy of atom i (E0 + 1/2 pair + ACE); stores dE_i/dR_ij per list entry when <paramref name="grad"/>;
    /// adds Re(AA_k) and 1/2 P_n(r_ij) into <paramref name="sums"/> when it is non-empty.
    /// </summary>
    private double Site(int i, NeighbourList list, AceSiteScratch sc, bool grad, double[] g, Span<double> sums)
    {
        var (start, _, dxs, dys, dzs, rs) = list.Raw;
        int k0 = start[i], k1 = start[i + 1];
        double e = _model.E0;
        bool keep = sums.Length > 0;

        // neighbours within the cutoff, padded to a multiple of 4 with far-away dummies (all radial functions zero)
        double cut = Cutoff;
        sc.Ensure(k1 - k0);
        int nn = 0;
        for (int k = k0; k < k1; k++)
        {
            double r = rs[k];
            if (r < cut)
            {
                sc.Entry[nn] = k; sc.Dx[nn] = dxs[k]; sc.Dy[nn] = dys[k]; sc.Dz[nn] = dzs[k]; sc.Rn[nn] = r;
                nn++;
            }
            else if (grad) { g[3 * k] = 0; g[3 * k + 1] = 0; g[3 * k + 2] = 0; }
        }
        int S = (nn + 3) & ~3;
        sc.Stride = S;
        for (int a = nn; a < S; a++) { sc.Dx[a] = 2 * cut; sc.Dy[a] = 0; sc.Dz[a] = 0; sc.Rn[a] = 2 * cut; }
        if (grad) { Array.Clear(sc.GX, 0, S); Array.Clear(sc.GY, 0, S); Array.Clear(sc.GZ, 0, S); }

        // pair part: 1/2 V(r) per neighbour (the basis is zero beyond the pair cutoff)
        if (_pair is not null)
        {
            int kp = _nPair;
            _pair.Basis.EvaluateSoA(sc.Rn.AsSpan(0, S), sc.PairP, sc.PairDP, S);
            var c = _pair.Coefficients;
            // V and V' for all slots at once (SIMD over neighbours); padding slots are zero
            var v = MemoryMarshal.Cast<double, Vector256<double>>(sc.GX.AsSpan(0, S));
            var dv = MemoryMarshal.Cast<double, Vector256<double>>(sc.GY.AsSpan(0, S));
            var pv = MemoryMarshal.Cast<double, Vector256<double>>(sc.PairP.AsSpan(0, kp * S));
            var dpv = MemoryMarshal.Cast<double, Vector256<double>>(sc.PairDP.AsSpan(0, kp * S));
            int nv = S / 4;
            for (int q = 0; q < nv; q++)
            {
                Vector256<double> sv = default, sd = default;
                for (int b = 0; b < kp; b++) { var cb = Vector256.Create(c[b]); sv += cb * pv[b * nv + q]; sd += cb * dpv[b * nv + q]; }
                v[q] = sv; dv[q] = sd;
            }
            double ePair = 0;
            for (int a = 0; a < nn; a++)
            {
                ePair += sc.GX[a];
                if (grad)
                {
                    double f = 0.5 * sc.GY[a] / sc.Rn[a];
                    sc.GX[a] = f * sc.Dx[a]; sc.GY[a] = f * sc.Dy[a]; sc.GZ[a] = f * sc.Dz[a];
                }
            }
            if (grad) for (int a = nn; a < S; a++) { sc.GX[a] = 0; sc.GY[a] = 0; }
            if (keep)
                for (int b = 0; b < kp; b++)
                {
                    double sb = 0;
                    for (int a = 0; a < nn; a++) sb += sc.PairP[b * S + a];
                    sums[_nProducts + b] += 0.5 * sb;
                }
            e += 0.5 * ePair;
        }
        if (_site is not null)
        {
            _site.Prepare(sc, grad);
            e += _site.Evaluate(sc, grad, keep ? sums[.._nProducts] : Span<double>.Empty);
        }
        if (!grad) return e;
        for (int a = 0; a < nn; a++)
        {
            int k = sc.Entry[a];
            g[3 * k] = sc.GX[a];
            g[3 * k + 1] = sc.GY[a];
            g[3 * k + 2] = sc.GZ[a];
        }
        return e;
    }
}
