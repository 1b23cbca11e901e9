using System.Globalization;
using Nestor.Atoms;
using Nestor.Atoms.Neighbours;
using Nestor.Potentials;

namespace Nestor.Fitting.Bases;

/// <summary>
/// A linear EAM-like basis for one species: the pair-polynomial block of <see cref="PairPolynomialBasis"/> plus
/// embedding functions of fixed densities,
/// E = sum_pairs V(r_ij) + sum_i sum_a sum_k d_ak T_k(s(rho_i^a)),
/// rho_i^a = sum_j phi_a(r_ij), phi_a(r) = exp(-beta_a (r - r0) / r0) (1 - r/rc)^2,
/// s(rho) = 2 rho / (rho + rho_a*) - 1 (maps [0, inf) onto [-1, 1)), T_k Chebyshev polynomials, k = 1..embedding.
/// rho_a* = 12 phi_a(r0) (a close-packed crystal at nearest-neighbour distance r0). The embedding is non-linear in
/// the density but the model is linear in (c, d). A stronger baseline than pairs alone; still far below ACE.
/// Coefficient order: the pair block, then for each density a the embedding block k = 1..embedding.
/// </summary>
public sealed class EamLikeBasis : ILinearBasis
{
    private readonly PairPolynomialBasis _pair;
    private readonly double[] _beta;
    private readonly double[] _rhoStar;
    private readonly int _ng;
    private readonly double _rc, _r0;
    private readonly string _species;

    /// <summary>Creates the basis: pair degree, embedding degree, density decay rates beta_a, cutoff and r0 (Angstrom).</summary>
    public EamLikeBasis(string species, int pairDegree, int embeddingDegree, IReadOnlyList<double> betas, double cutoff, double r0)
    {
        if (embeddingDegree < 1) throw new ArgumentException("embedding degree must be at least 1");
        if (betas.Count < 1 || betas.Any(b => !(b >= 0))) throw new ArgumentException("need at least one non-negative density decay rate");
        _pair = new PairPolynomialBasis([species], pairDegree, cutoff, r0);
        _species = species;
        _beta = [.. betas];
        _ng = embeddingDegree;
        _rc = cutoff; _r0 = r0;
        _rhoStar = _beta.Select(b => 12 * Phi(b, r0, out _)).ToArray();
        Length = pairDegree + _beta.Length * _ng;
    }

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"eamlike:species={_species},degree={_pair.Degree},embedding={_ng},betas={string.Join('/', _beta.Select(b => b.ToString("R", CultureInfo.InvariantCulture)))},cutoff={_rc:R},r0={_r0:R}");

    public int Length { get; }
    public double Cutoff => _rc;
    public IReadOnlyList<string>? Species => [_species];

    private double Phi(double beta, double r, out double dphi)
    {
        if (r >= _rc) { dphi = 0; return 0; }
        double e = Math.Exp(-beta * (r - _r0) / _r0);
        double u = 1 - r / _rc;
        dphi = e * (-beta / _r0 * u * u - 2 * u / _rc);
        return e * u * u;
    }

    /// <summary>Embedding values T_k(s(rho)) and derivatives d/drho, k = 1..embedding, for density a.</summary>
    private void Embed(int a, double rho, Span<double> g, Span<double> dg)
    {
        double rs = _rhoStar[a];
        double s = 2 * rho / (rho + rs) - 1, ds = 2 * rs / ((rho + rs) * (rho + rs));
        double tm = 1, tc = s, dm = 0, dc = 1; // T_0, T_1 and d/ds
        g[0] = s; dg[0] = ds;
        for (int k = 1; k < _ng; k++)
        {
            double tn = 2 * s * tc - tm, dn = 2 * tc + 2 * s * dc - dm;
            tm = tc; tc = tn; dm = dc; dc = dn;
            g[k] = tn; dg[k] = dn * ds;
        }
    }

    public LinearBasisWorkspace CreateWorkspace() => new Workspace(_pair.CreateWorkspace(), new NeighbourList(_rc, 0.0, half: true));

    public void Evaluate(Structure s, Span<double> energy, Span<double> forces, Span<double> virial, Span<double> siteEnergies,
        LinearBasisWorkspace workspace)
    {
        int n = s.Count, m = Length, mp = _pair.Length, nd = _beta.Length;
        var ws = (Workspace)workspace;
        bool wantF = forces.Length > 0, wantV = virial.Length > 0, wantA = siteEnergies.Length > 0;
        if (energy.Length != m || (wantF && forces.Length != 3 * n * m) || (wantV && virial.Length != 6 * m) || (wantA && siteEnergies.Length != n * m))
            throw new ArgumentException("row buffers have the wrong size");
        for (int i = 0; i < n; i++)
            if (s.Symbols[i] != _species) throw new FittingException($"atom {i} is {s.Symbols[i]}; this EAM-like basis is for {_species} only");
        energy.Clear(); forces.Clear(); virial.Clear(); siteEnergies.Clear();

        // pair block: evaluate into the scratch rows of the pair basis, then copy into columns 0..mp-1
        ws.Size(n, mp, nd, _ng);
        _pair.Evaluate(s, ws.PE, wantF ? ws.PF.AsSpan(0, 3 * n * mp) : [], wantV ? ws.PV : [], wantA ? ws.PA.AsSpan(0, n * mp) : [], ws.Pair);
        ws.PE.CopyTo(energy);
        if (wantF) for (int r = 0; r < 3 * n; r++) ws.PF.AsSpan(r * mp, mp).CopyTo(forces.Slice(r * m, mp));
        if (wantV) for (int r = 0; r < 6; r++) ws.PV.AsSpan(r * mp, mp).CopyTo(virial.Slice(r * m, mp));
        if (wantA) for (int i = 0; i < n; i++) ws.PA.AsSpan(i * mp, mp).CopyTo(siteEnergies.Slice(i * m, mp));

        // densities
        var nl = ws.List;
        nl.Build(s);
        var (start, index, dxs, dys, dzs, rs) = nl.Raw;
        var rho = ws.Rho; // n x nd
        Array.Clear(rho, 0, n * nd);
        for (int i = 0; i < n; i++)
            for (int k = start[i]; k < start[i + 1]; k++)
            {
                double r = rs[k];
                if (r >= _rc) continue;
                int j = index[k];
                for (int a = 0; a < nd; a++)
                {
                    double p = Phi(_beta[a], r, out _);
                    rho[i * nd + a] += p; rho[j * nd + a] += p;
                }
            }
        // embedding values and derivatives per atom: G[i, a, k], dG[i, a, k]
        var g = ws.G; var dg = ws.DG;
        int blk = nd * _ng;
        for (int i = 0; i < n; i++)
            for (int a = 0; a < nd; a++)
            {
                Embed(a, rho[i * nd + a], g.AsSpan(i * blk + a * _ng, _ng), dg.AsSpan(i * blk + a * _ng, _ng));
                for (int q = 0; q < _ng; q++)
                {
                    double v = g[i * blk + a * _ng + q];
                    energy[mp + a * _ng + q] += v;
                    if (wantA) siteEnergies[i * m + mp + a * _ng + q] += v;
                }
            }
        if (!wantF && !wantV) return;
        for (int i = 0; i < n; i++)
            for (int k = start[i]; k < start[i + 1]; k++)
            {
                double r = rs[k];
                if (r >= _rc) continue;
                int j = index[k];
                double ux = dxs[k] / r, uy = dys[k] / r, uz = dzs[k] / r;
                for (int a = 0; a < nd; a++)
                {
                    Phi(_beta[a], r, out double dphi);
                    int col = mp + a * _ng;
                    for (int q = 0; q < _ng; q++)
                    {
                        // dB/dd (d = r_j - r_i) = (G'(rho_i) + G'(rho_j)) phi'(r) u
                        double c = (dg[i * blk + a * _ng + q] + dg[j * blk + a * _ng + q]) * dphi;
                        if (wantF)
                        {
                            forces[(3 * j) * m + col + q] -= c * ux; forces[(3 * i) * m + col + q] += c * ux;
                            forces[(3 * j + 1) * m + col + q] -= c * uy; forces[(3 * i + 1) * m + col + q] += c * uy;
                            forces[(3 * j + 2) * m + col + q] -= c * uz; forces[(3 * i + 2) * m + col + q] += c * uz;
                        }
                        if (wantV)
                        {
                            double cr = c * r;
                            virial[0 * m + col + q] -= cr * ux * ux;
                            virial[1 * m + col + q] -= cr * uy * uy;
                            virial[2 * m + col + q] -= cr * uz * uz;
                            virial[3 * m + col + q] -= cr * uy * uz;
                            virial[4 * m + col + q] -= cr * ux * uz;
                            virial[5 * m + col + q] -= cr * ux * uy;
                        }
                    }
                }
            }
    }

    public double[] SmoothnessPrior(double p)
    {
        var d = new double[Length];
        _pair.SmoothnessPrior(p).CopyTo(d, 0);
        for (int a = 0; a < _beta.Length; a++)
            for (int q = 0; q < _ng; q++) d[_pair.Length + a * _ng + q] = 1 + Math.Pow(q + 1, p);
        return d;
    }

    public IPotential ToPotential(double[] coefficients, IReadOnlyList<double[]>? committee = null, IReadOnlyDictionary<string, double>? e0 = null) =>
        new LinearBasisPotential(this, coefficients, committee, e0);

    private sealed class Workspace(LinearBasisWorkspace pair, NeighbourList list) : LinearBasisWorkspace
    {
        public LinearBasisWorkspace Pair { get; } = pair;
        public NeighbourList List { get; } = list;
        public double[] PE = [], PF = [], PV = [], PA = [], Rho = [], G = [], DG = [];

        public void Size(int n, int mp, int nd, int ng)
        {
            if (PE.Length != mp) { PE = new double[mp]; PV = new double[6 * mp]; }
            if (PF.Length < 3 * n * mp) PF = new double[3 * n * mp];
            if (PA.Length < n * mp) PA = new double[n * mp];
            if (Rho.Length < n * nd) Rho = new double[n * nd];
            if (G.Length < n * nd * ng) { G = new double[n * nd * ng]; DG = new double[n * nd * ng]; }
        }
    }
}
