namespace Nestor.Fitting.Tests.Solvers;

/// <summary>Seeded random linear problems y = A c0 + noise for solver tests.</summary>
internal static class RandomProblems
{
    public static (double[] A, double[] Y, double[] C0) Make(int seed, int rows, int cols, double noise, double columnSpread = 0)
    {
        var rng = new Random(seed);
        double G() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var scale = new double[cols];
        for (int k = 0; k < cols; k++) scale[k] = Math.Pow(10, columnSpread * (k / (double)Math.Max(1, cols - 1) - 0.5));
        var a = new double[rows * cols];
        for (int i = 0; i < rows; i++) for (int k = 0; k < cols; k++) a[i * cols + k] = G() * scale[k];
        var c0 = new double[cols];
        for (int k = 0; k < cols; k++) c0[k] = G() / scale[k];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double acc = 0;
            for (int k = 0; k < cols; k++) acc += a[i * cols + k] * c0[k];
            y[i] = acc + noise * G();
        }
        return (a, y, c0);
    }

    public static double[] Multiply(double[] a, double[] c, int rows, int cols)
    {
        var r = new double[rows];
        for (int i = 0; i < rows; i++) { double acc = 0; for (int k = 0; k < cols; k++) acc += a[i * cols + k] * c[k]; r[i] = acc; }
        return r;
    }
}
