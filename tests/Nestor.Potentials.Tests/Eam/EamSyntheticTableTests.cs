using System.Globalization;
using System.Text;
using Nestor.Atoms;
using Nestor.Potentials.Eam;
using Nestor.Testing;

namespace Nestor.Potentials.Tests.Eam;

/// <summary>
/// A small synthetic eam/fs file whose embedding table ends at rho = 0.98 while the atoms' densities are several
/// times larger, so F is evaluated by LAMMPS's linear extrapolation; compared with LAMMPS. Its r-tables reach the
/// cutoff ((Nr - 1) dr = cutoff) and vanish there, so energy and forces are consistent (with tables ending before
/// the cutoff LAMMPS holds the last value but keeps the last slope for forces, and so do we).
/// </summary>
public class EamSyntheticTableTests
{
    private static string WriteSynthetic()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("synthetic eam/fs file for tests\nF = -sqrt(rho), rho(r) = 3 (1 - r/5)^2, phi = 8 (1 - r/5)^6 - 0.6 (1 - r/5)^3\n\n");
        sb.Append("1 Mg\n50 0.02 501 0.01 5.0\n12 24.305 3.2 hcp\n");
        void Table(int n, Func<int, double> f)
        {
            for (int k = 0; k < n; k++) sb.Append(f(k).ToString("E16", inv)).Append(k % 5 == 4 || k == n - 1 ? '\n' : ' ');
        }
        Table(50, k => -Math.Sqrt(k * 0.02));
        Table(501, k => 3 * Math.Pow(1 - k * 0.01 / 5, 2));
        Table(501, k => { double x = 1 - k * 0.01 / 5; return k * 0.01 * (8 * Math.Pow(x, 6) - 0.6 * Math.Pow(x, 3)); });
        string path = Path.Combine(Path.GetTempPath(), $"nestor-synthetic-{Environment.ProcessId}-{Guid.NewGuid():N}.eam.fs");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [SkippableFact]
    public void DensitiesBeyondTheTableMatchLammps()
    {
        Skip.If(LammpsEam.Executable is null, "LAMMPS (lmp) is not installed");
        string file = WriteSynthetic();
        try
        {
            var pot = EamPotential.Read(file);
            var s = LammpsEam.Orient(RandomStructures.Skewed(31, 12, 16.0, minAspect: 0.5, minDistance: 2.0));
            var ws = new PotentialResult();
            pot.Compute(s, Quantities.All, ws);
            // every atom is beyond the table (rho_max = 0.98)
            double minRho = Enumerable.Range(0, s.Count).Min(i => LocalDensity(pot, s, i));
            Assert.True(minRho > 1.5, $"smallest density {minRho}");
            var (e, f, v) = LammpsEam.Run(s, "eam/fs", file);
            Assert.True(Math.Abs(ws.Energy - e) / s.Count < 1e-8, $"energy {ws.Energy:R} vs LAMMPS {e:R}");
            for (int k = 0; k < f.Length; k++) Assert.True(Math.Abs(ws.Forces[k] - f[k]) < 1e-7, $"force {k}: {ws.Forces[k]:R} vs LAMMPS {f[k]:R}");
            for (int k = 0; k < 9; k++) Assert.True(Math.Abs(ws.Virial[k] - v[k]) < 1e-6, $"virial {k}: {ws.Virial[k]:R} vs LAMMPS {v[k]:R}");
            PotentialChecks.ForcesMatchFiniteDifferences(pot, s, 1e-6);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The density at atom i by brute force over images (for the precondition of the test).</summary>
    private static double LocalDensity(EamPotential pot, Structure s, int i)
    {
        double rho = 0;
        for (int j = 0; j < s.Count; j++)
            for (int a = -3; a <= 3; a++)
            for (int b = -3; b <= 3; b++)
            for (int c = -3; c <= 3; c++)
            {
                if (i == j && a == 0 && b == 0 && c == 0) continue;
                double r = (s.GetPosition(j) - s.GetPosition(i) + s.Cell.A * a + s.Cell.B * b + s.Cell.C * c).Norm();
                rho += pot.Density(0, 0, r);
            }
        return rho;
    }

    [SkippableFact]
    public void EvaluationsAllocateNothingAfterWarmUp()
    {
        var pot = EamReferenceTests.Mg1();
        var s = RandomStructures.Hcp("Mg", 3.2, 5.2, 2, 2, 2);
        var r = new PotentialResult();
        var scratch = new PotentialResult();
        void Round(int k)
        {
            s.Positions[0] += 1e-4;
            pot.Compute(s, Quantities.All, r);
            pot.Compute(s, Quantities.Energy, r);
            pot.EnergyChange(s, k % s.Count, s.GetPosition(k % s.Count) + new Vec3(0.05, -0.05, 0.02), scratch);
        }
        for (int k = 0; k < 5; k++) Round(k); // warm-up: workspaces, buffers, one-time runtime allocations
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 20; k++) Round(k);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
