using Nestor.Fitting.Solvers;

namespace Nestor.Fitting.Tests.Solvers;

/// <summary>The 3x3 problem of ACEfit's BLR test (reference-numbers.md section 4.2).</summary>
public class BlrToyProblemTests
{
    private static readonly double[] X = [1, 0, 0, 1, 1, 0, 0, 2, 1];
    private static readonly double[] Y = [1, 2, 1];

    private static void Rel(double expected, double actual, double tol = 1e-4) =>
        Assert.True(Math.Abs(actual - expected) <= tol * Math.Abs(expected), $"expected {expected}, got {actual} (rel {Math.Abs(actual - expected) / Math.Abs(expected):G3})");

    public static TheoryData<string> Paths => new() { "qr", "dense" };

    private static SvdProblem Svd(string path) => path == "qr"
        ? SvdProblem.FromReduced(QrReduction.Reduce(X, Y, 3, 3))
        : SvdProblem.FromDense(X, Y, 3, 3);

    [Theory]
    [MemberData(nameof(Paths))]
    public void SingularValues(string path)
    {
        var p = Svd(path);
        Rel(2.457837, p.S[0]); Rel(1.367676, p.S[1]); Rel(0.297484, p.S[2]);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void HyperParametersEvidenceMeanVariancesGamma(string path)
    {
        var sol = BayesianLinearRegression.Solve(Svd(path), new BlrOptions());
        var b = sol.Bayes!;
        Rel(0.8963, b.PriorVariance);
        Rel(0.02601, b.NoiseVariance);
        Rel(-4.24451, b.LogEvidence);
        Rel(1.039708, sol.Coefficients[0]); Rel(0.890411, sol.Coefficients[1]); Rel(-0.758801, sol.Coefficients[2]);
        var cov = b.PosteriorCovariance();
        Rel(0.022555, cov[0]); Rel(0.040080, cov[4]); Rel(0.176682, cov[8]);
        Rel(2.73300, b.EffectiveParameters);
        Assert.True(b.MacKayAlphaResidual < 1e-6 && b.MacKayBetaResidual < 1e-6, $"MacKay residuals {b.MacKayAlphaResidual:G3} {b.MacKayBetaResidual:G3}");
    }

    [Fact]
    public void CommitteeStatisticsMatchThePosterior()
    {
        var sol = BayesianLinearRegression.Solve(Svd("qr"), new BlrOptions { CommitteeSize = 20000, Seed = 7 });
        var c = sol.Coefficients;
        var cov = sol.Bayes!.PosteriorCovariance();
        int k = sol.Committee.Count;
        Assert.Equal(20000, k);
        var mean = new double[3];
        foreach (var m in sol.Committee) for (int i = 0; i < 3; i++) mean[i] += m[i] / k;
        for (int i = 0; i < 3; i++) Assert.True(Math.Abs(mean[i] - c[i]) < 0.01, $"mean {i}: {mean[i]} vs {c[i]}");
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double s = 0;
                foreach (var m in sol.Committee) s += (m[i] - mean[i]) * (m[j] - mean[j]);
                s /= k - 1;
                Assert.True(Math.Abs(s - cov[3 * i + j]) < 0.01, $"cov {i},{j}: {s} vs {cov[3 * i + j]}");
            }
        // a wrong covariance (e.g. lambda instead of sqrt(lambda)) must fail the same check
        Assert.True(Math.Abs(cov[8] - Math.Sqrt(cov[8])) > 0.01);
    }

    [Fact]
    public void CommitteeIsReproducibleAndSeedDependent()
    {
        var p = Svd("qr");
        var a = BayesianLinearRegression.Solve(p, new BlrOptions { CommitteeSize = 5, Seed = 3 });
        var b = BayesianLinearRegression.Solve(p, new BlrOptions { CommitteeSize = 5, Seed = 3 });
        var c = BayesianLinearRegression.Solve(p, new BlrOptions { CommitteeSize = 5, Seed = 4 });
        for (int j = 0; j < 5; j++) Assert.Equal(a.Committee[j], b.Committee[j]);
        Assert.NotEqual(a.Committee[0], c.Committee[0]);
    }
}
