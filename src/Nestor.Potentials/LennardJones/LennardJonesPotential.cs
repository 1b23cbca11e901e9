using Nestor.Atoms;
using Nestor.Atoms.Neighbours;

namespace Nestor.Potentials.LennardJones;

/// <summary>
/// The 12-6 Lennard-Jones pair potential, E = sum_pairs 4 eps [(s/r)^12 - (s/r)^6] for r &lt; rc, optionally
/// shifted so each pair energy is zero at the cutoff (LAMMPS <c>pair_modify shift yes</c>, pymatnest's
/// Fortran LJ). The same parameters for every species. Units: epsilon eV, sigma and cutoff Angstrom.
/// </summary>
public sealed partial class LennardJonesPotential : ISingleAtomMoves
{
    private readonly double _eps, _sigma, _rc, _shift;
    private readonly Func<LennardJonesWorkspace> _newWorkspace;

    public LennardJonesPotential(double epsilon, double sigma, double cutoff, bool shift)
    {
        if (!(epsilon > 0)) throw new PotentialException($"lj: epsilon must be positive, got {epsilon}");
        if (!(sigma > 0)) throw new PotentialException($"lj: sigma must be positive, got {sigma}");
        if (!(cutoff > 0)) throw new PotentialException($"lj: cutoff must be positive, got {cutoff}");
        _eps = epsilon; _sigma = sigma; _rc = cutoff;
        _newWorkspace = () => new LennardJonesWorkspace(cutoff, 0.5);
        Shifted = shift;
        double sr6 = Math.Pow(sigma / cutoff, 6);
        _shift = shift ? 4 * epsilon * (sr6 * sr6 - sr6) : 0.0;
    }

    /// <summary>Creates the potential from <c>lj:epsilon=..,sigma=..,cutoff=..,shift=..</c>.</summary>
    public static IPotential FromSpec(PotentialSpec spec)
    {
        var a = spec.KeyValues("epsilon", "sigma", "cutoff", "shift");
        double sigma = spec.Number(a, "sigma");
        return new LennardJonesPotential(spec.Number(a, "epsilon"), sigma, spec.Number(a, "cutoff", 3 * sigma), spec.Flag(a, "shift", true));
    }

    public double Epsilon => _eps;
    public double Sigma => _sigma;
    public bool Shifted { get; }
    public double Cutoff => _rc;
    public IReadOnlyList<string>? Species => null;

    public string Spec => FormattableString.Invariant(
        $"lj:epsilon={_eps:R},sigma={_sigma:R},cutoff={_rc:R},shift={(Shifted ? "true" : "false")}");

    /// <summary>Pair energy (eV) at distance r (Angstrom), including the shift; zero beyond the cutoff.</summary>
    public double PairEnergy(double r)
    {
        if (r >= _rc) return 0;
        double sr2 = _sigma * _sigma / (r * r), sr6 = sr2 * sr2 * sr2;
        return 4 * _eps * (sr6 * sr6 - sr6) - _shift;
    }

    public void Compute(Structure s, Quantities q, PotentialResult result)
    {
        int n = s.Count;
        result.Prepare(n, q);
        var ws = result.GetWorkspace(this, _newWorkspace);
        var nl = ws.Lists.For(s);
        var (pos, shifts, code) = nl.Prepare(s);
        if (VectorPath)
        {
            ComputeVector(s, q, result, ws.Scratch, nl, pos, shifts, code);
            return;
        }
        var (start, index, _, _, _, _) = nl.Raw;
        bool wantF = (q & Quantities.Forces) != 0, wantV = (q & Quantities.Virial) != 0, wantA = (q & Quantities.AtomEnergies) != 0;
        double rc2 = _rc * _rc, s2 = _sigma * _sigma, e4 = 4 * _eps, e24 = 24 * _eps;
        double energy = 0, vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        var f = result.Forces;
        var ae = result.AtomEnergies;
        for (int i = 0; i < n; i++)
        {
            double fix = 0, fiy = 0, fiz = 0, ei = 0;
            double xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
            for (int k = start[i]; k < start[i + 1]; k++)
            {
                int j = index[k], g = 3 * code[k];
                double dx = pos[3 * j] - xi + shifts[g], dy = pos[3 * j + 1] - yi + shifts[g + 1], dz = pos[3 * j + 2] - zi + shifts[g + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 >= rc2) continue;
                double sr2 = s2 / r2, sr6 = sr2 * sr2 * sr2;
                double e = e4 * (sr6 * sr6 - sr6) - _shift;
                ei += e;
                if (wantA) ae[j] += 0.5 * e;
                // fpair = -(dE/dr)/r ; force on j is +fpair*d, on i is -fpair*d
                double fpair = e24 * (2 * sr6 * sr6 - sr6) / r2;
                if (wantF)
                {
                    fix -= fpair * dx; fiy -= fpair * dy; fiz -= fpair * dz;
                    f[3 * j] += fpair * dx; f[3 * j + 1] += fpair * dy; f[3 * j + 2] += fpair * dz;
                }
                if (wantV)
                {
                    vxx += fpair * dx * dx; vyy += fpair * dy * dy; vzz += fpair * dz * dz;
                    vxy += fpair * dx * dy; vxz += fpair * dx * dz; vyz += fpair * dy * dz;
                }
            }
            energy += ei;
            if (wantA) ae[i] += 0.5 * ei;
            if (wantF) { f[3 * i] += fix; f[3 * i + 1] += fiy; f[3 * i + 2] += fiz; }
        }
        result.Energy = energy;
        if (wantV)
        {
            var v = result.Virial;
            v[0] = vxx; v[4] = vyy; v[8] = vzz;
            v[1] = v[3] = vxy; v[2] = v[6] = vxz; v[5] = v[7] = vyz;
        }
    }

    public double EnergyChange(Structure s, int atom, Vec3 newPosition, PotentialResult scratch)
    {
        // Direct sum over all periodic images of all other atoms within the cutoff, at the old and new position.
        return SiteEnergy(s, atom, newPosition) - SiteEnergy(s, atom, s.GetPosition(atom));
    }

    /// <summary>Energy of atom <paramref name="atom"/> placed at <paramref name="r"/> with every other atom and all their images.</summary>
    private double SiteEnergy(Structure s, int atom, Vec3 r)
    {
        var cell = s.Cell;
        var pbc = s.Pbc;
        int ma = 0, mb = 0, mc = 0;
        if (pbc[0] || pbc[1] || pbc[2])
        {
            var h = cell.Heights();
            if (pbc[0]) ma = (int)Math.Ceiling(_rc / h.X) + 1;
            if (pbc[1]) mb = (int)Math.Ceiling(_rc / h.Y) + 1;
            if (pbc[2]) mc = (int)Math.Ceiling(_rc / h.Z) + 1;
        }
        double rc2 = _rc * _rc, e = 0;
        var rec = (pbc[0] || pbc[1] || pbc[2]) ? cell.Reciprocal() : default;
        for (int j = 0; j < s.Count; j++)
        {
            // the atom's own images move with it: their distances, and so their energy, do not change
            if (j == atom) continue;
            var d0 = s.GetPosition(j) - r;
            // reduce to the nearest image first along periodic axes, then scan the neighbouring images
            if (pbc[0]) d0 -= cell.A * Math.Round(d0.Dot(rec.A));
            if (pbc[1]) d0 -= cell.B * Math.Round(d0.Dot(rec.B));
            if (pbc[2]) d0 -= cell.C * Math.Round(d0.Dot(rec.C));
            for (int a = -ma; a <= ma; a++)
            for (int b = -mb; b <= mb; b++)
            for (int c = -mc; c <= mc; c++)
            {
                var d = d0 + cell.A * a + cell.B * b + cell.C * c;
                double r2 = d.Norm2();
                if (r2 >= rc2) continue;
                double sr2 = _sigma * _sigma / r2, sr6 = sr2 * sr2 * sr2;
                e += 4 * _eps * (sr6 * sr6 - sr6) - _shift;
            }
        }
        return e;
    }
}
