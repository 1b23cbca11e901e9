using Nestor.Atoms;
using Nestor.Atoms.Neighbours;
using Nestor.Testing;

namespace Nestor.Atoms.Tests.Neighbours;

public class NeighbourListTests
{
    /// <summary>All (i, j, image) within rc by brute force over a generous image range.</summary>
    private static SortedSet<(int, int, int, int, int)> BruteForce(Structure s, double rc)
    {
        var set = new SortedSet<(int, int, int, int, int)>();
        var h = s.Cell.Heights();
        bool any = s.Pbc[0] || s.Pbc[1] || s.Pbc[2];
        int ma = s.Pbc[0] ? (int)Math.Ceiling(rc / h.X) + 1 : 0;
        int mb = s.Pbc[1] ? (int)Math.Ceiling(rc / h.Y) + 1 : 0;
        int mc = s.Pbc[2] ? (int)Math.Ceiling(rc / h.Z) + 1 : 0;
        for (int i = 0; i < s.Count; i++)
        for (int j = 0; j < s.Count; j++)
        {
            // centre the image scan on the nearest image of j to i (atoms may sit several cells away)
            var f = any ? s.Cell.ToFractional(s.GetPosition(j) - s.GetPosition(i)) : Vec3.Zero;
            int ca = s.Pbc[0] ? -(int)Math.Round(f.X) : 0, cb = s.Pbc[1] ? -(int)Math.Round(f.Y) : 0, cc = s.Pbc[2] ? -(int)Math.Round(f.Z) : 0;
            for (int a = ca - ma; a <= ca + ma; a++)
            for (int b = cb - mb; b <= cb + mb; b++)
            for (int c = cc - mc; c <= cc + mc; c++)
            {
                if (i == j && a == 0 && b == 0 && c == 0) continue;
                var d = s.GetPosition(j) - s.GetPosition(i) + s.Cell.A * a + s.Cell.B * b + s.Cell.C * c;
                if (d.Norm() < rc) set.Add((i, j, a, b, c));
            }
        }
        return set;
    }

    private static SortedSet<(int, int, int, int, int)> FromList(NeighbourList nl, double rc, bool mirrorHalf)
    {
        var set = new SortedSet<(int, int, int, int, int)>();
        for (int i = 0; i < nl.AtomCount; i++)
            for (int k = nl.Start[i]; k < nl.Start[i + 1]; k++)
            {
                if (nl.R[k] >= rc) continue;
                var e = (i, nl.Index[k], nl.ImageA[k], nl.ImageB[k], nl.ImageC[k]);
                Assert.True(set.Add(e), $"duplicate entry {e}");
                if (mirrorHalf) Assert.True(set.Add((e.Item2, e.i, -e.Item3, -e.Item4, -e.Item5)), $"half list holds both directions of {e}");
            }
        return set;
    }

    [Theory]
    [InlineData(1, 16, 23.0, 0.65, 8.2)]
    [InlineData(2, 16, 8.0, 0.65, 8.2)]   // ~600 GPa density, cutoff far larger than the cell
    [InlineData(3, 5, 30.0, 0.4, 9.0)]
    [InlineData(4, 64, 20.0, 0.7, 5.0)]
    [InlineData(5, 1, 12.0, 0.65, 7.0)]   // one atom: only self-images
    [InlineData(6, 200, 10.0, 0.5, 7.5)]  // above the pair-enumeration limit: binned
    public void FullAndHalfListsMatchBruteForceOnSkewedCells(int seed, int n, double vpa, double aspect, double rc)
    {
        foreach (int limit in new[] { 0, int.MaxValue })
            ListsMatchBruteForce(seed, n, vpa, aspect, rc, limit);
    }

    private static void ListsMatchBruteForce(int seed, int n, double vpa, double aspect, double rc, int directLimit)
    {
        var s = RandomStructures.Skewed(seed, n, vpa, aspect, minDistance: n == 1 ? 0 : 1.2);
        // move atoms out of the cell to check the list does not need wrapped positions
        var rng = new Random(seed);
        for (int i = 0; i < n; i++)
            s.SetPosition(i, s.GetPosition(i) + s.Cell.A * rng.Next(-2, 3) + s.Cell.C * rng.Next(-1, 2));
        var expected = BruteForce(s, rc);
        var full = new NeighbourList(rc, 0.3) { DirectLimitForTests = directLimit };
        full.Build(s);
        Assert.Equal(expected, FromList(full, rc, false));
        var half = new NeighbourList(rc, 0.0, half: true) { DirectLimitForTests = directLimit };
        half.Build(s);
        Assert.Equal(expected, FromList(half, rc, true));
        for (int k = 0; k < full.EntryCount; k++)
        {
            int i = 0;
            while (full.Start[i + 1] <= k) i++;
            var j = full.Index[k];
            var d = s.GetPosition(j) - s.GetPosition(i) + s.Cell.A * full.ImageA[k] + s.Cell.B * full.ImageB[k] + s.Cell.C * full.ImageC[k];
            Assert.Equal(d.Norm(), full.R[k], 10);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    public void ABadlyChosenBasisOfTheSameLatticeGivesTheSamePairs(int directLimit)
    {
        // NS shear moves leave long, nearly parallel cell vectors; the direct build works in a reduced basis and
        // converts back. The same crystal described by a basis of long vectors must give the same neighbours.
        var s = RandomStructures.Skewed(11, 16, 14.0, 0.65, 1.5);
        var c = s.Cell;
        var bad = new Cell(c.A, c.B + c.A * 3, c.C - c.A * 2 + c.B * 4);
        var t = s.Clone();
        t.Cell = bad;
        Assert.Equal(BruteForce(t, 7.0), FromList(Built(t, 7.0, 1.0, false, directLimit), 7.0, false));
        Assert.Equal(BruteForce(t, 7.0), FromList(Built(t, 7.0, 0.0, true, directLimit), 7.0, true));
        // and the displacements are those of the original basis
        static List<string> Displacements(Structure x, NeighbourList nl)
        {
            var list = new List<string>();
            for (int i = 0; i < nl.AtomCount; i++)
                for (int k = nl.Start[i]; k < nl.Start[i + 1]; k++)
                    if (nl.R[k] < 7.0) list.Add(FormattableString.Invariant($"{i} {nl.Index[k]} {nl.Dx[k]:F6} {nl.Dy[k]:F6} {nl.Dz[k]:F6}"));
            list.Sort(StringComparer.Ordinal);
            return list;
        }
        Assert.Equal(Displacements(s, Built(s, 7.0, 1.0, false, directLimit)), Displacements(t, Built(t, 7.0, 1.0, false, directLimit)));
    }

    private static NeighbourList Built(Structure s, double rc, double skin, bool half, int directLimit)
    {
        var nl = new NeighbourList(rc, skin, half) { DirectLimitForTests = directLimit };
        nl.Build(s);
        return nl;
    }

    [Fact]
    public void ReductionKeepsTheLatticeAndShortensTheBasis()
    {
        var c = new Cell(new Vec3(3, 0, 0), new Vec3(0.5, 3.1, 0), new Vec3(0.2, 0.4, 2.9));
        var bad = new Cell(c.A, c.B + c.A * 5, c.C - c.A * 7 + c.B * 3);
        Span<int> u = stackalloc int[9];
        var red = NeighbourList.Reduce(bad, u);
        // red = U bad with U integer and det U = +-1: the same lattice
        int det = u[0] * (u[4] * u[8] - u[5] * u[7]) - u[1] * (u[3] * u[8] - u[5] * u[6]) + u[2] * (u[3] * u[7] - u[4] * u[6]);
        Assert.Equal(1, Math.Abs(det));
        for (int r = 0; r < 3; r++)
        {
            var v = bad.A * u[3 * r] + bad.B * u[3 * r + 1] + bad.C * u[3 * r + 2];
            Assert.True((v - red[r]).Norm() < 1e-9);
        }
        Assert.Equal(c.Volume, red.Volume, 9);
        double longest = Math.Max(red.A.Norm(), Math.Max(red.B.Norm(), red.C.Norm()));
        Assert.True(longest < 3.5, $"reduced basis still has a vector of {longest:F2} A");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    public void PartlyPeriodicAndIsolatedStructures(int directLimit)
    {
        var s = RandomStructures.Skewed(7, 20, 15.0, 0.65, 1.5);
        s.SetPbc(true, false, true);
        var expected = BruteForce(s, 6.0);
        var nl = new NeighbourList(6.0) { DirectLimitForTests = directLimit };
        nl.Build(s);
        Assert.Equal(expected, FromList(nl, 6.0, false));

        var cluster = new Structure(["Mg", "Mg", "Mg"], [0, 0, 0, 2.5, 0, 0, 0, 2.5, 0], Cell.Empty, periodic: false);
        nl.Build(cluster);
        Assert.Equal(BruteForce(cluster, 3.0), FromList(nl, 3.0, false));
        Assert.Equal(4, FromList(nl, 3.0, false).Count); // 0-1 and 0-2 at 2.5 A, both directions; 1-2 is 3.54 A apart
    }

    [Fact]
    public void LargeSystemMatchesBruteForceAndReusesWithinSkin()
    {
        var s = RandomStructures.Hcp("Mg", 3.2, 5.2, 6, 6, 4); // 288 atoms
        var rng = new Random(3);
        for (int k = 0; k < s.Positions.Length; k++) s.Positions[k] += 0.1 * (rng.NextDouble() - 0.5);
        var nl = new NeighbourList(6.0, 1.0);
        Assert.True(nl.Update(s));
        Assert.Equal(BruteForce(s, 6.0), FromList(nl, 6.0, false));
        for (int k = 0; k < s.Positions.Length; k++) s.Positions[k] += 0.2 * (rng.NextDouble() - 0.5);
        Assert.False(nl.Update(s)); // the two largest moves add up to less than the skin: refreshed, not rebuilt
        Assert.Equal(BruteForce(s, 6.0), FromList(nl, 6.0, false));
        s.Positions[0] += 1.1;
        Assert.True(nl.Update(s));
    }

    [Fact]
    public void TheTwoLargestMovesDecideARebuild()
    {
        // two atoms 7.01 A apart, just outside cutoff + skin (6 + 1): not listed. Moving them towards each other by
        // 0.6 + 0.39 leaves them 6.02 apart, outside the cutoff, so the list stays exact (twice the largest move, 1.2,
        // exceeds the skin: LAMMPS's rule would rebuild); 0.6 + 0.42 brings them
        // within the cutoff, and the list must be rebuilt. A third atom far away moves too, by less than either.
        var s = new Structure(["Mg", "Mg", "Mg"], [0, 0, 0, 7.01, 0, 0, 0, 20, 0], Cell.Empty, periodic: false);
        var nl = new NeighbourList(6.0, 1.0);
        Assert.True(nl.Update(s));
        Assert.Empty(FromList(nl, 6.0, false));
        s.Positions[0] += 0.6; s.Positions[3] -= 0.39; s.Positions[7] += 0.3;
        Assert.False(nl.Update(s));
        Assert.Equal(BruteForce(s, 6.0), FromList(nl, 6.0, false));
        s.Positions[3] -= 0.03;
        Assert.True(nl.Update(s));
        Assert.Equal(2, FromList(nl, 6.0, false).Count); // 5.99 A: both directions
    }
}

public class NeighbourListBadInputTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e20)]
    public void NonFiniteOrAbsurdPositionsAreAClearError(double x)
    {
        var s = Nestor.Atoms.Build.Lattices.Hcp("Mg", 3.2, 5.2, 2, 2, 2);
        s.Positions[4] = x;
        var e = Assert.Throws<ArgumentException>(() => new NeighbourList(7.5).Build(s));
        Assert.Contains("atom 1", e.Message);
    }
}

public class NeighbourListDeformationTests
{
    private static Vec3 Row(double[] m, int r) => new(m[3 * r], m[3 * r + 1], m[3 * r + 2]);

    private static double[] Mul(double[] a, double[] b)
    {
        var c = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
        return c;
    }

    private static double[] Rotation(Random rng)
    {
        // random rotation from a random unit quaternion
        double q0 = rng.NextDouble() - 0.5, q1 = rng.NextDouble() - 0.5, q2 = rng.NextDouble() - 0.5, q3 = rng.NextDouble() - 0.5;
        double n = Math.Sqrt(q0 * q0 + q1 * q1 + q2 * q2 + q3 * q3);
        q0 /= n; q1 /= n; q2 /= n; q3 /= n;
        return
        [
            1 - 2 * (q2 * q2 + q3 * q3), 2 * (q1 * q2 - q0 * q3), 2 * (q1 * q3 + q0 * q2),
            2 * (q1 * q2 + q0 * q3), 1 - 2 * (q1 * q1 + q3 * q3), 2 * (q2 * q3 - q0 * q1),
            2 * (q1 * q3 - q0 * q2), 2 * (q2 * q3 + q0 * q1), 1 - 2 * (q1 * q1 + q2 * q2),
        ];
    }

    [Fact]
    public void SmallestStretchIsTheSmallestSingularValueOfTheDeformation()
    {
        var rng = new Random(11);
        var h0 = RandomStructures.Skewed(1, 4, 20.0, 0.6, 1.0).Cell;
        for (int t = 0; t < 200; t++)
        {
            double[] sv = [0.5 + rng.NextDouble(), 0.5 + rng.NextDouble(), 0.5 + rng.NextDouble()];
            var f = Mul(Mul(Rotation(rng), [sv[0], 0, 0, 0, sv[1], 0, 0, 0, sv[2]]), Rotation(rng));
            double[] hm = [h0.A.X, h0.A.Y, h0.A.Z, h0.B.X, h0.B.Y, h0.B.Z, h0.C.X, h0.C.Y, h0.C.Z];
            var h = Mul(hm, f); // rows of H0 F
            var cell = new Cell(Row(h, 0), Row(h, 1), Row(h, 2));
            Assert.Equal(sv.Min(), Deformation.SmallestStretch(h0, cell), 9);
        }
        Assert.Equal(0.97, Deformation.SmallestStretch(h0, h0.Scale(0.97)), 12);
        Assert.Equal(1.0, Deformation.SmallestStretch(h0, h0), 12);
    }

    [Fact]
    public void ListSurvivesSmallDeformationsAndStaysExact()
    {
        // NS-like moves of a 16-atom cell: volume, shear, stretch and atom moves; whenever the list is kept, it must
        // still hold every pair within the cutoff
        var rng = new Random(5);
        const double rc = 7.5, skin = 1.0;
        int kept = 0, rebuilt = 0;
        for (int trial = 0; trial < 60; trial++)
        {
            var s = RandomStructures.Skewed(100 + trial, 16, 18 + 10 * rng.NextDouble(), 0.65, 1.5);
            var nl = new NeighbourList(rc, skin, half: trial % 2 == 0);
            nl.Update(s);
            for (int step = 0; step < 25; step++)
            {
                double[] f = [1, 0, 0, 0, 1, 0, 0, 0, 1];
                double amp = step % 3 == 0 ? 0.004 : 0.03;
                for (int k = 0; k < 9; k++) f[k] += amp * (2 * rng.NextDouble() - 1);
                var c = s.Cell;
                double[] hm = [c.A.X, c.A.Y, c.A.Z, c.B.X, c.B.Y, c.B.Z, c.C.X, c.C.Y, c.C.Z];
                var h = Mul(hm, f);
                s.SetCell(new Cell(Row(h, 0), Row(h, 1), Row(h, 2)), scaleAtoms: true);
                for (int k = 0; k < s.Positions.Length; k++) s.Positions[k] += 0.05 * (2 * rng.NextDouble() - 1);
                if (nl.Update(s)) rebuilt++; else kept++;
                var reference = new NeighbourList(rc, 0, half: nl.Half);
                reference.Build(s);
                Assert.Equal(Within(reference, rc), Within(nl, rc));
            }
        }
        // the point of the criterion: most small NS cell moves keep the list
        Assert.True(kept > rebuilt, $"kept {kept}, rebuilt {rebuilt}");
    }

    [Fact]
    public void PreparedTranslationsGiveTheDisplacementsOfTheImages()
    {
        // atoms far outside the cell (NS walkers drift), a deformed cell that keeps the list, then a rebuild
        var rng = new Random(9);
        var s = RandomStructures.Skewed(4, 16, 22, 0.65, 1.5);
        for (int i = 0; i < 16; i++) s.SetPosition(i, s.GetPosition(i) + s.Cell.A * rng.Next(-40, 40) + s.Cell.B * rng.Next(-3, 3));
        var nl = new NeighbourList(7.5, 1.0, half: true);
        for (int step = 0; step < 6; step++)
        {
            var (local, shifts, code) = nl.Prepare(s);
            for (int i = 0; i < nl.AtomCount; i++)
                for (int k = nl.Start[i]; k < nl.Start[i + 1]; k++)
                {
                    int j = nl.Index[k], g = 3 * code[k];
                    var d = new Vec3(local[3 * j] - local[3 * i] + shifts[g], local[3 * j + 1] - local[3 * i + 1] + shifts[g + 1], local[3 * j + 2] - local[3 * i + 2] + shifts[g + 2]);
                    var e = s.GetPosition(j) - s.GetPosition(i) + s.Cell.A * nl.ImageA[k] + s.Cell.B * nl.ImageB[k] + s.Cell.C * nl.ImageC[k];
                    Assert.True((d - e).Norm() < 1e-9 * (1 + e.Norm()), $"entry {k}: {d} vs {e}");
                }
            s.SetCell(s.Cell.Scale(step == 3 ? 0.8 : 0.995), scaleAtoms: true);
            for (int k = 0; k < s.Positions.Length; k++) s.Positions[k] += 0.05 * (rng.NextDouble() - 0.5);
        }
    }

    [Fact]
    public void IsotropicCompressionBeyondTheSkinForcesARebuild()
    {
        var s = RandomStructures.Skewed(3, 16, 20, 0.7, 1.5);
        var nl = new NeighbourList(7.5, 1.0);
        nl.Update(s);
        s.SetCell(s.Cell.Scale(0.95), scaleAtoms: true);   // 0.95 * 8.5 > 7.5: kept
        Assert.False(nl.NeedsRebuild(s));
        s.SetCell(s.Cell.Scale(0.92 / 0.95), scaleAtoms: true); // 0.92 * 8.5 = 7.82 > 7.5: kept
        Assert.False(nl.NeedsRebuild(s));
        s.SetCell(s.Cell.Scale(0.87 / 0.92), scaleAtoms: true); // 0.87 * 8.5 = 7.395 < 7.5: rebuild
        Assert.True(nl.NeedsRebuild(s));
    }

    private static SortedSet<(int, int, int, int, int)> Within(NeighbourList nl, double rc)
    {
        var set = new SortedSet<(int, int, int, int, int)>();
        for (int i = 0; i < nl.AtomCount; i++)
            for (int k = nl.Start[i]; k < nl.Start[i + 1]; k++)
                if (nl.R[k] < rc) set.Add((i, nl.Index[k], nl.ImageA[k], nl.ImageB[k], nl.ImageC[k]));
        return set;
    }
}
