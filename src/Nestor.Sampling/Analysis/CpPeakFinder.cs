namespace Nestor.Sampling.Analysis;

/// <summary>
/// Finds the peaks of Cp(T) on a temperature grid: local maxima whose prominence (height above the higher of
/// the lowest points between it and the next higher peak, or the grid end, on either side) is at least a given
/// fraction of the largest Cp variation on the grid. Position by parabolic refinement, width at half prominence.
/// </summary>
public static class CpPeakFinder
{
    /// <summary>Peaks in order of decreasing temperature-grid index reversed (i.e. increasing T).</summary>
    public static IReadOnlyList<CpPeak> Find(IReadOnlyList<double> t, IReadOnlyList<double> cp, double minRelativeProminence = 0.05)
    {
        int n = t.Count;
        if (cp.Count != n) throw new ArgumentException("T and Cp need the same length");
        var peaks = new List<CpPeak>();
        if (n < 3) return peaks;
        double cmin = cp.Min(), cmax = cp.Max();
        double range = cmax - cmin;
        if (!(range > 0)) return peaks;
        for (int i = 1; i < n - 1; i++)
        {
            if (!(cp[i] > cp[i - 1] && cp[i] >= cp[i + 1])) continue;
            // walk left until a higher point or the end, tracking the minimum
            double leftMin = cp[i];
            for (int j = i - 1; j >= 0 && cp[j] <= cp[i]; j--) leftMin = Math.Min(leftMin, cp[j]);
            double rightMin = cp[i];
            for (int j = i + 1; j < n && cp[j] <= cp[i]; j++) rightMin = Math.Min(rightMin, cp[j]);
            double baseline = Math.Max(leftMin, rightMin);
            double prom = cp[i] - baseline;
            if (prom < minRelativeProminence * range) continue;
            // parabolic refinement on a uniform grid
            double y0 = cp[i - 1], y1 = cp[i], y2 = cp[i + 1];
            double denom = y0 - 2 * y1 + y2;
            double dt = t[i + 1] - t[i];
            double tPeak = t[i];
            if (denom < 0) tPeak = t[i] + 0.5 * dt * (y0 - y2) / denom;
            double half = baseline + prom / 2;
            double tl = Crossing(t, cp, i, -1, half);
            double tr = Crossing(t, cp, i, +1, half);
            peaks.Add(new CpPeak(tPeak, cp[i], tr - tl, prom));
        }
        return peaks;
    }

    private static double Crossing(IReadOnlyList<double> t, IReadOnlyList<double> cp, int i, int dir, double level)
    {
        int j = i;
        while (j + dir >= 0 && j + dir < t.Count && cp[j + dir] > level) j += dir;
        int k = j + dir;
        if (k < 0 || k >= t.Count) return t[j];
        double f = (cp[j] - level) / (cp[j] - cp[k]);
        return t[j] + f * (t[k] - t[j]);
    }
}
