using System.Diagnostics;

namespace Nestor.Fitting.Design;

/// <summary>
/// Builds the weighted design matrix of a basis on labelled frames, in parallel over frames (each frame writes its
/// own rows, so the result does not depend on the thread count). Targets: energy E - sum_i E0(species_i), forces,
/// virial (Voigt). Weights as <see cref="FitWeights"/>.
/// </summary>
public static class DesignAssembler
{
    /// <summary>
    /// Assembles. <paramref name="e0"/> gives the one-body reference energy (eV) of every species present (required,
    /// no silent zero). <paramref name="maxThreads"/> &lt;= 0 uses all cores.
    /// </summary>
    public static DesignMatrix Assemble(ILinearBasis basis, IReadOnlyList<LabelledFrame> frames, FitWeights weights,
        IReadOnlyDictionary<string, double> e0, int maxThreads = -1)
    {
        var clock = Stopwatch.StartNew();
        int m = basis.Length;
        int nf = frames.Count;
        // row layout
        var first = new long[nf + 1];
        var wE = new double[nf]; var wF = new double[nf]; var wV = new double[nf];
        for (int f = 0; f < nf; f++)
        {
            var fr = frames[f];
            foreach (var sym in fr.Structure.Symbols)
                if (!e0.ContainsKey(sym))
                    throw new FittingException($"{fr.Where}: no reference energy E0 for {sym} (give E0 for every species, e.g. --e0 {sym}=-1688.82)");
            if (basis.Species is { } known)
                foreach (var sym in fr.Structure.Symbols.Distinct())
                    if (!known.Contains(sym)) throw new FittingException($"{fr.Where}: species {sym} is not in the basis ({string.Join(", ", known)})");
            var w = weights.For(fr.ConfigType);
            double sq = weights.DivideBySqrtAtoms ? Math.Sqrt(fr.Atoms) : 1;
            wE[f] = fr.Energy is null ? 0 : w.Energy / sq;
            wF[f] = fr.Forces is null ? 0 : w.Forces;
            wV[f] = fr.Virial is null ? 0 : w.Virial / sq;
            first[f + 1] = first[f] + (wE[f] > 0 ? 1 : 0) + (wF[f] > 0 ? 3 * fr.Atoms : 0) + (wV[f] > 0 ? 6 : 0);
        }
        long rowsL = first[nf];
        if (rowsL * m > Array.MaxLength) throw new FittingException($"the design matrix ({rowsL} x {m}) is too large for one array");
        int rows = (int)rowsL;
        var a = new double[(long)rows * m];
        var y = new double[rows];
        var weight = new double[rows];
        var kind = new RowKind[rows];
        var frameOf = new int[rows];
        var comp = new int[rows];
        int threads = maxThreads > 0 ? maxThreads : Environment.ProcessorCount;
        var opts = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, nf, opts, () => new Scratch(basis), (f, _, sc) =>
        {
            var fr = frames[f];
            var s = fr.Structure;
            int n = s.Count;
            sc.Size(n, m);
            bool wantF = wF[f] > 0, wantV = wV[f] > 0;
            basis.Evaluate(s, sc.Energy, wantF ? sc.Forces.AsSpan(0, 3 * n * m) : [], wantV ? sc.Virial : [], [], sc.Workspace);
            int r = (int)first[f];
            if (wE[f] > 0)
            {
                double eref = 0;
                foreach (var sym in s.Symbols) eref += e0[sym];
                Put(a, r, m, sc.Energy, wE[f]);
                y[r] = wE[f] * (fr.Energy!.Value - eref); weight[r] = wE[f]; kind[r] = RowKind.Energy; frameOf[r] = f; comp[r] = 0;
                r++;
            }
            if (wantF)
            {
                for (int c = 0; c < 3 * n; c++, r++)
                {
                    Put(a, r, m, sc.Forces.AsSpan(c * m, m), wF[f]);
                    y[r] = wF[f] * fr.Forces![c]; weight[r] = wF[f]; kind[r] = RowKind.Force; frameOf[r] = f; comp[r] = c;
                }
            }
            if (wantV)
            {
                for (int c = 0; c < 6; c++, r++)
                {
                    Put(a, r, m, sc.Virial.AsSpan(c * m, m), wV[f]);
                    y[r] = wV[f] * fr.Virial![c]; weight[r] = wV[f]; kind[r] = RowKind.Virial; frameOf[r] = f; comp[r] = c;
                }
            }
            return sc;
        }, _ => { });
        clock.Stop();
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var stats = new DesignStatistics(rows, m, (long)rows * m * sizeof(double), clock.Elapsed.TotalSeconds, peak, threads);
        return new DesignMatrix(rows, m, a, y, weight, kind, frameOf, comp, frames, stats);
    }

    private static void Put(double[] a, int row, int m, ReadOnlySpan<double> src, double w)
    {
        var dst = a.AsSpan((int)((long)row * m), m);
        for (int k = 0; k < m; k++) dst[k] = w * src[k];
    }

    private sealed class Scratch(ILinearBasis basis)
    {
        public LinearBasisWorkspace Workspace { get; } = basis.CreateWorkspace();
        public double[] Energy { get; } = new double[basis.Length];
        public double[] Virial { get; } = new double[6 * basis.Length];
        public double[] Forces = [];

        public void Size(int n, int m)
        {
            if (Forces.Length < 3 * n * m) Forces = new double[3 * n * m];
        }
    }
}
