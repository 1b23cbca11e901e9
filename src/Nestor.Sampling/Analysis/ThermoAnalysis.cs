namespace Nestor.Sampling.Analysis;

/// <summary>
/// Thermodynamics from nested-sampling samples, the same quantities and formulas as pymatnest's
/// <c>ns_analyse</c>: weights w_n = a_n exp(-beta (H_n - H_min)) (times V_n^N with a flat V prior),
/// U = nExtraDOF/(2 beta) + &lt;H&gt;, Cp = nExtraDOF kB/2 + kB beta^2 (&lt;H^2&gt; - &lt;H&gt;^2), V = &lt;V&gt;,
/// thermal expansion -(1/V) kB beta^2 (&lt;V&gt;&lt;H&gt; - &lt;VH&gt;), F = -log Z/beta + nExtraDOF/(2 beta) + H_min.
/// </summary>
public sealed class ThermoAnalysis
{
    private readonly double[] _logA;
    private readonly double[] _h;   // shifted by HMin
    private readonly double[]? _v;
    private readonly double[]? _logVPrior;
    private readonly int _interval;

    /// <summary>The samples analysed.</summary>
    public EnergiesFile Samples { get; }

    /// <summary>Boltzmann constant in energy per temperature unit (eV/K by default, as ns_analyse).</summary>
    public double KB { get; }

    /// <summary>The lowest enthalpy in the samples (after any pressure reweighting).</summary>
    public double HMin { get; }

    /// <summary>ns_analyse's default kB (eV/K).</summary>
    public const double DefaultKB = 8.6173324e-5;

    /// <summary>
    /// Prepares the analysis. <paramref name="deltaPressure"/> reweights to another pressure (H += dP V), meant
    /// for flat-V-prior runs; <paramref name="interval"/> must equal the interval used when reading.
    /// </summary>
    public ThermoAnalysis(EnergiesFile samples, double kB = DefaultKB, double deltaPressure = 0, int interval = 1)
    {
        if (!(kB > 0)) throw new NestedSamplingException($"kB must be positive (got {kB})");
        Samples = samples;
        KB = kB;
        _interval = interval;
        int n = samples.Count;
        _logA = NsWeights.LogA(n, samples.Walkers, samples.Cull, interval);
        _h = (double[])samples.Enthalpies.Clone();
        _v = samples.Volumes;
        if (deltaPressure != 0)
        {
            if (_v is null) throw new NestedSamplingException("pressure reweighting needs the volume column");
            for (int i = 0; i < n; i++) _h[i] += deltaPressure * _v[i];
        }
        double min = double.PositiveInfinity;
        foreach (double e in _h) min = Math.Min(min, e);
        HMin = min;
        for (int i = 0; i < n; i++) _h[i] -= min;
        if (samples.FlatVPrior)
        {
            _logVPrior = new double[n];
            for (int i = 0; i < n; i++) _logVPrior[i] = samples.Atoms * Math.Log(_v![i]);
        }
    }

    /// <summary>The temperatures T_min + i dT for i = 0 .. round((T_max - T_min)/dT), as ns_analyse's grid.</summary>
    public static double[] Grid(double tMin, double tMax, double dT)
    {
        if (!(tMin > 0)) throw new NestedSamplingException($"Tmin must be positive (got {tMin})");
        if (!(dT > 0)) throw new NestedSamplingException($"dT must be positive (got {dT})");
        if (!(tMax >= tMin)) throw new NestedSamplingException($"Tmax ({tMax}) must be >= Tmin ({tMin})");
        int n = (int)Math.Round((tMax - tMin) / dT) + 1;
        var t = new double[n];
        for (int i = 0; i < n; i++) t[i] = tMin + i * dT;
        return t;
    }

    /// <summary>Analyses every temperature of <paramref name="temperatures"/> (in parallel; the result does not depend on threads).</summary>
    public ThermoRow[] Run(IReadOnlyList<double> temperatures)
    {
        var rows = new ThermoRow[temperatures.Count];
        Parallel.For(0, rows.Length, () => new double[_h.Length], (i, _, terms) =>
        {
            rows[i] = At(temperatures[i], terms);
            return terms;
        }, _ => { });
        return rows;
    }

    /// <summary>The quantities at one temperature.</summary>
    public ThermoRow At(double t) => At(t, new double[_h.Length]);

    private ThermoRow At(double t, double[] z)
    {
        if (!(t > 0)) throw new NestedSamplingException($"temperature must be positive (got {t})");
        int n = _h.Length;
        double beta = 1.0 / (KB * t);
        double shift = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            double l = _logA[i] - beta * _h[i];
            if (_logVPrior is not null) l += _logVPrior[i];
            z[i] = l;
            if (l > shift) shift = l;
        }
        double sz = 0, szh = 0, szh2 = 0, szv = 0, szvh = 0, zmax = 0;
        int mode = 0;
        for (int i = 0; i < n; i++)
        {
            double w = Math.Exp(z[i] - shift);
            z[i] = w;
            double e = _h[i];
            sz += w; szh += w * e; szh2 += w * e * e;
            if (_v is not null) { szv += w * _v[i]; szvh += w * _v[i] * e; }
            if (w > zmax) { zmax = w; mode = i; }
        }
        int extra = Samples.ExtraDof;
        double uPot = szh / sz;
        double u = extra / (2 * beta) + uPot + HMin;
        double cp = extra * KB / 2 + KB * beta * beta * (szh2 / sz - uPot * uPot);
        double v = double.NaN, alpha = double.NaN;
        if (_v is not null)
        {
            v = szv / sz;
            alpha = -1.0 / v * KB * beta * beta * (szv * szh / sz - szvh) / sz;
        }
        double logZ = Math.Log(sz) + shift;
        double f = -logZ / beta + extra / (2 * beta) + HMin;
        double s = (u - f) / (KB * t);
        int low = -1, high = -1;
        double cut = zmax / 10;
        for (int i = 0; i < n; i++) if (z[i] > cut) { low = i; break; }
        for (int i = n - 1; i >= 0; i--) if (z[i] > cut) { high = i; break; }
        double inside = 0;
        for (int i = low; i <= high; i++) inside += z[i];
        return new ThermoRow(t, logZ, f, s, u, cp, low * _interval, mode * _interval, high * _interval, inside / sz, v, alpha);
    }
}
