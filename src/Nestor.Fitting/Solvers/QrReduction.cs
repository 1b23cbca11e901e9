using System.Numerics;
using System.Runtime.InteropServices;

namespace Nestor.Fitting.Solvers;

/// <summary>
/// Householder QR of a tall row-major matrix [A | y] that never forms Q: rows are folded, a block at a time, into a
/// running (M+1) x (M+1) upper-triangular factor. The rows are split into a fixed number of chunks (independent of
/// the thread count, so the result is bit-identical for any number of threads); chunks are reduced in parallel and
/// their factors folded together in chunk order. Cost about 2 N M^2 flops; memory O(M^2) per chunk on top of A.
/// </summary>
public static class QrReduction
{
    private const int BlockRows = 48;

    /// <summary>
    /// Reduces min |A c - y| (A: <paramref name="rows"/> x <paramref name="cols"/> row-major) to
    /// <see cref="ReducedProblem"/>. A and y are not modified. <paramref name="maxThreads"/> &lt;= 0 uses all cores.
    /// </summary>
    public static ReducedProblem Reduce(double[] a, double[] y, int rows, int cols, int maxThreads = -1)
    {
        if (rows < 0 || cols < 1) throw new ArgumentException($"bad matrix shape {rows} x {cols}");
        if (a.Length < (long)rows * cols) throw new ArgumentException($"matrix storage {a.Length} is smaller than {rows} x {cols}");
        if (y.Length != rows) throw new ArgumentException($"target length {y.Length} differs from the row count {rows}");
        return ReduceCore(a, y, rows, cols, maxThreads);
    }

    private static ReducedProblem ReduceCore(double[] a, double[] y, int rows, int cols, int maxThreads)
    {
        int w = cols + 1;
        // fixed chunking: at least ~8 blocks per chunk, at most 16 chunks
        int chunks = Math.Clamp(rows / (8 * BlockRows), 1, 16);
        var factors = new double[chunks][];
        var opts = new ParallelOptions { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : Environment.ProcessorCount };
        Parallel.For(0, chunks, opts, () => new double[BlockRows * w], (c, _, block) =>
        {
            long lo = (long)rows * c / chunks, hi = (long)rows * (c + 1) / chunks;
            var r = new double[w * w];
            for (long r0 = lo; r0 < hi; r0 += BlockRows)
            {
                int b = (int)Math.Min(BlockRows, hi - r0);
                for (int i = 0; i < b; i++)
                {
                    Array.Copy(a, (r0 + i) * cols, block, i * w, cols);
                    block[i * w + cols] = y[r0 + i];
                }
                Fold(r, block, b, w, 0);
            }
            factors[c] = r;
            return block;
        }, _ => { });
        var total = factors[0];
        var blk = new double[BlockRows * w];
        for (int c = 1; c < chunks; c++)
        {
            var f = factors[c];
            for (int r0 = 0; r0 < w; r0 += BlockRows)
            {
                int b = Math.Min(BlockRows, w - r0);
                Array.Copy(f, r0 * w, blk, 0, b * w);
                Fold(total, blk, b, w, r0); // rows of an upper-triangular factor start at their own column
            }
            factors[c] = null!;
        }
        double yy = 0;
        foreach (double v in y) yy += v * v;
        var rr = new double[cols * cols];
        var z = new double[cols];
        for (int i = 0; i < cols; i++)
        {
            Array.Copy(total, i * w, rr, i * cols, cols);
            z[i] = total[i * w + cols];
        }
        double rho = total[cols * w + cols];
        return new ReducedProblem(rows, cols, rr, z, rho * rho, yy);
    }

    /// <summary>
    /// Folds <paramref name="b"/> rows (row-major, width <paramref name="w"/>) into the upper-triangular factor
    /// <paramref name="r"/> (w x w): afterwards R_new^T R_new = R^T R + B^T B. The block is destroyed. Columns before
    /// <paramref name="firstColumn"/> must be zero in the block.
    /// </summary>
    internal static void Fold(double[] r, double[] block, int b, int w, int firstColumn)
    {
        Span<double> v = stackalloc double[BlockRows];
        var tmp = new double[w];
        for (int k = firstColumn; k < w; k++)
        {
            double sigma = 0;
            for (int i = 0; i < b; i++) { double x = block[i * w + k]; sigma += x * x; }
            if (sigma == 0) continue;
            double alpha = r[k * w + k];
            double norm = Math.Sqrt(alpha * alpha + sigma);
            double beta = alpha > 0 ? -norm : norm;
            double scale = 1.0 / (alpha - beta);
            double tau = (beta - alpha) / beta;
            for (int i = 0; i < b; i++) v[i] = block[i * w + k] * scale;
            r[k * w + k] = beta;
            int len = w - k - 1;
            if (len == 0) continue;
            var t = tmp.AsSpan(0, len);
            r.AsSpan(k * w + k + 1, len).CopyTo(t);
            for (int i = 0; i < b; i++) Axpy(v[i], block.AsSpan(i * w + k + 1, len), t);
            Axpy(-tau, t, r.AsSpan(k * w + k + 1, len));
            for (int i = 0; i < b; i++) Axpy(-tau * v[i], t, block.AsSpan(i * w + k + 1, len));
        }
    }

    /// <summary>y += alpha x.</summary>
    internal static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        if (alpha == 0) return;
        int n = x.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(alpha);
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            for (int j = 0; j < xv.Length; j++) yv[j] += va * xv[j];
            i = xv.Length * Vector<double>.Count;
        }
        for (; i < n; i++) y[i] += alpha * x[i];
    }
}
