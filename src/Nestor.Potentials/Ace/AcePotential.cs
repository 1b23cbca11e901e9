using Nestor.Atoms;
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
    private readonly ProductBasisEvaluator? _products;
    private readonly int[] _vN = [], _vLM = [];   // per one-particle function: radial index (0-based), (l, m) index
    private readonly int _k, _ny, _na, _nProducts, _nPair;

    /// <summary>Creates the potential from a model; <paramref name="spec"/> is what <see cref="Spec"/> returns.</summary>
    public AcePotential(AceModel model, string spec)
    {
        _model = model;
        Spec = spec;
        _ace = model.ManyBody;
        _pair = model.Pair;
        if (_ace is not null)
        {
            _products = new ProductBasisEvaluator(_ace.Products);
            var op = _ace.OneParticle;
            _na = op.Count;
            _vN = new int[_na]; _vLM = new int[_na];
            for (int v = 0; v < _na; v++) { _vN[v] = op.N[v] - 1; _vLM[v] = SphericalHarmonics.Index(op.L[v], op.M[v]); }
            _k = _ace.Radial.Count;
            _ny = _ace.Angular.Count;
            _nProducts = _ace.Products.Count;
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

    public string Spec { get; }
    public double Cutoff => _model.Cutoff;
    public IReadOnlyList<string>? Species => [_model.Symbol];
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
                    : new AceSiteScratch(_k, _ny, _na, _ace?.Angular.ScratchLength ?? 1, _nPair);
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

        if (threads == 1 || chunks == 1) RunChunks(0, 1);
        else
        {
            int used = Math.Min(threads, chunks);
            Parallel.For(0, used, new ParallelOptions { MaxDegreeOfParallelism = used }, t => RunChunks(t, used));
        }

        double energy = 0;
        for (int i = 0; i < n; i++) energy += ws.SiteEnergy[i];
        result.Energy = energy;
        if (wantA) Array.Copy(ws.SiteEnergy, result.AtomEnergies, n);
        if (grad && list is not null) Gather(list, ws.PairGradient, wantF ? result.Forces : null, wantV ? result.Virial : null);
        if (wantC) CommitteeEnergies(ws.ChunkSums, chunks, stride, n, committee);
    }

    /// <summary>F_i += g_ij, F_j -= g_ij; W = -sum g_ij (x) R_ij.</summary>
    private static void Gather(NeighbourList list, double[] g, double[]? f, double[]? w)
    {
        var (start, index, dx, dy, dz, _) = list.Raw;
        int n = list.AtomCount;
        double w00 = 0, w01 = 0, w02 = 0, w10 = 0, w11 = 0, w12 = 0, w20 = 0, w21 = 0, w22 = 0;
        for (int i = 0; i < n; i++)
        {
            double fx = 0, fy = 0, fz = 0;
            for (int k = start[i]; k < start[i + 1]; k++)
            {
                double gx = g[3 * k], gy = g[3 * k + 1], gz = g[3 * k + 2];
                if (gx == 0 && gy == 0 && gz == 0) continue;
                fx += gx; fy += gy; fz += gz;
                if (f is not null)
                {
                    int j = index[k];
                    f[3 * j] -= gx; f[3 * j + 1] -= gy; f[3 * j + 2] -= gz;
                }
                double rx = dx[k], ry = dy[k], rz = dz[k];
                w00 -= gx * rx; w01 -= gx * ry; w02 -= gx * rz;
                w10 -= gy * rx; w11 -= gy * ry; w12 -= gy * rz;
                w20 -= gz * rx; w21 -= gz * ry; w22 -= gz * rz;
            }
            if (f is not null) { f[3 * i] += fx; f[3 * i + 1] += fy; f[3 * i + 2] += fz; }
        }
        if (w is not null)
        {
            w[0] = w00; w[1] = w01; w[2] = w02; w[3] = w10; w[4] = w11; w[5] = w12; w[6] = w20; w[7] = w21; w[8] = w22;
        }
    }

    private void CommitteeEnergies(double[] chunkSums, int chunks, int stride, int atoms, Span<double> committee)
    {
        var total = new double[stride];
        for (int c = 0; c < chunks; c++)
            for (int k = 0; k < stride; k++) total[k] += chunkSums[c * stride + k];
        for (int j = 0; j < committee.Length; j++)
        {
            double e = atoms * _model.E0;
            if (_ace is not null)
            {
                var cj = _ace.Member(j);
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

        // pair part and neighbour collection for the many-body part
        double pairCut = _pair?.Cutoff ?? 0, aceCut = _ace?.Cutoff ?? 0;
        sc.Ensure(k1 - k0);
        int nn = 0;
        double ePair = 0;
        for (int k = k0; k < k1; k++)
        {
            double r = rs[k];
            double gx = 0, gy = 0, gz = 0;
            double inv = 1.0 / r;
            double ux = dxs[k] * inv, uy = dys[k] * inv, uz = dzs[k] * inv;
            if (r < pairCut)
            {
                double v = _pair!.Evaluate(r, out double dv, sc.PairP, sc.PairDP);
                ePair += v;
                gx = 0.5 * dv * ux; gy = 0.5 * dv * uy; gz = 0.5 * dv * uz;
                if (keep)
                    for (int b = 0; b < _nPair; b++) sums[_nProducts + b] += 0.5 * sc.PairP[b];
            }
            if (grad) { g[3 * k] = gx; g[3 * k + 1] = gy; g[3 * k + 2] = gz; }
            if (r < aceCut)
            {
                sc.Entry[nn] = k; sc.Ux[nn] = ux; sc.Uy[nn] = uy; sc.Uz[nn] = uz;
                nn++;
            }
        }
        e += 0.5 * ePair;
        if (_ace is null) return e;

        // radial and angular values per neighbour
        int K = _k, NY = _ny, NA = _na;
        for (int a = 0; a < nn; a++)
        {
            int k = sc.Entry[a];
            _ace.Radial.Evaluate(rs[k], sc.R.AsSpan(a * K, K), sc.DR.AsSpan(a * K, K));
            _ace.Angular.Evaluate(dxs[k], dys[k], dzs[k], sc.YRe.AsSpan(a * NY, NY), sc.YIm.AsSpan(a * NY, NY),
                grad ? sc.GRe.AsSpan(3 * a * NY, 3 * NY) : Span<double>.Empty, grad ? sc.GIm.AsSpan(3 * a * NY, 3 * NY) : Span<double>.Empty,
                sc.ShScratch);
        }
        // atomic base A_v = sum_a R_n(r_a) Y_lm(u_a)
        var aRe = sc.ARe; var aIm = sc.AIm;
        Array.Clear(aRe); Array.Clear(aIm);
        for (int a = 0; a < nn; a++)
        {
            int rb = a * K, yb = a * NY;
            for (int v = 0; v < NA; v++)
            {
                double rv = sc.R[rb + _vN[v]];
                aRe[v] += rv * sc.YRe[yb + _vLM[v]];
                aIm[v] += rv * sc.YIm[yb + _vLM[v]];
            }
        }
        double eAce = _products!.Evaluate(aRe, aIm, _ace.Coefficients,
            grad ? sc.WRe : Span<double>.Empty, grad ? sc.WIm : Span<double>.Empty,
            keep ? sums[.._nProducts] : Span<double>.Empty);
        e += eAce;
        if (!grad) return e;

        // backprop: dE/dR_a = Re sum_v w_v (R'_n Y u + R_n grad Y)
        var wRe = sc.WRe; var wIm = sc.WIm;
        for (int a = 0; a < nn; a++)
        {
            int rb = a * K, yb = a * NY;
            Array.Clear(sc.W0Re); Array.Clear(sc.W0Im); Array.Clear(sc.W1Re); Array.Clear(sc.W1Im);
            for (int v = 0; v < NA; v++)
            {
                int t = _vLM[v];
                double rv = sc.R[rb + _vN[v]], dv = sc.DR[rb + _vN[v]];
                sc.W0Re[t] += wRe[v] * rv; sc.W0Im[t] += wIm[v] * rv;
                sc.W1Re[t] += wRe[v] * dv; sc.W1Im[t] += wIm[v] * dv;
            }
            double radial = 0, gx = 0, gy = 0, gz = 0;
            for (int t = 0; t < NY; t++)
            {
                double yr = sc.YRe[yb + t], yi = sc.YIm[yb + t];
                radial += sc.W1Re[t] * yr - sc.W1Im[t] * yi;
                double w0r = sc.W0Re[t], w0i = sc.W0Im[t];
                int gb = 3 * (yb + t);
                gx += w0r * sc.GRe[gb] - w0i * sc.GIm[gb];
                gy += w0r * sc.GRe[gb + 1] - w0i * sc.GIm[gb + 1];
                gz += w0r * sc.GRe[gb + 2] - w0i * sc.GIm[gb + 2];
            }
            int k = sc.Entry[a];
            g[3 * k] += radial * sc.Ux[a] + gx;
            g[3 * k + 1] += radial * sc.Uy[a] + gy;
            g[3 * k + 2] += radial * sc.Uz[a] + gz;
        }
        return e;
    }
}
