using System.Diagnostics;
using Nestor.Atoms;
using Nestor.Potentials;

namespace Nestor.Bench;

/// <summary>
/// A plain NVE velocity-Verlet loop, the same work LAMMPS does in "run N" (one energy+force evaluation per step,
/// neighbour list reused within its skin), so per-atom-step costs compare like for like.
/// </summary>
public static class MdLoop
{
    /// <summary>Runs <paramref name="steps"/> steps of dt fs from velocities at temperature t0 (K); returns seconds.</summary>
    public static double Run(IPotential pot, Structure s, int steps, double dtFs, double t0, int seed, int threads, out double energyDrift) =>
        Run(pot, s, steps, dtFs, t0, seed, threads, out energyDrift, out _);

    /// <summary>As above; also returns the process CPU seconds spent in the loop (all threads).</summary>
    public static double Run(IPotential pot, Structure s, int steps, double dtFs, double t0, int seed, int threads, out double energyDrift, out double cpuSeconds)
    {
        int n = s.Count;
        var rng = new Random(seed);
        var v = new double[3 * n];
        for (int i = 0; i < n; i++)
        {
            double sd = Math.Sqrt(Units.KB * t0 / s.Masses[i]);
            for (int d = 0; d < 3; d++) v[3 * i + d] = sd * Gaussian(rng);
        }
        double dt = dtFs / Units.TimeUnitFs;
        var res = new PotentialResult { Threads = threads };
        pot.Compute(s, Quantities.Forces, res);
        double e0 = res.Energy + Kinetic(s, v);
        var x = s.Positions;
        var m = s.Masses;
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (int step = 0; step < steps; step++)
        {
            var f = res.Forces;
            for (int i = 0; i < n; i++)
            {
                double h = 0.5 * dt / m[i];
                for (int d = 0; d < 3; d++)
                {
                    int k = 3 * i + d;
                    v[k] += h * f[k];
                    x[k] += dt * v[k];
                }
            }
            pot.Compute(s, Quantities.Forces, res);
            f = res.Forces;
            for (int i = 0; i < n; i++)
            {
                double h = 0.5 * dt / m[i];
                for (int d = 0; d < 3; d++) v[3 * i + d] += h * f[3 * i + d];
            }
        }
        sw.Stop();
        proc.Refresh();
        cpuSeconds = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        energyDrift = (res.Energy + Kinetic(s, v) - e0) / n;
        return sw.Elapsed.TotalSeconds;
    }

    private static double Kinetic(Structure s, double[] v)
    {
        double k = 0;
        for (int i = 0; i < s.Count; i++)
            k += 0.5 * s.Masses[i] * (v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1] + v[3 * i + 2] * v[3 * i + 2]);
        return k;
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
