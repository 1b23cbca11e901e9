namespace Nestor.Fitting.Solvers;

/// <summary>
/// A linear least-squares problem min ||A c - y|| reduced to its triangular factor: A = Q R with R upper triangular
/// (M x M, row-major), z = Q^T y and the squared norm of the part of y outside the column space of A. Everything a
/// least-squares or Bayesian solver needs is a function of R, z, the residual and the number of observations,
/// because R^T R = A^T A, R^T z = A^T y and |z|^2 + residual = |y|^2.
/// </summary>
public sealed class ReducedProblem
{
    internal ReducedProblem(int observations, int parameters, double[] r, double[] z, double residualSquared, double yNormSquared)
    {
        Observations = observations;
        Parameters = parameters;
        R = r;
        Z = z;
        ResidualSquared = residualSquared;
        YNormSquared = yNormSquared;
    }

    /// <summary>Number of observations (rows of A), N_obs.</summary>
    public int Observations { get; }

    /// <summary>Number of parameters (columns of A), M.</summary>
    public int Parameters { get; }

    /// <summary>The upper-triangular factor, M x M row-major (rows beyond the rank may be zero).</summary>
    public double[] R { get; }

    /// <summary>Q^T y, length M.</summary>
    public double[] Z { get; }

    /// <summary>|y|^2 - |z|^2: the squared least-squares residual (what no coefficient vector can fit).</summary>
    public double ResidualSquared { get; }

    /// <summary>|y|^2.</summary>
    public double YNormSquared { get; }

    /// <summary>
    /// The problem with every column k of A divided by <paramref name="scale"/>[k] (a diagonal preconditioner P:
    /// A -> A P^-1). Scaling the columns of R keeps Q, so no new factorisation is needed.
    /// </summary>
    public ReducedProblem ScaleColumns(ReadOnlySpan<double> scale)
    {
        int m = Parameters;
        if (scale.Length != m) throw new ArgumentException($"need {m} column scales, got {scale.Length}");
        var r = (double[])R.Clone();
        for (int k = 0; k < m; k++)
        {
            double s = scale[k];
            if (!(s > 0) || !double.IsFinite(s)) throw new ArgumentException($"column scale {k} = {s} is not a positive finite number");
        }
        for (int i = 0; i < m; i++)
            for (int k = i; k < m; k++) r[i * m + k] /= scale[k];
        return new ReducedProblem(Observations, m, r, (double[])Z.Clone(), ResidualSquared, YNormSquared);
    }
}
