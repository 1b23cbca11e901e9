using Nestor.Atoms;

namespace Nestor.Potentials.Eam;

public sealed partial class EamPotential
{
    /// <summary>
    /// Evaluation of a large structure on several threads: a full neighbour list, so every atom accumulates its own
    /// density and force without races. Atoms are split into fixed chunks whose partial sums (energy, virial) are
    /// added in chunk order, so results do not depend on scheduling or on the number of threads.
    /// </summary>
    private void ComputeParallel(Structure s, Quantities q, PotentialResult result, EamWorkspace ws)
    {
        int n = s.Count;
        var nl = ws.Full;
        nl.Update(s);
        bool wantF = (q & Quantities.Forces) != 0, wantV = (q & Quantities.Virial) != 0, wantA = (q & Quantities.AtomEnergies) != 0;
        bool deriv = wantF || wantV;
        if (deriv) ws.EnsureEntries(nl.EntryCount);
        int chunks = (n + ChunkSize - 1) / ChunkSize;
        ws.EnsureChunks(chunks);
        var options = new ParallelOptions { MaxDegreeOfParallelism = result.Threads };

        Parallel.For(0, chunks, options, c => DensityChunk(c, n, nl, ws, result, deriv, wantA));
        double energy = 0;
        for (int c = 0; c < chunks; c++) energy += ws.ChunkSums[8 * c];
        result.Energy = energy;
        if (!deriv) return;

        Parallel.For(0, chunks, options, c => ForceChunk(c, n, nl, ws, result, wantF));
        double vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        for (int c = 0; c < chunks; c++)
        {
            var cs = ws.ChunkSums;
            vxx += cs[8 * c + 1]; vyy += cs[8 * c + 2]; vzz += cs[8 * c + 3];
            vxy += cs[8 * c + 4]; vxz += cs[8 * c + 5]; vyz += cs[8 * c + 6];
        }
        if (wantV) SetVirial(result.Virial, 0.5 * vxx, 0.5 * vyy, 0.5 * vzz, 0.5 * vxy, 0.5 * vxz, 0.5 * vyz);
    }

    private void DensityChunk(int c, int n, Nestor.Atoms.Neighbours.NeighbourList nl, EamWorkspace ws, PotentialResult result, bool deriv, bool wantA)
    {
        var (start, index, _, _, _, rs) = nl.Raw;
        var types = ws.Types;
        double[] ca = ws.A, cb = ws.B, cc = ws.C;
        var ae = result.AtomEnergies;
        double rc = _rc;
        int ne = _ne;
        double chunkEnergy = 0;
        int lo = c * ChunkSize, hi = Math.Min(n, lo + ChunkSize);
        for (int i = lo; i < hi; i++)
        {
            int ti = types[i];
            double rhoi = 0, ephi = 0;
            int end = start[i + 1];
            for (int k = start[i]; k < end; k++)
            {
                double r = rs[k];
                if (r >= rc)
                {
                    if (deriv) { ca[k] = 0; cb[k] = 0; cc[k] = 0; }
                    continue;
                }
                int tj = types[index[k]];
                int o = Knot(r, out double p);
                var tij = _pair[ti * ne + tj];
                rhoi += EamSpline.Value(tij, o, p);
                double recip = 1.0 / r;
                double phi = EamSpline.Value(tij, o + PhiOffset, p) * recip;
                ephi += phi;
                if (deriv)
                {
                    var tji = _pair[tj * ne + ti];
                    double phip = EamSpline.Derivative(tij, o + PhiOffset, p) * recip - phi * recip;
                    ca[k] = EamSpline.Derivative(tij, o, p) * recip;
                    cb[k] = EamSpline.Derivative(tji, o, p) * recip;
                    cc[k] = phip * recip;
                }
            }
            ws.Rho[i] = rhoi;
            double ei = Embed(ti, rhoi, out ws.Fp[i]) + 0.5 * ephi;
            if (wantA) ae[i] = ei;
            chunkEnergy += ei;
        }
        ws.ChunkSums[8 * c] = chunkEnergy;
    }

    private static void ForceChunk(int c, int n, Nestor.Atoms.Neighbours.NeighbourList nl, EamWorkspace ws, PotentialResult result, bool wantF)
    {
        var (start, index, dxs, dys, dzs, _) = nl.Raw;
        var fp = ws.Fp;
        double[] ca = ws.A, cb = ws.B, cc = ws.C;
        var force = result.Forces;
        double vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        int lo = c * ChunkSize, hi = Math.Min(n, lo + ChunkSize);
        for (int i = lo; i < hi; i++)
        {
            double fpi = fp[i];
            double fix = 0, fiy = 0, fiz = 0;
            int end = start[i + 1];
            for (int k = start[i]; k < end; k++)
            {
                double fpair = -(fpi * ca[k] + fp[index[k]] * cb[k] + cc[k]);
                double dx = dxs[k], dy = dys[k], dz = dzs[k];
                double fx = dx * fpair, fy = dy * fpair, fz = dz * fpair;
                fix -= fx; fiy -= fy; fiz -= fz;
                vxx += dx * fx; vyy += dy * fy; vzz += dz * fz;
                vxy += dx * fy; vxz += dx * fz; vyz += dy * fz;
            }
            if (wantF) { force[3 * i] = fix; force[3 * i + 1] = fiy; force[3 * i + 2] = fiz; }
        }
        var cs = ws.ChunkSums;
        cs[8 * c + 1] = vxx; cs[8 * c + 2] = vyy; cs[8 * c + 3] = vzz;
        cs[8 * c + 4] = vxy; cs[8 * c + 5] = vxz; cs[8 * c + 6] = vyz;
    }
}
