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
        ws.UpdateList(nl, s);
        bool wantF = (q & Quantities.Forces) != 0, wantV = (q & Quantities.Virial) != 0, wantA = (q & Quantities.AtomEnergies) != 0;
        bool deriv = wantF || wantV;
        int chunks = (n + ChunkSize - 1) / ChunkSize;
        ws.EnsureChunks(chunks);
        var job = ws.Job as ParallelJob ?? new ParallelJob(this);
        ws.Job = job;
        job.Set(s, nl, ws, result, deriv, wantA, wantF);
        var options = job.Options;
        options.MaxDegreeOfParallelism = result.Threads;

        Parallel.For(0, chunks, options, job.Density);
        double energy = 0;
        for (int c = 0; c < chunks; c++) energy += ws.ChunkSums[8 * c];
        result.Energy = energy;
        if (!deriv) { job.Clear(); return; }

        Parallel.For(0, chunks, options, job.Force);
        job.Clear();
        double vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        for (int c = 0; c < chunks; c++)
        {
            var cs = ws.ChunkSums;
            vxx += cs[8 * c + 1]; vyy += cs[8 * c + 2]; vzz += cs[8 * c + 3];
            vxy += cs[8 * c + 4]; vxz += cs[8 * c + 5]; vyz += cs[8 * c + 6];
        }
        if (wantV) SetVirial(result.Virial, 0.5 * vxx, 0.5 * vyy, 0.5 * vzz, 0.5 * vxy, 0.5 * vxz, 0.5 * vyz);
    }

    /// <summary>The arguments of one parallel evaluation, with delegates made once per workspace (no per-call closures).</summary>
    private sealed class ParallelJob
    {
        private Structure? _s;
        private Nestor.Atoms.Neighbours.NeighbourList? _nl;
        private EamWorkspace? _ws;
        private PotentialResult? _result;
        private bool _deriv, _wantA, _wantF;

        public ParallelJob(EamPotential pot)
        {
            Density = c => pot.DensityChunk(c, _s!, _nl!, _ws!, _result!, _deriv, _wantA);
            Force = c => ForceChunk(c, _s!, _nl!, _ws!, _result!, _wantF);
        }

        public Action<int> Density { get; }
        public Action<int> Force { get; }
        public ParallelOptions Options { get; } = new();

        public void Set(Structure s, Nestor.Atoms.Neighbours.NeighbourList nl, EamWorkspace ws, PotentialResult result, bool deriv, bool wantA, bool wantF)
        {
            _s = s; _nl = nl; _ws = ws; _result = result; _deriv = deriv; _wantA = wantA; _wantF = wantF;
        }

        public void Clear() { _s = null; _result = null; }
    }

    private void DensityChunk(int c, Structure s, Nestor.Atoms.Neighbours.NeighbourList nl, EamWorkspace ws, PotentialResult result, bool deriv, bool wantA)
    {
        var (start, index, _, _, _, _) = nl.Raw;
        var types = ws.Types;
        var pos = ws.Local; // positions as UpdateList left them
        double[] shifts = ws.Shifts;
        int[] image = ws.Image;
        double[] ca = ws.A, cb = ws.B, cc = ws.C;
        int[] ck = ws.K;
        var ae = result.AtomEnergies;
        double rc2 = _rc * _rc;
        int ne = _ne;
        double chunkEnergy = 0;
        int lo = c * ChunkSize, hi = Math.Min(s.Count, lo + ChunkSize);
        for (int i = lo; i < hi; i++)
        {
            int ti = types[i];
            double xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
            double rhoi = 0, ephi = 0;
            int end = start[i + 1], w = start[i];
            for (int k = start[i]; k < end; k++)
            {
                int j = index[k], g = 3 * image[k];
                double dx = pos[3 * j] - xi + shifts[g], dy = pos[3 * j + 1] - yi + shifts[g + 1], dz = pos[3 * j + 2] - zi + shifts[g + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 >= rc2) continue;
                double r = Math.Sqrt(r2);
                int tj = types[j];
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
                    ck[w] = k;
                    ca[w] = EamSpline.Derivative(tij, o, p) * recip;
                    cb[w] = EamSpline.Derivative(tji, o, p) * recip;
                    cc[w] = phip * recip;
                    w++;
                }
            }
            ws.InRange[i] = w - start[i];
            ws.Rho[i] = rhoi;
            double ei = Embed(ti, rhoi, out ws.Fp[i]) + 0.5 * ephi;
            if (wantA) ae[i] = ei;
            chunkEnergy += ei;
        }
        ws.ChunkSums[8 * c] = chunkEnergy;
    }

    private static void ForceChunk(int c, Structure s, Nestor.Atoms.Neighbours.NeighbourList nl, EamWorkspace ws, PotentialResult result, bool wantF)
    {
        var (start, index, _, _, _, _) = nl.Raw;
        int n = s.Count;
        var pos = ws.Local; // positions as UpdateList left them
        var fp = ws.Fp;
        double[] shifts = ws.Shifts;
        int[] image = ws.Image;
        double[] ca = ws.A, cb = ws.B, cc = ws.C;
        int[] ck = ws.K;
        var force = result.Forces;
        double vxx = 0, vyy = 0, vzz = 0, vxy = 0, vxz = 0, vyz = 0;
        int lo = c * ChunkSize, hi = Math.Min(n, lo + ChunkSize);
        for (int i = lo; i < hi; i++)
        {
            double fpi = fp[i];
            double xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
            double fix = 0, fiy = 0, fiz = 0;
            int end = start[i] + ws.InRange[i];
            for (int w = start[i]; w < end; w++)
            {
                int k = ck[w];
                int j = index[k], g = 3 * image[k];
                double dx = pos[3 * j] - xi + shifts[g], dy = pos[3 * j + 1] - yi + shifts[g + 1], dz = pos[3 * j + 2] - zi + shifts[g + 2];
                double fpair = -(fpi * ca[w] + fp[j] * cb[w] + cc[w]);
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
