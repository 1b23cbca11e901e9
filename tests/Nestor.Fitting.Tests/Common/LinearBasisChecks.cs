using Nestor.Atoms;

namespace Nestor.Fitting.Tests.Common;

/// <summary>
/// Checks every <see cref="ILinearBasis"/> must pass, function by function (not only for one combination of
/// coefficients): site rows sum to the energy row; force rows are minus central differences of the energy row;
/// virial rows are minus strain derivatives of the energy row; the energy row is invariant under rotation and
/// permutation; requesting fewer parts gives the same energy row. For the ACE basis as much as for the baselines.
/// </summary>
public static class LinearBasisChecks
{
    public static void All(ILinearBasis basis, Structure s, double tolForce = 1e-6, double tolVirial = 1e-5, int seed = 1)
    {
        int n = s.Count, m = basis.Length;
        var ws = basis.CreateWorkspace();
        var e = new double[m]; var f = new double[3 * n * m]; var v = new double[6 * m]; var a = new double[n * m];
        basis.Evaluate(s, e, f, v, a, ws);

        // site rows sum to the energy row; energy-only evaluation agrees
        var eOnly = new double[m];
        basis.Evaluate(s, eOnly, [], [], [], ws);
        for (int k = 0; k < m; k++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += a[i * m + k];
            Close(e[k], sum, 1e-10 * (1 + Math.Abs(e[k])), $"function {k}: sum of site rows vs energy row");
            Close(e[k], eOnly[k], 1e-12 * (1 + Math.Abs(e[k])), $"function {k}: energy-only evaluation");
        }

        // forces: -dB_k/dr by central differences, all functions at once
        const double h = 1e-5;
        var ep = new double[m]; var em = new double[m];
        var work = s.Clone();
        for (int c = 0; c < 3 * n; c++)
        {
            double x0 = work.Positions[c];
            work.Positions[c] = x0 + h; basis.Evaluate(work, ep, [], [], [], ws);
            work.Positions[c] = x0 - h; basis.Evaluate(work, em, [], [], [], ws);
            work.Positions[c] = x0;
            for (int k = 0; k < m; k++)
                Close(-(ep[k] - em[k]) / (2 * h), f[c * m + k], tolForce, $"function {k}, force component {c}");
        }

        // virial: W_ab = -dB/d(eps_ab) for x -> (I + eps) x of cell and atoms; Voigt xx yy zz yz xz xy
        (int A, int B)[] voigt = [(0, 0), (1, 1), (2, 2), (1, 2), (0, 2), (0, 1)];
        const double he = 1e-6;
        for (int q = 0; q < 6; q++)
        {
            var (ia, ib) = voigt[q];
            double[] Strained(double d)
            {
                var g = new double[9] { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
                // symmetric strain for the off-diagonal components
                if (ia == ib) g[3 * ia + ib] += d; else { g[3 * ia + ib] += d / 2; g[3 * ib + ia] += d / 2; }
                var t = s.Clone();
                t.Cell = s.Cell.Transform(g);
                for (int i = 0; i < n; i++)
                {
                    var r = s.GetPosition(i);
                    t.SetPosition(i, new Vec3(g[0] * r.X + g[1] * r.Y + g[2] * r.Z, g[3] * r.X + g[4] * r.Y + g[5] * r.Z, g[6] * r.X + g[7] * r.Y + g[8] * r.Z));
                }
                var row = new double[m];
                basis.Evaluate(t, row, [], [], [], ws);
                return row;
            }
            var up = Strained(he); var dn = Strained(-he);
            for (int k = 0; k < m; k++)
                Close(-(up[k] - dn[k]) / (2 * he), v[q * m + k], tolVirial * (1 + Math.Abs(v[q * m + k])), $"function {k}, virial component {q}");
        }

        // rotation and permutation leave every function unchanged
        var rng = new Random(seed);
        var rot = Nestor.Testing.PotentialChecks.RandomRotation(rng);
        var rs = s.Clone();
        for (int i = 0; i < n; i++)
        {
            var r = s.GetPosition(i);
            rs.SetPosition(i, new Vec3(rot[0] * r.X + rot[1] * r.Y + rot[2] * r.Z, rot[3] * r.X + rot[4] * r.Y + rot[5] * r.Z, rot[6] * r.X + rot[7] * r.Y + rot[8] * r.Z));
        }
        rs.Cell = s.Cell.Transform(rot);
        var er = new double[m];
        basis.Evaluate(rs, er, [], [], [], ws);
        var order = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(order);
        var eperm = new double[m];
        basis.Evaluate(s.Permute(order), eperm, [], [], [], ws);
        for (int k = 0; k < m; k++)
        {
            Close(e[k], er[k], 1e-10 * (1 + Math.Abs(e[k])), $"function {k} after rotation");
            Close(e[k], eperm[k], 1e-10 * (1 + Math.Abs(e[k])), $"function {k} after permutation");
        }
    }

    private static void Close(double expected, double actual, double tol, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:G12}, got {actual:G12} (|diff| {Math.Abs(expected - actual):G3} > {tol:G3})");
}
