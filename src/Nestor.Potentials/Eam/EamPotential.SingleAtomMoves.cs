using Nestor.Atoms;

namespace Nestor.Potentials.Eam;

public sealed partial class EamPotential
{
    /// <summary>
    /// E(atom moved to <paramref name="newPosition"/>) - E (eV). Only the pair terms of the moved atom, its own
    /// density and the densities of atoms within the cutoff of its old or new position change, so this costs a
    /// scan of the atoms near both positions plus a few embedding evaluations. It needs every atom's current density:
    /// they are cached in <paramref name="scratch"/> (by <see cref="Compute"/> or the first call on a structure) and
    /// updated incrementally when the structure afterwards differs from the cached one only by the move proposed
    /// last; any other change recomputes them (one density pass, no forces).
    /// </summary>
    public double EnergyChange(Structure s, int atom, Vec3 newPosition, PotentialResult scratch)
    {
        int n = s.Count;
        if ((uint)atom >= (uint)n) throw new ArgumentOutOfRangeException(nameof(atom), atom, $"the structure has {n} atoms");
        var ws = scratch.GetWorkspace(this, _newWorkspace);
        ws.EnsureAtoms(n);
        FillTypes(s, ws.Types);
        EnsureDensities(s, ws);

        for (int t = 0; t < ws.TouchedCount; t++) ws.Delta[ws.Touched[t]] = 0;
        ws.TouchedCount = 0;
        ws.StampValue++;
        if (ws.StampValue == int.MaxValue) { Array.Clear(ws.Stamp); ws.StampValue = 1; }

        double de = 0, drho = 0;
        Scan(s, ws, atom, s.GetPosition(atom), -1.0, ref de, ref drho);
        Scan(s, ws, atom, newPosition, +1.0, ref de, ref drho);

        var rho = ws.CacheRho;
        var types = ws.Types;
        double rhoNew = rho[atom] + drho;
        de += Embed(types[atom], rhoNew, out _) - Embed(types[atom], rho[atom], out _);
        for (int t = 0; t < ws.TouchedCount; t++)
        {
            int j = ws.Touched[t];
            de += Embed(types[j], rho[j] + ws.Delta[j], out _) - Embed(types[j], rho[j], out _);
        }
        ws.PendingAtom = atom;
        ws.PendingPosition = newPosition;
        ws.PendingRho = rhoNew;
        return de;
    }

    /// <summary>
    /// Adds sign x (pair energies, density at the moved atom, densities it gives others) for the moved atom placed at
    /// <paramref name="x"/>, over every other atom and every periodic image within the cutoff. Images of the moved
    /// atom itself keep their distance, so they are left out.
    /// </summary>
    private void Scan(Structure s, EamWorkspace ws, int atom, Vec3 x, double sign, ref double de, ref double drho)
    {
        int n = s.Count, ne = _ne;
        var pos = s.Positions;
        var types = ws.Types;
        int ta = types[atom];
        var cell = s.Cell;
        var pbc = s.Pbc;
        bool pa = pbc[0], pb = pbc[1], pc = pbc[2];
        Cell rec = default;
        double ea = 0, eb = 0, ec = 0;
        if (pa || pb || pc)
        {
            rec = cell.Reciprocal();
            var h = cell.Heights();
            ea = _rc / h.X; eb = _rc / h.Y; ec = _rc / h.Z;
        }
        double rc2 = _rc * _rc;
        for (int j = 0; j < n; j++)
        {
            if (j == atom) continue;
            var d0 = new Vec3(pos[3 * j] - x.X, pos[3 * j + 1] - x.Y, pos[3 * j + 2] - x.Z);
            int loA = 0, hiA = 0, loB = 0, hiB = 0, loC = 0, hiC = 0;
            if (pa)
            {
                double f = d0.Dot(rec.A), sh = Math.Round(f);
                d0 -= cell.A * sh; f -= sh;
                loA = (int)Math.Ceiling(-ea - f); hiA = (int)Math.Floor(ea - f);
            }
            if (pb)
            {
                double f = d0.Dot(rec.B), sh = Math.Round(f);
                d0 -= cell.B * sh; f -= sh;
                loB = (int)Math.Ceiling(-eb - f); hiB = (int)Math.Floor(eb - f);
            }
            if (pc)
            {
                double f = d0.Dot(rec.C), sh = Math.Round(f);
                d0 -= cell.C * sh; f -= sh;
                loC = (int)Math.Ceiling(-ec - f); hiC = (int)Math.Floor(ec - f);
            }
            int tj = types[j];
            var taj = _pair[ta * ne + tj];
            var tja = _pair[tj * ne + ta];
            for (int a = loA; a <= hiA; a++)
            for (int b = loB; b <= hiB; b++)
            for (int c = loC; c <= hiC; c++)
            {
                double dx = d0.X + a * cell.A.X + b * cell.B.X + c * cell.C.X;
                double dy = d0.Y + a * cell.A.Y + b * cell.B.Y + c * cell.C.Y;
                double dz = d0.Z + a * cell.A.Z + b * cell.B.Z + c * cell.C.Z;
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 >= rc2) continue;
                double r = Math.Sqrt(r2);
                int o = Knot(r, out double p);
                drho += sign * EamSpline.Value(taj, o, p);
                de += sign * EamSpline.Value(taj, o + PhiOffset, p) / r;
                if (ws.Stamp[j] != ws.StampValue)
                {
                    ws.Stamp[j] = ws.StampValue;
                    ws.Touched[ws.TouchedCount++] = j;
                }
                ws.Delta[j] += sign * EamSpline.Value(tja, o, p);
            }
        }
    }

    /// <summary>Makes the cached densities those of <paramref name="s"/>, incrementally when possible.</summary>
    private void EnsureDensities(Structure s, EamWorkspace ws)
    {
        int n = s.Count;
        if (ws.CacheValid && ws.CacheAtoms == n && ws.CacheCell == s.Cell
            && ws.CachePbcA == s.Pbc[0] && ws.CachePbcB == s.Pbc[1] && ws.CachePbcC == s.Pbc[2]
            && ws.Types.AsSpan(0, n).SequenceEqual(ws.CacheTypes.AsSpan(0, n)))
        {
            var p = s.Positions;
            var cp = ws.CachePositions;
            int moved = -1, count = 0;
            for (int i = 0; i < n && count < 2; i++)
                if (p[3 * i] != cp[3 * i] || p[3 * i + 1] != cp[3 * i + 1] || p[3 * i + 2] != cp[3 * i + 2]) { moved = i; count++; }
            if (count == 0) return;
            if (count == 1 && moved == ws.PendingAtom && s.GetPosition(moved) == ws.PendingPosition)
            {
                for (int t = 0; t < ws.TouchedCount; t++)
                {
                    int j = ws.Touched[t];
                    ws.CacheRho[j] += ws.Delta[j];
                    ws.Delta[j] = 0;
                }
                ws.TouchedCount = 0;
                ws.CacheRho[moved] = ws.PendingRho;
                cp[3 * moved] = p[3 * moved]; cp[3 * moved + 1] = p[3 * moved + 1]; cp[3 * moved + 2] = p[3 * moved + 2];
                ws.PendingAtom = -1;
                return;
            }
        }
        Densities(s, ws);
        ws.SaveCache(s, n);
    }

    /// <summary>Every atom's density into ws.Rho (one pass over the half list).</summary>
    private void Densities(Structure s, EamWorkspace ws)
    {
        int n = s.Count, ne = _ne;
        var nl = ws.Halves.For(s);
        var pos = ws.UpdateList(nl, s);
        var (start, index, _, _, _, _) = nl.Raw;
        double rc2 = _rc * _rc;
        var types = ws.Types;
        var rho = ws.Rho;
        Array.Clear(rho, 0, n);
        for (int i = 0; i < n; i++)
        {
            int ti = types[i];
            double rhoi = 0;
            double xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
            for (int k = start[i]; k < start[i + 1]; k++)
            {
                int j = index[k];
                int g = 3 * ws.Image[k];
                double dx = pos[3 * j] - xi + ws.Shifts[g], dy = pos[3 * j + 1] - yi + ws.Shifts[g + 1], dz = pos[3 * j + 2] - zi + ws.Shifts[g + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 >= rc2) continue;
                double r = Math.Sqrt(r2);
                int tj = types[j];
                int o = Knot(r, out double p);
                rhoi += EamSpline.Value(_pair[ti * ne + tj], o, p);
                rho[j] += EamSpline.Value(_pair[tj * ne + ti], o, p);
            }
            rho[i] += rhoi;
        }
    }
}
