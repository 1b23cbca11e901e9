namespace Nestor.Fitting.Solvers;

/// <summary>
/// The log evidence of Bayesian linear regression on the SVD (reference-numbers.md section 4.2) with its first and
/// second derivatives in the hyper-parameters a = sigma_0^2 (prior variance) and e = sigma_e^2 (noise variance):
/// ln p(y) = sum_i [ -b_i^2 / (2 t_i) - ln(t_i) / 2 ] - R / (2e) - (N - M) ln(e) / 2 - N ln(2 pi) / 2,
/// t_i = a s_i^2 + e, summed over all M singular values (zeros included; this is exact for any N and M).
/// </summary>
internal readonly struct EvidenceFunction(SvdProblem p)
{
    public double Value(double a, double e) => Evaluate(a, e, out _, out _, out _, out _, out _);

    /// <summary>Value, gradient (da, de) and Hessian (daa, dae, dee).</summary>
    public double Evaluate(double a, double e, out double ga, out double ge, out double haa, out double hae, out double hee)
    {
        var s = p.S;
        var b = p.B;
        double v = 0;
        ga = ge = haa = hae = hee = 0;
        for (int i = 0; i < s.Length; i++)
        {
            double s2 = s[i] * s[i], b2 = b[i] * b[i];
            double t = a * s2 + e;
            v += -0.5 * b2 / t - 0.5 * Math.Log(t);
            double d1 = 0.5 * (b2 / (t * t) - 1 / t);          // d/dt of the term
            double d2 = -b2 / (t * t * t) + 0.5 / (t * t);      // d2/dt2
            ga += s2 * d1; ge += d1;
            haa += s2 * s2 * d2; hae += s2 * d2; hee += d2;
        }
        double res = p.ResidualSquared;
        double extra = p.Observations - s.Length;
        v += -0.5 * res / e - 0.5 * extra * Math.Log(e) - 0.5 * p.Observations * Math.Log(2 * Math.PI);
        ge += 0.5 * res / (e * e) - 0.5 * extra / e;
        hee += -res / (e * e * e) + 0.5 * extra / (e * e);
        return v;
    }
}
