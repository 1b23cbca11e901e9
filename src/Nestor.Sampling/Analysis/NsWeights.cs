namespace Nestor.Sampling.Analysis;

/// <summary>
/// Nested-sampling prior weights in pymatnest's form (SENS paper, PRX 4, 031034, Eq. 3), for K walkers and
/// P culled per iteration, samples numbered n = 0, 1, ... in file order:
/// log X_n = sum_{i&lt;=n} [log(K - i mod P) - log(K + 1 - i mod P)], log a_n = log X_n - log(K + 1 - (n+1) mod P).
/// </summary>
public static class NsWeights
{
    /// <summary>
    /// log a_n for <paramref name="samples"/> samples. With <paramref name="interval"/> &gt; 1 (every interval-th
    /// line kept), the weights of the kept lines are those of lines 0, interval, 2 interval, ... as ns_analyse does.
    /// </summary>
    public static double[] LogA(int samples, int walkers, int cull, int interval = 1)
    {
        var logA = new double[samples];
        double logX = 0;
        long total = (long)samples * interval;
        for (long i = 0, k = 0; i < total; i++)
        {
            long m = i % cull;
            logX += Math.Log(walkers - m) - Math.Log(walkers + 1 - m);
            if (i % interval == 0)
            {
                logA[k++] = logX - Math.Log(walkers + 1 - (i + 1) % cull);
            }
        }
        return logA;
    }

    /// <summary>log X_n, the log of the prior volume below the n-th sample (0-based).</summary>
    public static double LogX(long n, int walkers, int cull)
    {
        double s = 0;
        for (long i = 0; i <= n; i++)
        {
            long m = i % cull;
            s += Math.Log(walkers - m) - Math.Log(walkers + 1 - m);
        }
        return s;
    }
}
