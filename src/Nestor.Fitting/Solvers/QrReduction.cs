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
            var fs = new FoldScratch(w);
            for (long r0 = lo; r0 < hi; r0 += BlockRows)
            {
                int b = (int)Math.Min(BlockRows, hi - r0);
                for (int i = 0; i < b; i++)
                {
                    Array.Copy(a, (r0 + i) * cols, block, i * w, cols);
                    block[i * w + cols] = y[r0 + i];
                }
                Fold(r, block, b, w, 0, fs);
            }
            factors[c] = r;
            return block;
        }, _ => { });
        var total = factors[0];
        var blk = new double[BlockRows * w];
        var mergeScratch = new FoldScratch(w);
        for (int c = 1; c < chunks; c++)
        {
            var f = factors[c];
            for (int r0 = 0; r0 < w; r0 += BlockRows)
            {
                int b = Math.Min(BlockRows, w - r0);
                Array.Copy(f, r0 * w, blk, 0, b * w);
                Fold(total, blk, b, w, r0, mergeScratch); // rows of an upper-triangular factor start at their own column
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
    /// <remarks>
    /// Householder step k eliminates column k of the block against R[k,k]. The update of the block by step k and
    /// the products needed by step k+1 (sigma = sum_i B_ik^2, acc_j = sum_i B_ik B_ij) are computed in the same
    /// sweep over the rows, so the block is streamed once per column.
    /// </remarks>
    internal static void Fold(double[] r, double[] block, int b, int w, int firstColumn, FoldScratch? scratch = null)
    {
        Span<double> v = stackalloc double[BlockRows];
        scratch ??= new FoldScratch(w);
        var acc = scratch.Acc;
        var next = scratch.Next;
        var t = scratch.T;
        int k = firstColumn;
        if (k >= w) return;
        double sigma = Accumulate(block, b, w, k, acc);
        while (true)
        {
            if (sigma == 0)
            {
                if (++k >= w) return;
                sigma = Accumulate(block, b, w, k, acc);
                continue;
            }
            double alpha = r[k * w + k];
            double norm = Math.Sqrt(alpha * alpha + sigma);
            double beta = alpha > 0 ? -norm : norm;
            double scale = 1.0 / (alpha - beta);
            double tau = (beta - alpha) / beta;
            for (int i = 0; i < b; i++) v[i] = block[i * w + k] * scale;
            r[k * w + k] = beta;
            int len = w - k - 1;
            if (len == 0) return;
            // t_j = R[k,j] + sum_i v_i B_ij = R[k,j] + scale acc_j ; R[k,j] -= tau t_j
            for (int j = k + 1; j < w; j++)
            {
                double tj = r[k * w + j] + scale * acc[j];
                t[j] = tj;
                r[k * w + j] -= tau * tj;
            }
            // B_ij -= tau v_i t_j (j > k), and accumulate the next column's products on the fly
            int k1 = k + 1, len2 = w - k1 - 1;
            double sig1 = 0;
            if (len2 > 0) Array.Clear(next, k1 + 1, len2);
            var tRest = t.AsSpan(k1 + 1, len2);
            var nRest = next.AsSpan(k1 + 1, len2);
            int i2 = 0;
            for (; i2 + 1 < b; i2 += 2)
            {
                // two rows per sweep: t and the accumulator are loaded once for both
                double c1 = -tau * v[i2], c2 = -tau * v[i2 + 1];
                int o1 = i2 * w, o2 = o1 + w;
                double b1 = block[o1 + k1] + c1 * t[k1], b2 = block[o2 + k1] + c2 * t[k1];
                block[o1 + k1] = b1; block[o2 + k1] = b2;
                sig1 += b1 * b1 + b2 * b2;
                if (len2 == 0) continue;
                UpdateTwoRows(c1, c2, b1, b2, tRest, block.AsSpan(o1 + k1 + 1, len2), block.AsSpan(o2 + k1 + 1, len2), nRest);
            }
            for (int i = i2; i < b; i++)
            {
                double c = -tau * v[i];
                int o = i * w;
                double bk1 = block[o + k1] + c * t[k1];
                block[o + k1] = bk1;
                sig1 += bk1 * bk1;
                if (len2 == 0) continue;
                var row = block.AsSpan(o + k1 + 1, len2);
                Axpy(c, tRest, row);
                Axpy(bk1, row, nRest);
            }
            k = k1;
            sigma = sig1;
            (acc, next) = (next, acc);
        }
    }

    /// <summary>Reusable work arrays of <see cref="Fold"/> for width w.</summary>
    internal sealed class FoldScratch(int w)
    {
        public double[] Acc = new double[w], Next = new double[w], T = new double[w];
    }

    /// <summary>sigma = sum_i B_ik^2 and acc_j = sum_i B_ik B_ij (j &gt; k), by a sweep over the rows.</summary>
    private static double Accumulate(double[] block, int b, int w, int k, double[] acc)
    {
        double sigma = 0;
        int len = w - k - 1;
        if (len > 0) Array.Clear(acc, k + 1, len);
        for (int i = 0; i < b; i++)
        {
            double x = block[i * w + k];
            sigma += x * x;
            if (len > 0 && x != 0) Axpy(x, block.AsSpan(i * w + k + 1, len), acc.AsSpan(k + 1, len));
        }
        return sigma;
    }

    /// <summary>r1 += c1 t; r2 += c2 t; acc += b1 r1 + b2 r2 (with the updated rows).</summary>
    private static void UpdateTwoRows(double c1, double c2, double b1, double b2, ReadOnlySpan<double> t, Span<double> r1, Span<double> r2, Span<double> acc)
    {
        int n = t.Length, j = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vc1 = new Vector<double>(c1); var vc2 = new Vector<double>(c2);
            var vb1 = new Vector<double>(b1); var vb2 = new Vector<double>(b2);
            var tv = MemoryMarshal.Cast<double, Vector<double>>(t);
            var r1v = MemoryMarshal.Cast<double, Vector<double>>(r1);
            var r2v = MemoryMarshal.Cast<double, Vector<double>>(r2);
            var av = MemoryMarshal.Cast<double, Vector<double>>(acc);
            for (int q = 0; q < tv.Length; q++)
            {
                var x = tv[q];
                var y1 = r1v[q] + vc1 * x;
                var y2 = r2v[q] + vc2 * x;
                r1v[q] = y1; r2v[q] = y2;
                av[q] += vb1 * y1 + vb2 * y2;
            }
            j = tv.Length * Vector<double>.Count;
        }
        for (; j < n; j++)
        {
            double y1 = r1[j] + c1 * t[j], y2 = r2[j] + c2 * t[j];
            r1[j] = y1; r2[j] = y2;
            acc[j] += b1 * y1 + b2 * y2;
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
