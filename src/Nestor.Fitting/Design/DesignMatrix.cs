namespace Nestor.Fitting.Design;

/// <summary>
/// The weighted linear system A c ~ y of a set of frames: A row-major (Rows x Cols, flat), y, and per row its
/// weight, kind, frame and component, so unweighted targets and predictions can be recovered for reports.
/// Per frame the rows are: the energy row, then 3N force rows (atom-major, x y z), then 6 virial rows
/// (xx yy zz yz xz xy); absent or zero-weight observations have no rows.
/// </summary>
public sealed class DesignMatrix
{
    internal DesignMatrix(int rows, int cols, double[] a, double[] y, double[] weight, RowKind[] kind, int[] frame, int[] component,
        IReadOnlyList<LabelledFrame> frames, DesignStatistics stats)
    {
        Rows = rows; Cols = cols; A = a; Y = y; Weight = weight; Kind = kind; Frame = frame; Component = component;
        Frames = frames; Statistics = stats;
    }

    /// <summary>Number of observations.</summary>
    public int Rows { get; }

    /// <summary>Number of basis functions.</summary>
    public int Cols { get; }

    /// <summary>The weighted design matrix, row-major.</summary>
    public double[] A { get; }

    /// <summary>The weighted targets.</summary>
    public double[] Y { get; }

    /// <summary>The weight of each row (&gt; 0).</summary>
    public double[] Weight { get; }

    /// <summary>The kind of each row.</summary>
    public RowKind[] Kind { get; }

    /// <summary>The index (into <see cref="Frames"/>) of the frame of each row.</summary>
    public int[] Frame { get; }

    /// <summary>Component of each row: 0 for energy, 3 i + d for forces, 0..5 (Voigt) for virials.</summary>
    public int[] Component { get; }

    /// <summary>The frames, in row order.</summary>
    public IReadOnlyList<LabelledFrame> Frames { get; }

    /// <summary>Size, time and memory of the assembly.</summary>
    public DesignStatistics Statistics { get; }

    /// <summary>Unweighted targets per row (energy rows are E - sum E0).</summary>
    public double[] Targets()
    {
        var t = new double[Rows];
        for (int r = 0; r < Rows; r++) t[r] = Y[r] / Weight[r];
        return t;
    }

    /// <summary>Unweighted predictions per row of coefficients <paramref name="c"/> (parallel over rows).</summary>
    public double[] Predict(double[] c)
    {
        if (c.Length != Cols) throw new ArgumentException($"{c.Length} coefficients for {Cols} columns");
        var p = new double[Rows];
        Parallel.For(0, (Rows + 1023) / 1024, blk =>
        {
            int lo = blk * 1024, hi = Math.Min(Rows, lo + 1024);
            for (int r = lo; r < hi; r++)
            {
                double acc = 0;
                long o = (long)r * Cols;
                for (int k = 0; k < Cols; k++) acc += A[o + k] * c[k];
                p[r] = acc / Weight[r];
            }
        });
        return p;
    }
}
