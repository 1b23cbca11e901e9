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
    public void FullAndHalfListsMatchBruteForceOnSkewedCells(int seed, int n, double vpa, double aspect, double rc)
    {
        var s = RandomStructures.Skewed(seed, n, vpa, aspect, minDistance: n == 1 ? 0 : 1.2);
        // move atoms out of the cell to check the list does not need wrapped positions
        var rng = new Random(seed);
        for (int i = 0; i < n; i++)
            s.SetPosition(i, s.GetPosition(i) + s.Cell.A * rng.Next(-2, 3) + s.Cell.C * rng.Next(-1, 2));
        var expected = BruteForce(s, rc);
        var full = new NeighbourList(rc, 0.3);
        full.Build(s);
        Assert.Equal(expected, FromList(full, rc, false));
        var half = new NeighbourList(rc, 0.0, half: true);
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

    [Fact]
    public void PartlyPeriodicAndIsolatedStructures()
    {
        var s = RandomStructures.Skewed(7, 20, 15.0, 0.65, 1.5);
        s.SetPbc(true, false, true);
        var expected = BruteForce(s, 6.0);
        var nl = new NeighbourList(6.0);
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
        Assert.False(nl.Update(s)); // moved < skin/2: refreshed, not rebuilt
        Assert.Equal(BruteForce(s, 6.0), FromList(nl, 6.0, false));
        s.Positions[0] += 0.6;
        Assert.True(nl.Update(s));
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
