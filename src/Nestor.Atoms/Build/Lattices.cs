namespace Nestor.Atoms.Build;

/// <summary>Ideal crystals (lattice constants in Angstrom), in the cells ASE's <c>ase.build.bulk</c> uses.</summary>
public static class Lattices
{
    /// <summary>hcp in the 2-atom primitive cell (a along x, b at 120 degrees), repeated na x nb x nc.</summary>
    public static Structure Hcp(string symbol, double a, double c, int na = 1, int nb = 1, int nc = 1)
    {
        var cell = new Cell(new Vec3(a, 0, 0), new Vec3(-a / 2, a * Math.Sqrt(3) / 2, 0), new Vec3(0, 0, c));
        var s = new Structure([symbol, symbol], new double[6], cell);
        s.SetFractional([0, 0, 0, 1.0 / 3, 2.0 / 3, 0.5]);
        return s.Repeat(na, nb, nc);
    }

    /// <summary>fcc in the 4-atom cubic cell, repeated n x n x n.</summary>
    public static Structure FccCubic(string symbol, double a, int n = 1)
    {
        var s = new Structure(Enumerable.Repeat(symbol, 4).ToArray(), new double[12], Cell.Cubic(a));
        s.SetFractional([0, 0, 0, 0, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0]);
        return s.Repeat(n, n, n);
    }

    /// <summary>bcc in the 2-atom cubic cell, repeated n x n x n.</summary>
    public static Structure BccCubic(string symbol, double a, int n = 1)
    {
        var s = new Structure([symbol, symbol], new double[6], Cell.Cubic(a));
        s.SetFractional([0, 0, 0, 0.5, 0.5, 0.5]);
        return s.Repeat(n, n, n);
    }
}
