using Nestor.Atoms;

namespace Nestor.Testing;

/// <summary>Seeded random structures for tests: skewed periodic cells, random positions with a minimum distance.</summary>
public static class RandomStructures
{
    /// <summary>
    /// A random triclinic cell of the given volume per atom whose minimum aspect ratio is at least
    /// <paramref name="minAspect"/>, with n atoms of <paramref name="symbol"/> no closer than <paramref name="minDistance"/>.
    /// </summary>
    public static Structure Skewed(int seed, int n, double volumePerAtom, double minAspect = 0.65,
        double minDistance = 1.8, string symbol = "Mg")
    {
        var rng = new Random(seed);
        Cell cell;
        while (true)
        {
            var a = new Vec3(1 + 0.6 * (rng.NextDouble() - 0.5), 0.8 * (rng.NextDouble() - 0.5), 0.8 * (rng.NextDouble() - 0.5));
            var b = new Vec3(0.8 * (rng.NextDouble() - 0.5), 1 + 0.6 * (rng.NextDouble() - 0.5), 0.8 * (rng.NextDouble() - 0.5));
            var c = new Vec3(0.8 * (rng.NextDouble() - 0.5), 0.8 * (rng.NextDouble() - 0.5), 1 + 0.6 * (rng.NextDouble() - 0.5));
            cell = new Cell(a, b, c);
            if (cell.Determinant <= 0 || cell.MinAspectRatio() < minAspect) continue;
            cell = cell.Scale(Math.Cbrt(n * volumePerAtom / cell.Volume));
            break;
        }
        var s = new Structure(Enumerable.Repeat(symbol, n).ToArray(), new double[3 * n], cell);
        var frac = new double[3 * n];
        var probe = s.Clone();
        for (int i = 0; i < n; i++)
        {
            for (int attempt = 0; ; attempt++)
            {
                if (attempt > 100000) throw new InvalidOperationException("could not place atoms at this density");
                frac[3 * i] = rng.NextDouble(); frac[3 * i + 1] = rng.NextDouble(); frac[3 * i + 2] = rng.NextDouble();
                var r = cell.ToCartesian(new Vec3(frac[3 * i], frac[3 * i + 1], frac[3 * i + 2]));
                bool ok = true;
                for (int j = 0; j < i && ok; j++)
                    ok = MinimumImageDistance(cell, r, s.GetPosition(j)) >= minDistance;
                if (!ok) continue;
                s.SetPosition(i, r);
                break;
            }
        }
        return s;
    }

    /// <summary>Shortest distance between two points over all periodic images (brute force over +-3 cells).</summary>
    public static double MinimumImageDistance(Cell cell, Vec3 a, Vec3 b)
    {
        double best = double.MaxValue;
        for (int i = -3; i <= 3; i++)
        for (int j = -3; j <= 3; j++)
        for (int k = -3; k <= 3; k++)
            best = Math.Min(best, (b - a + cell.A * i + cell.B * j + cell.C * k).Norm());
        return best;
    }

    /// <summary>An ideal hcp crystal (2-atom primitive cell repeated), lattice constants in Angstrom.</summary>
    public static Structure Hcp(string symbol, double a, double c, int na = 1, int nb = 1, int nc = 1) =>
        Nestor.Atoms.Build.Lattices.Hcp(symbol, a, c, na, nb, nc);

    /// <summary>An ideal fcc crystal in the 4-atom cubic cell, repeated.</summary>
    public static Structure Fcc(string symbol, double a, int n = 1) => Nestor.Atoms.Build.Lattices.FccCubic(symbol, a, n);

    /// <summary>An ideal bcc crystal in the 2-atom cubic cell, repeated.</summary>
    public static Structure Bcc(string symbol, double a, int n = 1) => Nestor.Atoms.Build.Lattices.BccCubic(symbol, a, n);
}
