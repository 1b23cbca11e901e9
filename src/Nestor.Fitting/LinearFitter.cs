using System.Diagnostics;
using System.Globalization;
using Nestor.Fitting.Design;
using Nestor.Fitting.Reports;
using Nestor.Fitting.Solvers;
using Nestor.Potentials;

namespace Nestor.Fitting;

/// <summary>
/// Fits any <see cref="ILinearBasis"/>: assemble the weighted design matrix, reduce it by QR, apply the smoothness
/// prior as a diagonal preconditioner, solve (BLR with committee, or least squares), and report errors on the
/// training and test frames.
/// </summary>
public static class LinearFitter
{
    /// <summary>
    /// Splits <paramref name="frames"/> (seeded, <see cref="FrameSet.Split"/>) and fits; the skipped frames and dropped
    /// observations of the set go into the report.
    /// </summary>
    public static FitResult Fit(ILinearBasis basis, FrameSet frames, double testFraction, int splitSeed, FitOptions options)
    {
        var (train, test) = frames.Split(testFraction, splitSeed);
        return Fit(basis, train, test, options, frames.Skipped, frames.Dropped);
    }

    /// <summary>Fits the basis to <paramref name="train"/> and evaluates it on <paramref name="test"/> (may be empty).</summary>
    public static FitResult Fit(ILinearBasis basis, IReadOnlyList<LabelledFrame> train, IReadOnlyList<LabelledFrame> test,
        FitOptions options, IReadOnlyList<SkippedFrame>? skipped = null, IReadOnlyList<string>? dropped = null)
    {
        if (train.Count == 0) throw new FittingException("no training frames");
        var timings = new Dictionary<string, double>();
        var design = DesignAssembler.Assemble(basis, train, options.Weights, options.E0, options.Threads);
        timings["assembly"] = design.Statistics.AssemblySeconds;
        var clock = Stopwatch.StartNew();
        var reduced = QrReduction.Reduce(design.A, design.Y, design.Rows, design.Cols, options.Threads);
        timings["qr"] = clock.Elapsed.TotalSeconds;
        double[]? prec = options.Smoothness is double p ? basis.SmoothnessPrior(p) : null;
        if (prec is not null) reduced = reduced.ScaleColumns(prec);
        clock.Restart();
        LinearSolution sol;
        var figures = new Dictionary<string, double>();
        switch (options.Solver)
        {
            case SolverKind.Blr:
                {
                    var svd = SvdProblem.FromReduced(reduced);
                    timings["svd"] = clock.Elapsed.TotalSeconds;
                    clock.Restart();
                    sol = BayesianLinearRegression.Solve(svd, new BlrOptions { CommitteeSize = options.Committee, Seed = options.Seed }, prec);
                    var b = sol.Bayes!;
                    figures["prior_variance"] = b.PriorVariance;
                    figures["noise_variance"] = b.NoiseVariance;
                    figures["log_evidence"] = b.LogEvidence;
                    figures["effective_parameters"] = b.EffectiveParameters;
                    figures["mackay_alpha_residual"] = b.MacKayAlphaResidual;
                    figures["mackay_beta_residual"] = b.MacKayBetaResidual;
                    figures["condition_number"] = svd.S[0] / svd.S[^1];
                    break;
                }
            case SolverKind.LsqQr:
                sol = LeastSquares.SolveQr(reduced, options.Ridge, prec);
                break;
            default:
                sol = LeastSquares.SolveSvd(SvdProblem.FromReduced(reduced), options.Ridge, preconditioner: prec);
                break;
        }
        timings["solve"] = clock.Elapsed.TotalSeconds;
        string solver = sol.Solver + (options.Smoothness is double sp ? string.Create(CultureInfo.InvariantCulture, $",smoothness={sp:G}") : "")
            + $",weights={options.Weights.Default}";
        clock.Restart();
        var trainPred = FramePrediction.FromDesign(design, sol.Coefficients, sol.Committee);
        IReadOnlyList<FramePrediction> testPred = [];
        if (test.Count > 0)
        {
            var td = DesignAssembler.Assemble(basis, test, FitWeights.Unweighted, options.E0, options.Threads);
            testPred = FramePrediction.FromDesign(td, sol.Coefficients, sol.Committee);
        }
        timings["predict"] = clock.Elapsed.TotalSeconds;
        var report = new FitReport(basis.Description, basis.Length, solver, trainPred, testPred, options.Bands, figures,
            design.Statistics, skipped, timings, dropped);
        return new FitResult(sol, basis.ToPotential(sol.Coefficients, sol.Committee.Count > 0 ? sol.Committee : null, options.E0), report);
    }
}
