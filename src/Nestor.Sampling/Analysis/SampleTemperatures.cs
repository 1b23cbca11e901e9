namespace Nestor.Sampling.Analysis;

/// <summary>
/// The temperature of a sample: the T at which the mean enthalpy U(T) equals the sample's enthalpy, by linear
/// interpolation of U(T) on the grid. For MC runs (nExtraDOF &gt; 0) the samples carry no kinetic energy, so they
/// are compared with the configurational part U(T) - nExtraDOF kB T/2.
/// </summary>
public static class SampleTemperatures
{
    /// <summary>
    /// T for each enthalpy in <paramref name="enthalpies"/>; NaN when it lies outside U(T) on the grid.
    /// U(T) is made monotone (running maximum) before inverting, so noise cannot give two answers.
    /// </summary>
    public static double[] Assign(IReadOnlyList<ThermoRow> rows, IReadOnlyList<double> enthalpies, int extraDof = 0, double kB = 0)
    {
        int n = rows.Count;
        var u = new double[n];
        double run = double.NegativeInfinity;
        for (int i = 0; i < n; i++) { run = Math.Max(run, rows[i].U - extraDof * kB * rows[i].T / 2); u[i] = run; }
        var result = new double[enthalpies.Count];
        for (int k = 0; k < result.Length; k++)
        {
            double h = enthalpies[k];
            result[k] = double.NaN;
            if (n == 0 || h < u[0] || h > u[n - 1]) continue;
            int lo = 0, hi = n - 1;
            while (hi - lo > 1)
            {
                int mid = (lo + hi) / 2;
                if (u[mid] <= h) lo = mid; else hi = mid;
            }
            double du = u[hi] - u[lo];
            result[k] = du > 0 ? rows[lo].T + (h - u[lo]) / du * (rows[hi].T - rows[lo].T) : rows[lo].T;
        }
        return result;
    }
}
