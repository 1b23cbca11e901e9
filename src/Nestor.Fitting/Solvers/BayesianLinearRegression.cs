using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Nestor.Fitting.Solvers;

/// <summary>
/// Bayesian linear regression by evidence maximisation on the SVD, as ACEfit's <c>BLR(factorization=:svd)</c>:
/// prior c~ ~ N(0, sigma_0^2 I) on the (preconditioned) coefficients, Gaussian noise of variance sigma_e^2 on the
/// (weighted) observations. Both variances are parametrised as floor + x^2 (floor 1e-8); the log evidence is
/// maximised by a damped Newton method in ln(x^2) from several starts (ACEfit's x = (1, 1) among them), and the
/// optimum is checked against the MacKay fixed point. Committee members are drawn from the posterior with a seed.
/// </summary>
public static class BayesianLinearRegression
{
    /// <summary>
    /// Solves the problem. <paramref name="preconditioner"/> (optional) is the diagonal P the problem was scaled with
    /// (A P^-1); the coefficients and committee are mapped back with c = P^-1 c~.
    /// </summary>
    public static LinearSolution Solve(SvdProblem p, BlrOptions options, double[]? preconditioner = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (options.CommitteeSize < 0) throw new ArgumentException("the committee size cannot be negative");
        if (!(options.VarianceFloor > 0)) throw new ArgumentException("the variance floor must be positive");
        int m = p.Parameters;
        if (preconditioner is not null && preconditioner.Length != m)
            throw new ArgumentException($"the preconditioner has {preconditioner.Length} entries for {m} parameters");
        var f = new EvidenceFunction(p);
        double floor = options.VarianceFloor;

        double sumS2 = 0;
        foreach (double s in p.S) sumS2 += s * s;
        double yy = Math.Max(p.YNormSquared, 1e-300), n = Math.Max(p.Observations, 1);
        var starts = new List<(double U, double W)> { (0, 0) }; // ACEfit's x = (1, 1)
        if (sumS2 > 0)
        {
            double a0 = yy / sumS2;
            foreach (double frac in new[] { 1e-2, 1e-5 })
                starts.Add((Math.Log(a0), Math.Log(Math.Max(yy / n * frac, floor))));
        }
        (double U, double W, double L, int It) best = (0, 0, double.NegativeInfinity, 0);
        foreach (var (u0, w0) in starts)
        {
            var r = Maximise(f, floor, u0, w0, options);
            if (r.L > best.L) best = r;
        }
        double a = floor + Math.Exp(best.U), e = floor + Math.Exp(best.W);
        double logEv = f.Value(a, e);

        // posterior mean along singular directions, MacKay check
        var s2 = p.S.Select(x => x * x).ToArray();
        double gamma = 0, cc = 0, misfit = Math.Max(p.ResidualSquared, 0);
        for (int i = 0; i < m; i++)
        {
            double t = a * s2[i] + e;
            gamma += a * s2[i] / t;
            double ci = a * p.S[i] * p.B[i] / t;
            cc += ci * ci;
            double ri = p.B[i] * e / t;
            misfit += ri * ri;
        }
        double alphaRes = cc > 0 ? Math.Abs(gamma / cc * a - 1) : double.NaN;
        double betaRes = misfit > 0 ? Math.Abs((p.Observations - gamma) / misfit * e - 1) : double.NaN;
        var mean = p.Combine(i => a * p.S[i] / (a * s2[i] + e));
        var committee = DrawCommittee(p, mean, a, e, options.CommitteeSize, options.Seed);
        if (preconditioner is not null)
        {
            Unscale(mean, preconditioner);
            foreach (var c in committee) Unscale(c, preconditioner);
        }
        var result = new BlrResult(p, preconditioner is null ? null : (double[])preconditioner.Clone(), a, e, logEv, gamma, alphaRes, betaRes, best.It);
        return new LinearSolution(options.CommitteeSize > 0 ? $"blr,committee={options.CommitteeSize},seed={options.Seed}" : "blr", mean, committee, result);
    }

    private static void Unscale(double[] c, double[] p)
    {
        for (int k = 0; k < c.Length; k++) c[k] /= p[k];
    }

    /// <summary>c_j = c + V diag(sqrt(lambda)) V^T z_j, z_j ~ N(0, I_M), from a seeded xoshiro256** stream.</summary>
    private static List<double[]> DrawCommittee(SvdProblem p, double[] mean, double a, double e, int k, int seed)
    {
        int m = p.Parameters;
        var list = new List<double[]>(k);
        if (k == 0) return list;
        var rng = new Xoshiro256StarStar(seed, threadSafe: false);
        var sq = new double[m];
        for (int i = 0; i < m; i++) sq[i] = Math.Sqrt(a * e / (a * p.S[i] * p.S[i] + e));
        var z = new double[m];
        var g = new double[m];
        var v = p.V;
        for (int j = 0; j < k; j++)
        {
            Normal.Samples(rng, z, 0, 1);
            for (int i = 0; i < m; i++)
            {
                double acc = 0;
                for (int q = 0; q < m; q++) acc += v[q * m + i] * z[q];
                g[i] = sq[i] * acc;
            }
            var c = (double[])mean.Clone();
            for (int q = 0; q < m; q++)
            {
                double acc = 0;
                for (int i = 0; i < m; i++) acc += v[q * m + i] * g[i];
                c[q] += acc;
            }
            list.Add(c);
        }
        return list;
    }

    /// <summary>Damped Newton ascent in (u, w) = (ln(a - floor), ln(e - floor)).</summary>
    private static (double U, double W, double L, int It) Maximise(EvidenceFunction f, double floor, double u, double w, BlrOptions o)
    {
        double Eval(double uu, double ww, out double gu, out double gw, out double huu, out double huw, out double hww)
        {
            double xu = Math.Exp(uu), xw = Math.Exp(ww);
            double l = f.Evaluate(floor + xu, floor + xw, out double ga, out double ge, out double haa, out double hae, out double hee);
            gu = ga * xu; gw = ge * xw;
            huu = haa * xu * xu + ga * xu; huw = hae * xu * xw; hww = hee * xw * xw + ge * xw;
            return l;
        }
        const double maxStep = 2.0, lo = -60, hi = 60;
        double L = Eval(u, w, out double gu, out double gw, out double huu, out double huw, out double hww);
        int it = 0;
        for (; it < o.MaxIterations; it++)
        {
            double du, dw;
            double det = huu * hww - huw * huw;
            if (huu < 0 && det > 0)
            {
                du = -(hww * gu - huw * gw) / det;
                dw = -(-huw * gu + huu * gw) / det;
            }
            else
            {
                // not concave here: a scaled gradient step
                double gn = Math.Sqrt(gu * gu + gw * gw);
                if (gn == 0) break;
                du = gu / gn; dw = gw / gn;
            }
            double len = Math.Max(Math.Abs(du), Math.Abs(dw));
            if (len > maxStep) { du *= maxStep / len; dw *= maxStep / len; len = maxStep; }
            double step = 1;
            bool moved = false;
            for (int ls = 0; ls < 60; ls++)
            {
                double un = Math.Clamp(u + step * du, lo, hi), wn = Math.Clamp(w + step * dw, lo, hi);
                double Ln = f.Value(floor + Math.Exp(un), floor + Math.Exp(wn));
                if (double.IsFinite(Ln) && Ln >= L)
                {
                    moved = Ln > L || step * len < o.Tolerance;
                    u = un; w = wn;
                    L = Eval(u, w, out gu, out gw, out huu, out huw, out hww);
                    break;
                }
                step *= 0.5;
            }
            if (!moved || step * len < o.Tolerance) break;
        }
        return (u, w, L, it);
    }
}
