namespace Nestor.Atoms.Neighbours;

/// <summary>
/// The homogeneous deformation between two cells (rows are lattice vectors, x = f H): F = H0^-1 H maps a
/// displacement of the reference cell to the current one at fixed fractional coordinates (d = d0 F).
/// </summary>
public static class Deformation
{
    /// <summary>
    /// The smallest singular value of F = H0^-1 H: no displacement shrinks by more than this factor when the cell
    /// goes from <paramref name="reference"/> to <paramref name="current"/> at fixed fractional coordinates.
    /// </summary>
    public static double SmallestStretch(Cell reference, Cell current)
    {
        Span<double> f = stackalloc double[9];
        Multiply(reference.Reciprocal(), current, f);
        // M = F F^T (symmetric, positive definite); its smallest eigenvalue is s_min^2
        double m00 = f[0] * f[0] + f[1] * f[1] + f[2] * f[2];
        double m11 = f[3] * f[3] + f[4] * f[4] + f[5] * f[5];
        double m22 = f[6] * f[6] + f[7] * f[7] + f[8] * f[8];
        double m01 = f[0] * f[3] + f[1] * f[4] + f[2] * f[5];
        double m02 = f[0] * f[6] + f[1] * f[7] + f[2] * f[8];
        double m12 = f[3] * f[6] + f[4] * f[7] + f[5] * f[8];
        return Math.Sqrt(Math.Max(0, SmallestEigenvalue(m00, m11, m22, m01, m02, m12)));
    }

    /// <summary>
    /// Writes G = H^-1 H0 (row-major) into <paramref name="g"/> (9 values): x G carries a position in <paramref name="current"/> back to the point of
    /// <paramref name="reference"/> with the same fractional coordinates.
    /// </summary>
    public static void BackMap(Cell current, Cell reference, Span<double> g) => Multiply(current.Reciprocal(), reference, g);

    // output = R^T H (row-major), R holding reciprocal rows (so R^T is the inverse of R's cell) and H lattice rows
    private static void Multiply(Cell r, Cell h, Span<double> output)
    {
        Span<Vec3> rr = [r.A, r.B, r.C];
        Span<Vec3> hh = [h.A, h.B, h.C];
        for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
        {
            double sum = 0;
            for (int c = 0; c < 3; c++) sum += rr[c][a] * hh[c][b];
            output[3 * a + b] = sum;
        }
    }

    /// <summary>The smallest eigenvalue of a symmetric 3x3 matrix (closed form, Smith 1961).</summary>
    public static double SmallestEigenvalue(double m00, double m11, double m22, double m01, double m02, double m12)
    {
        double p1 = m01 * m01 + m02 * m02 + m12 * m12;
        double q = (m00 + m11 + m22) / 3;
        double a = m00 - q, b = m11 - q, c = m22 - q;
        double p2 = a * a + b * b + c * c + 2 * p1;
        if (p2 <= 1e-300) return q;
        double p = Math.Sqrt(p2 / 6);
        double inv = 1 / p;
        double b00 = a * inv, b11 = b * inv, b22 = c * inv, b01 = m01 * inv, b02 = m02 * inv, b12 = m12 * inv;
        double det = b00 * (b11 * b22 - b12 * b12) - b01 * (b01 * b22 - b12 * b02) + b02 * (b01 * b12 - b11 * b02);
        double r = Math.Clamp(det / 2, -1, 1);
        double phi = Math.Acos(r) / 3;
        return q + 2 * p * Math.Cos(phi + 2 * Math.PI / 3);
    }
}
