using Nestor.Atoms;
using Nestor.Potentials;
using Xunit;

namespace Nestor.Testing;

/// <summary>
/// Invariant checks that every potential must pass: forces against central finite differences of the energy,
/// virial against finite strains, invariance under translation, rotation, permutation and the choice of periodic
/// cell (supercell, re-reduced cell), per-atom energies summing to the total, and single-atom energy changes
/// against two full evaluations. Each throws an xunit assertion failure naming the component and the error.
/// </summary>
public static class PotentialChecks
{
    /// <summary>Energy, forces, virial and per-atom energies of a structure (a fresh result object).</summary>
    public static PotentialResult Evaluate(IPotential p, Structure s, Quantities q = Quantities.All)
    {
        var r = new PotentialResult();
        p.Compute(s, q, r);
        return r;
    }

    /// <summary>The energy alone.</summary>
    public static double Energy(IPotential p, Structure s) => Evaluate(p, s, Quantities.Energy).Energy;

    /// <summary>Every force component against a central difference of the energy with step h (Angstrom).</summary>
    public static void ForcesMatchFiniteDifferences(IPotential p, Structure s, double tol, double h = 1e-5)
    {
        var r = Evaluate(p, s);
        var work = s.Clone();
        double worst = 0;
        for (int k = 0; k < 3 * s.Count; k++)
        {
            double x0 = work.Positions[k];
            work.Positions[k] = x0 + h;
            double ep = Energy(p, work);
            work.Positions[k] = x0 - h;
            double em = Energy(p, work);
            work.Positions[k] = x0;
            double fd = -(ep - em) / (2 * h);
            double err = Math.Abs(fd - r.Forces[k]);
            worst = Math.Max(worst, err);
            Assert.True(err <= tol, $"force component {k} (atom {k / 3}, axis {"xyz"[k % 3]}): analytic {r.Forces[k]:G10}, finite difference {fd:G10}, |diff| {err:G3} > {tol:G3} eV/A");
        }
    }

    /// <summary>
    /// Each virial component W_ab against -dE/d(eps_ab) by central differences of a homogeneous deformation
    /// x -> (I + eps) x applied to cell and atoms.
    /// </summary>
    public static void VirialMatchesStrainDerivative(IPotential p, Structure s, double tol, double h = 1e-6)
    {
        var r = Evaluate(p, s);
        for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
        {
            double Strained(double e)
            {
                var f = new double[9] { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
                f[3 * a + b] += e;
                var w = s.Clone();
                var cell = s.Cell.Transform(f);
                for (int i = 0; i < w.Count; i++)
                {
                    var x = w.GetPosition(i);
                    w.SetPosition(i, new Vec3(
                        f[0] * x.X + f[1] * x.Y + f[2] * x.Z,
                        f[3] * x.X + f[4] * x.Y + f[5] * x.Z,
                        f[6] * x.X + f[7] * x.Y + f[8] * x.Z));
                }
                w.Cell = cell;
                return Energy(p, w);
            }
            double fd = -(Strained(h) - Strained(-h)) / (2 * h);
            double err = Math.Abs(fd - r.Virial[3 * a + b]);
            Assert.True(err <= tol, $"virial[{"xyz"[a]}{"xyz"[b]}]: analytic {r.Virial[3 * a + b]:G10}, finite strain {fd:G10}, |diff| {err:G3} > {tol:G3} eV");
        }
    }

    /// <summary>Per-atom energies sum to the total; requesting fewer quantities gives the same energy.</summary>
    public static void AtomEnergiesSumToTotal(IPotential p, Structure s, double tol)
    {
        var r = Evaluate(p, s);
        Assert.Equal(s.Count, r.AtomEnergies.Length);
        double sum = r.AtomEnergies.Sum();
        Assert.True(Math.Abs(sum - r.Energy) <= tol, $"sum of per-atom energies {sum:G15} differs from the total {r.Energy:G15}");
        double e = Energy(p, s);
        Assert.True(Math.Abs(e - r.Energy) <= tol, $"energy-only evaluation {e:G15} differs from the full one {r.Energy:G15}");
    }

    /// <summary>A rigid translation (with atoms leaving the cell) changes neither energy nor forces.</summary>
    public static void InvariantUnderTranslation(IPotential p, Structure s, double tolEnergy, double tolForce)
    {
        var r0 = Evaluate(p, s);
        var t = s.Clone();
        var shift = new Vec3(1.234, -2.345, 3.456) + s.Cell.A * 1.5;
        for (int i = 0; i < t.Count; i++) t.SetPosition(i, t.GetPosition(i) + shift);
        var r1 = Evaluate(p, t);
        AssertClose(r0.Energy, r1.Energy, tolEnergy, "energy after translation");
        for (int k = 0; k < r0.Forces.Length; k++) AssertClose(r0.Forces[k], r1.Forces[k], tolForce, $"force {k} after translation");
        // wrapping atoms into the cell changes nothing either
        t.Wrap();
        AssertClose(r0.Energy, Energy(p, t), tolEnergy, "energy after wrapping");
    }

    /// <summary>A rigid rotation of cell and atoms leaves the energy unchanged and rotates forces and virial.</summary>
    public static void InvariantUnderRotation(IPotential p, Structure s, int seed, double tolEnergy, double tolForce, double tolVirial)
    {
        var rng = new Random(seed);
        var q = RandomRotation(rng);
        var r0 = Evaluate(p, s);
        var t = s.Clone();
        for (int i = 0; i < t.Count; i++) t.SetPosition(i, Apply(q, t.GetPosition(i)));
        t.Cell = t.Cell.Transform(q);
        var r1 = Evaluate(p, t);
        AssertClose(r0.Energy, r1.Energy, tolEnergy, "energy after rotation");
        for (int i = 0; i < s.Count; i++)
        {
            var f0 = Apply(q, new Vec3(r0.Forces[3 * i], r0.Forces[3 * i + 1], r0.Forces[3 * i + 2]));
            AssertClose(f0.X, r1.Forces[3 * i], tolForce, $"rotated force x of atom {i}");
            AssertClose(f0.Y, r1.Forces[3 * i + 1], tolForce, $"rotated force y of atom {i}");
            AssertClose(f0.Z, r1.Forces[3 * i + 2], tolForce, $"rotated force z of atom {i}");
        }
        // W' = Q W Q^T
        for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
        {
            double w = 0;
            for (int c = 0; c < 3; c++)
                for (int d = 0; d < 3; d++) w += q[3 * a + c] * r0.Virial[3 * c + d] * q[3 * b + d];
            AssertClose(w, r1.Virial[3 * a + b], tolVirial, $"rotated virial[{a},{b}]");
        }
    }

    /// <summary>Reordering the atoms reorders the forces and keeps the energy.</summary>
    public static void InvariantUnderPermutation(IPotential p, Structure s, int seed, double tolEnergy, double tolForce)
    {
        var order = Enumerable.Range(0, s.Count).ToArray();
        new Random(seed).Shuffle(order);
        var r0 = Evaluate(p, s);
        var r1 = Evaluate(p, s.Permute(order));
        AssertClose(r0.Energy, r1.Energy, tolEnergy, "energy after permutation");
        for (int k = 0; k < s.Count; k++)
            for (int d = 0; d < 3; d++)
                AssertClose(r0.Forces[3 * order[k] + d], r1.Forces[3 * k + d], tolForce, $"force of permuted atom {k}");
    }

    /// <summary>
    /// The same crystal described by a supercell (energy scales with the number of copies, forces repeat) and by a
    /// re-reduced cell (a' = a, b' = b + a, c' = c - 2b: same lattice, other basis) gives the same energy and forces.
    /// </summary>
    public static void InvariantUnderChoiceOfCell(IPotential p, Structure s, double tolEnergyPerAtom, double tolForce)
    {
        var r0 = Evaluate(p, s);
        var sup = s.Repeat(2, 1, 2);
        var rs = Evaluate(p, sup);
        AssertClose(r0.Energy / s.Count, rs.Energy / sup.Count, tolEnergyPerAtom, "energy per atom of a 2x1x2 supercell");
        for (int k = 0; k < sup.Count; k++)
            for (int d = 0; d < 3; d++)
                AssertClose(r0.Forces[3 * (k % s.Count) + d], rs.Forces[3 * k + d], tolForce, $"force of supercell atom {k}");
        for (int d = 0; d < 9; d++)
            AssertClose(4 * r0.Virial[d], rs.Virial[d], 4 * s.Count * tolEnergyPerAtom * 10, $"virial[{d}] of the supercell");

        var t = s.Clone();
        var c = s.Cell;
        t.Cell = new Cell(c.A, c.B + c.A, c.C - c.B * 2);
        var rt = Evaluate(p, t);
        AssertClose(r0.Energy / s.Count, rt.Energy / s.Count, tolEnergyPerAtom, "energy per atom in a re-reduced cell");
        for (int k = 0; k < r0.Forces.Length; k++) AssertClose(r0.Forces[k], rt.Forces[k], tolForce, $"force {k} in a re-reduced cell");
    }

    /// <summary>The single-atom energy change matches the difference of two full evaluations.</summary>
    public static void SingleAtomMovesMatchFullEvaluations(ISingleAtomMoves p, Structure s, int seed, double tol, int trials = 10)
    {
        var rng = new Random(seed);
        var scratch = new PotentialResult();
        double e0 = Energy(p, s);
        for (int t = 0; t < trials; t++)
        {
            int i = rng.Next(s.Count);
            var move = new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5) * 0.6;
            var newPos = s.GetPosition(i) + move;
            double de = p.EnergyChange(s, i, newPos, scratch);
            var moved = s.Clone();
            moved.SetPosition(i, newPos);
            double full = Energy(p, moved) - e0;
            AssertClose(full, de, tol, $"energy change of moving atom {i} (trial {t})");
        }
    }

    private static void AssertClose(double expected, double actual, double tol, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:G15}, got {actual:G15}, |diff| {Math.Abs(expected - actual):G3} > {tol:G3}");

    /// <summary>A uniformly random proper rotation matrix, row-major (from a random unit quaternion).</summary>
    public static double[] RandomRotation(Random rng)
    {
        double u1 = rng.NextDouble(), u2 = rng.NextDouble() * 2 * Math.PI, u3 = rng.NextDouble() * 2 * Math.PI;
        double a = Math.Sqrt(1 - u1), b = Math.Sqrt(u1);
        double w = a * Math.Sin(u2), x = a * Math.Cos(u2), y = b * Math.Sin(u3), z = b * Math.Cos(u3);
        return
        [
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y),
        ];
    }

    private static Vec3 Apply(double[] q, Vec3 v) => new(
        q[0] * v.X + q[1] * v.Y + q[2] * v.Z,
        q[3] * v.X + q[4] * v.Y + q[5] * v.Z,
        q[6] * v.X + q[7] * v.Y + q[8] * v.Z);
}
