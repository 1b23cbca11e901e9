using System.Globalization;
using Nestor.Atoms;
using Nestor.Atoms.Neighbours;
using Nestor.Potentials;
using Nestor.Potentials.Ace;

namespace Nestor.Fitting.Ace;

/// <summary>
/// The single-species ACE fitting basis as an <see cref="ILinearBasis"/>: first the pair block (ACE1x's pair basis,
/// <see cref="AceBasisSpec.PairBasisSize"/> functions, E = 1/2 sum_i sum_j P_n(r_ij)), then the many-body invariants
/// of <see cref="AceInvariantBasis"/> (site values B = A2B Re(AA), summed over sites). Forces and virial rows come from
/// the derivatives of the atomic base with respect to every coordinate of the cell (3N + 6 virial "coordinates")
/// pushed through the products. The fitted model converts, via c_PI = A2B^T c_B, to the evaluator's
/// <see cref="AceModel"/> (<see cref="ToPotential"/>).
/// </summary>
public sealed class AceLinearBasis : ILinearBasis
{
    private readonly AceInvariantBasis _inv;
    private readonly RadialBasis _radial, _pair;
    private readonly SphericalHarmonics _sh;
    private readonly int _nPair;
    private readonly string _symbol;

    /// <summary>Builds the basis of <paramref name="spec"/> for species <paramref name="symbol"/>.</summary>
    public AceLinearBasis(string symbol, AceBasisSpec spec)
    {
        if (!Elements.TryNumber(symbol, out _)) throw new FittingException($"ACE basis: unknown element '{symbol}'");
        spec.Validate();
        Spec = spec; _symbol = symbol;
        _inv = AceInvariantBasis.Build(spec);
        _radial = AceRadialBuilder.ManyBody(spec);
        _pair = AceRadialBuilder.Pair(spec);
        _sh = new SphericalHarmonics(Math.Max(_inv.OneParticle.MaxL, 0));
        _nPair = _pair.Count;
        Length = _nPair + _inv.Count;
    }

    /// <summary>The parameters.</summary>
    public AceBasisSpec Spec { get; }

    /// <summary>The many-body invariants.</summary>
    public AceInvariantBasis Invariants => _inv;

    /// <summary>Number of pair functions (the first block).</summary>
    public int PairCount => _nPair;

    /// <summary><c>ace:species=Mg,order=4,degree=14,cutoff=8.2,r0=3.2,wL=1.5,transform=2/4,envelope=2/2,
    /// pair_transform=1/3,pair_envelope=2,pair_degree=14</c>; <see cref="FromDescription"/> reads it back.</summary>
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"ace:species={_symbol},order={Spec.Order},degree={Spec.TotalDegree:R},cutoff={Spec.Cutoff:R},r0={Spec.R0:R},wL={Spec.WL:R},transform={Spec.Transform.P}/{Spec.Transform.Q},envelope={Spec.Envelope.Pin}/{Spec.Envelope.Pcut},pair_transform={Spec.PairTransform.P}/{Spec.PairTransform.Q},pair_envelope={Spec.PairEnvelope},pair_degree={Spec.PairBasisSize}");

    /// <summary>
    /// Recreates a basis from its <see cref="Description"/>. species, order, degree, cutoff and r0 are required; the
    /// other fields default to ACE1x's values. Errors name the offending field.
    /// </summary>
    public static AceLinearBasis FromDescription(string description)
    {
        const string prefix = "ace:";
        if (!description.StartsWith(prefix, StringComparison.Ordinal)) throw new FittingException($"basis '{description}' is not an ace: description");
        var kv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in description[prefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) throw new FittingException($"basis '{description}': '{part}' is not KEY=VALUE");
            if (!kv.TryAdd(part[..eq], part[(eq + 1)..])) throw new FittingException($"basis '{description}': '{part[..eq]}' given twice");
        }
        string[] allowed = ["species", "order", "degree", "cutoff", "r0", "wL", "transform", "envelope", "pair_transform", "pair_envelope", "pair_degree"];
        foreach (var k in kv.Keys)
            if (!allowed.Contains(k)) throw new FittingException($"basis '{description}': unknown field '{k}' (allowed: {string.Join(", ", allowed)})");
        string Get(string k) => kv.TryGetValue(k, out var v) ? v : throw new FittingException($"basis '{description}': missing {k}");
        double Num(string k) => double.TryParse(Get(k), NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
            ? x : throw new FittingException($"basis '{description}': {k} = '{Get(k)}' is not a number");
        int Int(string k) => int.TryParse(Get(k), NumberStyles.Integer, CultureInfo.InvariantCulture, out int x)
            ? x : throw new FittingException($"basis '{description}': {k} = '{Get(k)}' is not an integer");
        (int, int) Pair(string k)
        {
            var t = Get(k).Split('/');
            if (t.Length == 2 && int.TryParse(t[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int a)
                && int.TryParse(t[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int b)) return (a, b);
            throw new FittingException($"basis '{description}': {k} = '{Get(k)}' is not two integers A/B");
        }
        var d = new AceBasisSpec();
        var spec = new AceBasisSpec
        {
            Order = Int("order"), TotalDegree = Num("degree"), Cutoff = Num("cutoff"), R0 = Num("r0"),
            WL = kv.ContainsKey("wL") ? Num("wL") : d.WL,
            Transform = kv.ContainsKey("transform") ? Pair("transform") : d.Transform,
            Envelope = kv.ContainsKey("envelope") ? Pair("envelope") : d.Envelope,
            PairTransform = kv.ContainsKey("pair_transform") ? Pair("pair_transform") : d.PairTransform,
            PairEnvelope = kv.ContainsKey("pair_envelope") ? Int("pair_envelope") : d.PairEnvelope,
            PairDegree = kv.ContainsKey("pair_degree") ? Int("pair_degree") : null,
        };
        return new AceLinearBasis(Get("species"), spec);
    }

    public int Length { get; }
    public double Cutoff => Spec.Cutoff;
    public IReadOnlyList<string>? Species => [_symbol];

    public LinearBasisWorkspace CreateWorkspace() => new Workspace(this);

    public void Evaluate(Structure s, Span<double> energy, Span<double> forces, Span<double> virial, Span<double> siteEnergies,
        LinearBasisWorkspace workspace)
    {
        int n = s.Count, m = Length;
        var (wantF, wantV, wantA) = LinearBasisRows.Check(n, m, energy, forces, virial, siteEnergies);
        for (int i = 0; i < n; i++)
            if (s.Symbols[i] != _symbol) throw new FittingException($"atom {i} is {s.Symbols[i]}; the ACE basis is for {_symbol} only");
        energy.Clear(); forces.Clear(); virial.Clear(); siteEnergies.Clear();
        var ws = (Workspace)workspace;
        ws.Ensure(n);
        var nl = ws.List;
        nl.Build(s);
        var (start, index, dxs, dys, dzs, rs) = nl.Raw;
        bool grad = wantF || wantV;
        int nc = 3 * n + 6;          // coordinates: atoms, then virial components (Voigt)
        var op = _inv.OneParticle;
        int nv = op.Count, kr = _radial.Count, np = _nPair;
        var pb = _inv.Products;
        var p = ws.P; var dp = ws.DP;
        for (int i = 0; i < n; i++)
        {
            Array.Clear(ws.ARe, 0, nv); Array.Clear(ws.AIm, 0, nv);
            if (grad) { Array.Clear(ws.DRe, 0, nv * nc); Array.Clear(ws.DIm, 0, nv * nc); }
            for (int q = start[i]; q < start[i + 1]; q++)
            {
                double r = rs[q];
                if (r >= Spec.Cutoff) continue;
                int j = index[q];
                double dx = dxs[q], dy = dys[q], dz = dzs[q];
                double ux = dx / r, uy = dy / r, uz = dz / r;
                // pair block: site share 1/2 P_n(r)
                _pair.Evaluate(r, p, dp);
                for (int k = 0; k < np; k++)
                {
                    energy[k] += 0.5 * p[k];
                    if (wantA) siteEnergies[i * m + k] += 0.5 * p[k];
                    if (!grad) continue;
                    double g = 0.5 * dp[k];
                    double gx = g * ux, gy = g * uy, gz = g * uz; // dE_i/dR_ij
                    if (wantF)
                    {
                        forces[(3 * j) * m + k] -= gx; forces[(3 * j + 1) * m + k] -= gy; forces[(3 * j + 2) * m + k] -= gz;
                        forces[(3 * i) * m + k] += gx; forces[(3 * i + 1) * m + k] += gy; forces[(3 * i + 2) * m + k] += gz;
                    }
                    if (wantV)
                    {
                        virial[0 * m + k] -= gx * dx; virial[1 * m + k] -= gy * dy; virial[2 * m + k] -= gz * dz;
                        virial[3 * m + k] -= gy * dz; virial[4 * m + k] -= gx * dz; virial[5 * m + k] -= gx * dy;
                    }
                }
                // many-body: atomic base and its coordinate derivatives
                _radial.Evaluate(r, p, dp);
                _sh.Evaluate(dx, dy, dz, ws.YRe, ws.YIm, grad ? ws.GRe : [], grad ? ws.GIm : [], ws.Scratch);
                for (int v = 0; v < nv; v++)
                {
                    double rn = p[op.N[v] - 1];
                    int y = SphericalHarmonics.Index(op.L[v], op.M[v]);
                    double yr = ws.YRe[y], yi = ws.YIm[y];
                    ws.ARe[v] += rn * yr; ws.AIm[v] += rn * yi;
                    if (!grad) continue;
                    double drn = dp[op.N[v] - 1];
                    // grad phi = R' Y u + R grad Y
                    double gxr = drn * yr * ux + rn * ws.GRe[3 * y], gxi = drn * yi * ux + rn * ws.GIm[3 * y];
                    double gyr = drn * yr * uy + rn * ws.GRe[3 * y + 1], gyi = drn * yi * uy + rn * ws.GIm[3 * y + 1];
                    double gzr = drn * yr * uz + rn * ws.GRe[3 * y + 2], gzi = drn * yi * uz + rn * ws.GIm[3 * y + 2];
                    int o = v * nc;
                    var dre = ws.DRe; var dim = ws.DIm;
                    dre[o + 3 * j] += gxr; dim[o + 3 * j] += gxi;
                    dre[o + 3 * j + 1] += gyr; dim[o + 3 * j + 1] += gyi;
                    dre[o + 3 * j + 2] += gzr; dim[o + 3 * j + 2] += gzi;
                    dre[o + 3 * i] -= gxr; dim[o + 3 * i] -= gxi;
                    dre[o + 3 * i + 1] -= gyr; dim[o + 3 * i + 1] -= gyi;
                    dre[o + 3 * i + 2] -= gzr; dim[o + 3 * i + 2] -= gzi;
                    int w = o + 3 * n; // virial: W_ab = -sum g_a R_b
                    dre[w] -= gxr * dx; dim[w] -= gxi * dx;
                    dre[w + 1] -= gyr * dy; dim[w + 1] -= gyi * dy;
                    dre[w + 2] -= gzr * dz; dim[w + 2] -= gzi * dz;
                    dre[w + 3] -= gyr * dz; dim[w + 3] -= gyi * dz;
                    dre[w + 4] -= gxr * dz; dim[w + 4] -= gxi * dz;
                    dre[w + 5] -= gxr * dy; dim[w + 5] -= gxi * dy;
                }
            }
            // products, their coordinate derivatives (real parts), then A2B
            var aa = ws.AA; var daa = ws.DAA;
            var cr = ws.CoRe; var ci = ws.CoIm;
            for (int k = 0; k < pb.Count; k++)
            {
                var f = pb.Factors(k);
                int nu = f.Length;
                double pr = 1, pi = 0;
                foreach (int v in f) (pr, pi) = (pr * ws.ARe[v] - pi * ws.AIm[v], pr * ws.AIm[v] + pi * ws.ARe[v]);
                aa[k] = pr;
                if (!grad) continue;
                // cofactors prod_(beta != alpha) A
                for (int a = 0; a < nu; a++)
                {
                    double xr = 1, xi = 0;
                    for (int b = 0; b < nu; b++)
                    {
                        if (b == a) continue;
                        int v = f[b];
                        (xr, xi) = (xr * ws.ARe[v] - xi * ws.AIm[v], xr * ws.AIm[v] + xi * ws.ARe[v]);
                    }
                    cr[a] = xr; ci[a] = xi;
                }
                var row = daa.AsSpan(k * nc, nc);
                row.Clear();
                for (int a = 0; a < nu; a++)
                {
                    var dre = ws.DRe.AsSpan(f[a] * nc, nc); var dim = ws.DIm.AsSpan(f[a] * nc, nc);
                    double xr = cr[a], xi = ci[a];
                    for (int c = 0; c < nc; c++) row[c] += xr * dre[c] - xi * dim[c];
                }
            }
            for (int rI = 0; rI < _inv.Count; rI++)
            {
                var (cols, vals) = _inv.Row(rI);
                var cs = cols.Span; var vs = vals.Span;
                double b = 0;
                for (int q = 0; q < cs.Length; q++) b += vs[q] * aa[cs[q]];
                int col = np + rI;
                energy[col] += b;
                if (wantA) siteEnergies[i * m + col] += b;
                if (!grad) continue;
                var db = ws.DB;
                Array.Clear(db, 0, nc);
                for (int q = 0; q < cs.Length; q++)
                {
                    var d = daa.AsSpan(cs[q] * nc, nc);
                    double a = vs[q];
                    for (int c = 0; c < nc; c++) db[c] += a * d[c];
                }
                if (wantF) for (int c = 0; c < 3 * n; c++) forces[c * m + col] -= db[c];
                if (wantV) for (int v = 0; v < 6; v++) virial[v * m + col] += db[3 * n + v];
            }
        }
    }

    public double[] SmoothnessPrior(double p)
    {
        var d = new double[Length];
        for (int k = 0; k < _nPair; k++) d[k] = 1 + Math.Pow(k + 1, p);
        var op = _inv.OneParticle; var pb = _inv.Products;
        var deg = new double[pb.Count];
        for (int k = 0; k < pb.Count; k++)
            foreach (int v in pb.Factors(k)) deg[k] += Math.Pow(op.N[v], p) + Math.Pow(op.L[v], p) + Math.Pow(Math.Abs(op.M[v]), p);
        for (int r = 0; r < _inv.Count; r++)
        {
            var (cols, vals) = _inv.Row(r);
            double s = 0;
            for (int q = 0; q < cols.Length; q++) { double x = Math.Abs(vals.Span[q]) * deg[cols.Span[q]]; s += x * x; }
            d[_nPair + r] = 1 + Math.Sqrt(s);
        }
        return d;
    }

    /// <summary>The fitted model in the evaluator's representation (pair + product-basis coefficients c_PI = A2B^T c_B).</summary>
    public AceModel ToModel(double[] coefficients, IReadOnlyList<double[]>? committee = null, double e0 = 0)
    {
        if (coefficients.Length != Length) throw new ArgumentException($"{coefficients.Length} coefficients for {Length} basis functions");
        var members = committee ?? [];
        foreach (var c in members)
            if (c.Length != Length) throw new ArgumentException($"a committee member has {c.Length} coefficients for {Length} basis functions");
        double[]? pairCommittee = members.Count == 0 ? null : members.SelectMany(c => c[.._nPair]).ToArray();
        double[]? piCommittee = members.Count == 0 ? null : members.SelectMany(c => _inv.ToProductCoefficients(c.AsSpan(_nPair))).ToArray();
        var pair = new PairPotential(_pair, coefficients[.._nPair], pairCommittee, members.Count);
        var mb = new AceManyBody(_radial, _sh, _inv.OneParticle, _inv.Products, _inv.ToProductCoefficients(coefficients.AsSpan(_nPair)),
            piCommittee, members.Count);
        return new AceModel(_symbol, Elements.Number(_symbol), e0, pair, mb);
    }

    public IPotential ToPotential(double[] coefficients, IReadOnlyList<double[]>? committee = null, IReadOnlyDictionary<string, double>? e0 = null)
    {
        double e = 0;
        if (e0 is not null && e0.Count > 0 && !e0.TryGetValue(_symbol, out e))
            throw new FittingException($"E0 has no entry for {_symbol}");
        return new AcePotential(ToModel(coefficients, committee, e), "linear:" + Description);
    }

    private sealed class Workspace : LinearBasisWorkspace
    {
        private readonly AceLinearBasis _b;
        public NeighbourList List { get; }
        public double[] P, DP, YRe, YIm, GRe, GIm, Scratch, ARe, AIm, AA, CoRe, CoIm;
        public double[] DRe = [], DIm = [], DAA = [], DB = [];
        private int _n = -1;

        public Workspace(AceLinearBasis b)
        {
            _b = b;
            List = new NeighbourList(b.Cutoff, 0.0, half: false);
            int k = Math.Max(b._radial.Count, b._pair.Count);
            P = new double[k]; DP = new double[k];
            int ny = b._sh.Count;
            YRe = new double[ny]; YIm = new double[ny]; GRe = new double[3 * ny]; GIm = new double[3 * ny];
            Scratch = new double[2 * b._sh.ScratchLength];
            ARe = new double[b._inv.OneParticle.Count]; AIm = new double[b._inv.OneParticle.Count];
            AA = new double[b._inv.Products.Count];
            CoRe = new double[b._inv.Products.MaxOrder]; CoIm = new double[b._inv.Products.MaxOrder];
        }

        public void Ensure(int n)
        {
            if (n == _n) return;
            _n = n;
            int nc = 3 * n + 6;
            DRe = new double[_b._inv.OneParticle.Count * nc]; DIm = new double[_b._inv.OneParticle.Count * nc];
            DAA = new double[_b._inv.Products.Count * nc]; DB = new double[nc];
        }
    }
}
