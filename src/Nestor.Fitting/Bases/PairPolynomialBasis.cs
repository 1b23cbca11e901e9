using System.Globalization;
using Nestor.Atoms;
using Nestor.Atoms.Neighbours;
using Nestor.Potentials;

namespace Nestor.Fitting.Bases;

/// <summary>
/// A linear pair-potential basis: E = sum over pairs (i &lt; j, all periodic images) of V_{z_i z_j}(r_ij) with
/// V(r) = sum_n c_n R_n(r), R_n(r) = T_{n-1}(t(r)) (1 - r/rc)^2 for r &lt; rc, n = 1..degree, where T are Chebyshev
/// polynomials and t maps x(r) = 1 / (1 + (r/r0)^2) from [x(rc), 1] (i.e. r from rc down to 0) onto [-1, 1].
/// The cutoff factor makes V and V' vanish at rc. With several species every unordered pair of species gets its
/// own block of <c>degree</c> coefficients, in the order (0,0), (0,1), ..., (1,1), ... of <see cref="Species"/>.
/// A genuine, simple baseline for the fitting machinery; much less accurate than ACE.
/// </summary>
public sealed class PairPolynomialBasis : ILinearBasis
{
    private readonly string[] _species;
    private readonly double _rc, _r0, _xc;
    private readonly int _degree;

    /// <summary>Creates the basis for the given species (symbols), polynomial degree, cutoff and scale r0 (Angstrom).</summary>
    public PairPolynomialBasis(IReadOnlyList<string> species, int degree, double cutoff, double r0)
    {
        if (species.Count == 0) throw new ArgumentException("the pair basis needs at least one species");
        if (species.Distinct().Count() != species.Count) throw new ArgumentException("species listed twice");
        if (degree < 1) throw new ArgumentException($"degree must be at least 1, got {degree}");
        if (!(cutoff > 0) || !(r0 > 0)) throw new ArgumentException("cutoff and r0 must be positive");
        _species = [.. species];
        _degree = degree; _rc = cutoff; _r0 = r0;
        _xc = 1 / (1 + (cutoff / r0) * (cutoff / r0));
        int s = _species.Length;
        Length = degree * s * (s + 1) / 2;
    }

    /// <summary>Polynomial degree per species pair.</summary>
    public int Degree => _degree;

    /// <summary>Length scale of the distance transform (Angstrom).</summary>
    public double R0 => _r0;

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"pair:species={string.Join('/', _species)},degree={_degree},cutoff={_rc:R},r0={_r0:R}");

    public int Length { get; }

    public double Cutoff => _rc;

    public IReadOnlyList<string>? Species => _species;

    public LinearBasisWorkspace CreateWorkspace() => new Workspace(new NeighbourList(_rc, 0.0, half: true), _degree);

    /// <summary>Radial values R_n(r) and derivatives dR_n/dr, n = 1..degree, into the two spans.</summary>
    public void Radial(double r, Span<double> value, Span<double> derivative)
    {
        if (r >= _rc) { value.Clear(); derivative.Clear(); return; }
        double q = r / _r0;
        double x = 1 / (1 + q * q);
        double dx = -2 * q / _r0 * x * x;
        double sc = 2 / (1 - _xc);
        double t = sc * (x - _xc) - 1, dt = sc * dx;
        double u = 1 - r / _rc;
        double f = u * u, df = -2 * u / _rc;
        double tm = 1, tc = t, dm = 0, dc = 1; // T_0, T_1 and derivatives in t
        for (int n = 0; n < _degree; n++)
        {
            double tn, dn;
            if (n == 0) { tn = 1; dn = 0; }
            else if (n == 1) { tn = t; dn = 1; }
            else
            {
                tn = 2 * t * tc - tm; dn = 2 * tc + 2 * t * dc - dm;
                tm = tc; tc = tn; dm = dc; dc = dn;
            }
            value[n] = tn * f;
            derivative[n] = dn * dt * f + tn * df;
        }
    }

    private int Block(int zi, int zj)
    {
        int a = Math.Min(zi, zj), b = Math.Max(zi, zj), s = _species.Length;
        return (a * s - a * (a - 1) / 2 + (b - a)) * _degree;
    }

    public void Evaluate(Structure s, Span<double> energy, Span<double> forces, Span<double> virial, Span<double> siteEnergies,
        LinearBasisWorkspace workspace)
    {
        int n = s.Count, m = Length;
        var (wantF, wantV, wantA) = LinearBasisRows.Check(n, m, energy, forces, virial, siteEnergies);
        var ws = (Workspace)workspace;
        var kind = ws.Kinds(s, _species);
        energy.Clear(); forces.Clear(); virial.Clear(); siteEnergies.Clear();
        var nl = ws.List;
        nl.Build(s);
        var (start, index, dxs, dys, dzs, rs) = nl.Raw;
        var val = ws.Value.AsSpan();
        var der = ws.Derivative.AsSpan();
        for (int i = 0; i < n; i++)
        {
            for (int k = start[i]; k < start[i + 1]; k++)
            {
                double r = rs[k];
                if (r >= _rc) continue;
                int j = index[k];
                int off = Block(kind[i], kind[j]);
                Radial(r, val, der);
                for (int q = 0; q < _degree; q++) energy[off + q] += val[q];
                if (wantA)
                {
                    var ai = siteEnergies.Slice(i * m + off, _degree);
                    var aj = siteEnergies.Slice(j * m + off, _degree);
                    for (int q = 0; q < _degree; q++) { ai[q] += 0.5 * val[q]; aj[q] += 0.5 * val[q]; }
                }
                if (!wantF && !wantV) continue;
                double ux = dxs[k] / r, uy = dys[k] / r, uz = dzs[k] / r;
                if (wantF)
                {
                    // d = r_j - r_i; dE/dr_j = R' d/r, force on j = -R' d/r, on i = +R' d/r
                    var fjx = forces.Slice((3 * j) * m + off, _degree); var fix = forces.Slice((3 * i) * m + off, _degree);
                    var fjy = forces.Slice((3 * j + 1) * m + off, _degree); var fiy = forces.Slice((3 * i + 1) * m + off, _degree);
                    var fjz = forces.Slice((3 * j + 2) * m + off, _degree); var fiz = forces.Slice((3 * i + 2) * m + off, _degree);
                    for (int q = 0; q < _degree; q++)
                    {
                        double d = der[q];
                        fjx[q] -= d * ux; fix[q] += d * ux;
                        fjy[q] -= d * uy; fiy[q] += d * uy;
                        fjz[q] -= d * uz; fiz[q] += d * uz;
                    }
                }
                if (wantV)
                {
                    // W_ab = -sum dE/dd_a d_b = -R' r u_a u_b
                    double xx = r * ux * ux, yy = r * uy * uy, zz = r * uz * uz, yz = r * uy * uz, xz = r * ux * uz, xy = r * ux * uy;
                    for (int q = 0; q < _degree; q++)
                    {
                        double d = der[q];
                        virial[0 * m + off + q] -= d * xx;
                        virial[1 * m + off + q] -= d * yy;
                        virial[2 * m + off + q] -= d * zz;
                        virial[3 * m + off + q] -= d * yz;
                        virial[4 * m + off + q] -= d * xz;
                        virial[5 * m + off + q] -= d * xy;
                    }
                }
            }
        }
    }

    public double[] SmoothnessPrior(double p)
    {
        var d = new double[Length];
        for (int k = 0; k < Length; k++) d[k] = 1 + Math.Pow(k % _degree + 1, p);
        return d;
    }

    public IPotential ToPotential(double[] coefficients, IReadOnlyList<double[]>? committee = null, IReadOnlyDictionary<string, double>? e0 = null) =>
        new LinearBasisPotential(this, coefficients, committee, e0);

    private sealed class Workspace(NeighbourList list, int degree) : LinearBasisWorkspace
    {
        public NeighbourList List { get; } = list;
        public double[] Value { get; } = new double[degree];
        public double[] Derivative { get; } = new double[degree];
        private int[] _kinds = [];

        public int[] Kinds(Structure s, string[] species)
        {
            if (_kinds.Length != s.Count) _kinds = new int[s.Count];
            for (int i = 0; i < s.Count; i++)
            {
                int k = Array.IndexOf(species, s.Symbols[i]);
                if (k < 0) throw new FittingException($"atom {i} is {s.Symbols[i]}, which the basis does not know (species: {string.Join(", ", species)})");
                _kinds[i] = k;
            }
            return _kinds;
        }
    }
}
