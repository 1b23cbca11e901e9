namespace Nestor.Fitting.Solvers;

/// <summary>
/// What Bayesian linear regression found: the evidence-maximising hyper-parameters, the log evidence, the MacKay
/// effective number of parameters and fixed-point residuals, and access to the posterior covariance.
/// </summary>
public sealed class BlrResult
{
    private readonly SvdProblem _svd;
    private readonly double[]? _precond;

    internal BlrResult(SvdProblem svd, double[]? precond, double priorVariance, double noiseVariance, double logEvidence,
        double gamma, double alphaResidual, double betaResidual, int iterations)
    {
        _svd = svd; _precond = precond;
        PriorVariance = priorVariance; NoiseVariance = noiseVariance; LogEvidence = logEvidence;
        EffectiveParameters = gamma; MacKayAlphaResidual = alphaResidual; MacKayBetaResidual = betaResidual;
        Iterations = iterations;
    }

    /// <summary>sigma_0^2, the prior variance of the (preconditioned) coefficients.</summary>
    public double PriorVariance { get; }

    /// <summary>sigma_e^2, the noise variance of the (weighted) observations.</summary>
    public double NoiseVariance { get; }

    /// <summary>ln p(y) at the optimum.</summary>
    public double LogEvidence { get; }

    /// <summary>MacKay's gamma = sum_i s_i^2 / (s_i^2 + sigma_e^2 / sigma_0^2).</summary>
    public double EffectiveParameters { get; }

    /// <summary>|alpha_new / alpha - 1| of the MacKay update alpha_new = gamma / |c|^2 at the optimum (alpha = 1/sigma_0^2).</summary>
    public double MacKayAlphaResidual { get; }

    /// <summary>|beta_new / beta - 1| of the MacKay update beta_new = (N - gamma) / |y - Ac|^2 (beta = 1/sigma_e^2).</summary>
    public double MacKayBetaResidual { get; }

    /// <summary>Newton iterations used by the best start.</summary>
    public int Iterations { get; }

    /// <summary>Posterior variances lambda_i = 1 / (s_i^2 / sigma_e^2 + 1 / sigma_0^2) along the singular directions.</summary>
    public double[] DirectionVariances()
    {
        var s = _svd.S;
        var l = new double[s.Length];
        for (int i = 0; i < s.Length; i++) l[i] = PriorVariance * NoiseVariance / (PriorVariance * s[i] * s[i] + NoiseVariance);
        return l;
    }

    /// <summary>The posterior covariance of the coefficients, M x M row-major: P^-1 V diag(lambda) V^T P^-1.</summary>
    public double[] PosteriorCovariance()
    {
        int m = _svd.Parameters;
        var lam = DirectionVariances();
        var v = _svd.V;
        var cov = new double[m * m];
        for (int p = 0; p < m; p++)
            for (int q = p; q < m; q++)
            {
                double acc = 0;
                for (int i = 0; i < m; i++) acc += v[p * m + i] * lam[i] * v[q * m + i];
                if (_precond is not null) acc /= _precond[p] * _precond[q];
                cov[p * m + q] = cov[q * m + p] = acc;
            }
        return cov;
    }
}
