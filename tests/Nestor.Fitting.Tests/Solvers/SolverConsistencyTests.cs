using Nestor.Fitting.Solvers;

namespace Nestor.Fitting.Tests.Solvers;

public class SolverConsistencyTests
{
    [Fact]
    public void ReductionPreservesTheGramMatrixAndIsThreadIndependent()
    {
        const int n = 3000, m = 25;
        var (a, y, _) = RandomProblems.Make(1, n, m, 0.1, columnSpread: 3);
        var p1 = QrReduction.Reduce(a, y, n, m, maxThreads: 1);
        var p2 = QrReduction.Reduce(a, y, n, m, maxThreads: 2);
        Assert.Equal(p1.R, p2.R);
        Assert.Equal(p1.Z, p2.Z);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                double g = 0, rr = 0;
                for (int r = 0; r < n; r++) g += a[r * m + i] * a[r * m + j];
                for (int k = 0; k < m; k++) rr += p1.R[k * m + i] * p1.R[k * m + j];
                Assert.True(Math.Abs(g - rr) <= 1e-10 * Math.Sqrt(Math.Abs(g * g) + 1), $"Gram {i},{j}: {g} vs {rr}");
            }
        double zz = p1.Z.Sum(v => v * v);
        Assert.Equal(y.Sum(v => v * v), zz + p1.ResidualSquared, 8);
    }

    [Fact]
    public void QrAndSvdLeastSquaresAgreeAndRecoverTheCoefficients()
    {
        const int n = 800, m = 12;
        var (a, y, c0) = RandomProblems.Make(2, n, m, 1e-9, columnSpread: 4);
        var red = QrReduction.Reduce(a, y, n, m);
        var qr = LeastSquares.SolveQr(red).Coefficients;
        var svd = LeastSquares.SolveSvd(SvdProblem.FromReduced(red)).Coefficients;
        for (int k = 0; k < m; k++)
        {
            Assert.True(Math.Abs(qr[k] - c0[k]) <= 1e-6 * Math.Abs(c0[k]) + 1e-9, $"qr {k}: {qr[k]} vs {c0[k]}");
            Assert.True(Math.Abs(svd[k] - qr[k]) <= 1e-8 * Math.Abs(qr[k]) + 1e-12, $"svd {k}: {svd[k]} vs {qr[k]}");
        }
    }

    [Fact]
    public void RidgeByQrMatchesRidgeBySvdAndTheNormalEquations()
    {
        const int n = 300, m = 10;
        var (a, y, _) = RandomProblems.Make(3, n, m, 0.5);
        double lambda = 25;
        var red = QrReduction.Reduce(a, y, n, m);
        var qr = LeastSquares.SolveQr(red, lambda).Coefficients;
        var svd = LeastSquares.SolveSvd(SvdProblem.FromReduced(red), lambda).Coefficients;
        // normal equations (A^T A + lambda I) c = A^T y, solved by MathNet
        var ata = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m, m, (i, j) =>
        {
            double g = 0; for (int r = 0; r < n; r++) g += a[r * m + i] * a[r * m + j];
            return g + (i == j ? lambda : 0);
        });
        var aty = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(m, i => { double g = 0; for (int r = 0; r < n; r++) g += a[r * m + i] * y[r]; return g; });
        var ne = ata.Solve(aty);
        var plain = LeastSquares.SolveQr(red).Coefficients;
        double shrink = 0;
        for (int k = 0; k < m; k++)
        {
            Assert.Equal(ne[k], qr[k], 10);
            Assert.Equal(ne[k], svd[k], 10);
            shrink += Math.Abs(plain[k] - qr[k]);
        }
        Assert.True(shrink > 1e-3, "ridge had no effect");
    }

    [Fact]
    public void RankDeficientQrIsAClearError()
    {
        const int n = 50, m = 4;
        var (a, y, _) = RandomProblems.Make(4, n, m, 0.1);
        for (int r = 0; r < n; r++) a[r * m + 3] = 2 * a[r * m + 1];
        var red = QrReduction.Reduce(a, y, n, m);
        var ex = Assert.Throws<FittingException>(() => LeastSquares.SolveQr(red));
        Assert.Contains("rank deficient", ex.Message);
        LeastSquares.SolveSvd(SvdProblem.FromReduced(red)); // the pseudo-inverse copes
    }

    [Fact]
    public void MacKayFixedPointHoldsOnALargerProblem()
    {
        const int n = 2000, m = 60;
        var (a, y, _) = RandomProblems.Make(5, n, m, 0.3, columnSpread: 2);
        var p = SvdProblem.FromReduced(QrReduction.Reduce(a, y, n, m));
        var sol = BayesianLinearRegression.Solve(p, new BlrOptions());
        var b = sol.Bayes!;
        Assert.True(b.MacKayAlphaResidual < 1e-6, $"alpha residual {b.MacKayAlphaResidual:G3}");
        Assert.True(b.MacKayBetaResidual < 1e-6, $"beta residual {b.MacKayBetaResidual:G3}");
        // the same check computed directly from A and c, not from the SVD quantities
        var pred = RandomProblems.Multiply(a, sol.Coefficients, n, m);
        double misfit = 0; for (int i = 0; i < n; i++) misfit += (y[i] - pred[i]) * (y[i] - pred[i]);
        double cc = sol.Coefficients.Sum(v => v * v);
        double gamma = b.EffectiveParameters;
        Assert.True(Math.Abs(gamma / cc * b.PriorVariance - 1) < 1e-6);
        Assert.True(Math.Abs((n - gamma) / misfit * b.NoiseVariance - 1) < 1e-6);
        // noise variance near the true 0.09
        Assert.InRange(b.NoiseVariance, 0.08, 0.10);
        // evidence is maximal: nearby hyper-parameters give less
        var dense = SvdProblem.FromDense(a, y, n, m);
        Assert.Equal(b.LogEvidence, BayesianLinearRegression.Solve(dense, new BlrOptions()).Bayes!.LogEvidence, 6);
    }

    [Fact]
    public void PreconditionerIsEquivalentToScalingTheColumns()
    {
        const int n = 400, m = 8;
        var (a, y, _) = RandomProblems.Make(6, n, m, 0.2);
        var prec = Enumerable.Range(1, m).Select(k => 1.0 + Math.Pow(k, 4)).ToArray();
        var red = QrReduction.Reduce(a, y, n, m);
        var viaR = BayesianLinearRegression.Solve(SvdProblem.FromReduced(red.ScaleColumns(prec)), new BlrOptions(), prec);
        var scaled = (double[])a.Clone();
        for (int r = 0; r < n; r++) for (int k = 0; k < m; k++) scaled[r * m + k] /= prec[k];
        var manual = BayesianLinearRegression.Solve(SvdProblem.FromReduced(QrReduction.Reduce(scaled, y, n, m)), new BlrOptions());
        var plain = BayesianLinearRegression.Solve(SvdProblem.FromReduced(red), new BlrOptions());
        double diffPlain = 0;
        for (int k = 0; k < m; k++)
        {
            double expected = manual.Coefficients[k] / prec[k];
            Assert.True(Math.Abs(viaR.Coefficients[k] - expected) <= 1e-9 * Math.Abs(expected) + 1e-14, $"{k}: {viaR.Coefficients[k]} vs {expected}");
            diffPlain += Math.Abs(plain.Coefficients[k] - viaR.Coefficients[k]);
        }
        Assert.True(diffPlain > 1e-6, "the prior changed nothing");
    }

    [Fact]
    public void FewerObservationsThanParametersGiveTheSameEvidenceByQrAndDenseSvd()
    {
        const int n = 7, m = 15;
        var (a, y, _) = RandomProblems.Make(8, n, m, 0.1);
        var viaQr = BayesianLinearRegression.Solve(SvdProblem.FromReduced(QrReduction.Reduce(a, y, n, m)), new BlrOptions());
        var dense = BayesianLinearRegression.Solve(SvdProblem.FromDense(a, y, n, m), new BlrOptions());
        Assert.Equal(dense.Bayes!.LogEvidence, viaQr.Bayes!.LogEvidence, 8);
        Assert.Equal(dense.Bayes.NoiseVariance, viaQr.Bayes.NoiseVariance, 8);
        for (int k = 0; k < m; k++) Assert.Equal(dense.Coefficients[k], viaQr.Coefficients[k], 8);
    }
}
