namespace Nestor.Potentials;

/// <summary>
/// Flat per-call arrays of the SIMD pair paths (<see cref="PairKernels"/>): per kept pair the atoms i and j, the
/// displacement (later the pair force), the squared distance and one value (a pair energy); per atom the first kept
/// pair of its row and four accumulation banks for values (4 per atom) and forces (4 banks of 4 per atom: x, y, z, unused). Sized with one
/// vector of room past the last entry.
/// </summary>
internal sealed class PairScratch
{
    public int[] PairI = [], PairJ = [];
    public double[] Dx = [], Dy = [], Dz = [], R2 = [], Value = [];
    public int[] RowStart = [];
    public double[] Bank = [], ForceBank = [];

    public void EnsureAtoms(int n)
    {
        if (RowStart.Length < n + 1)
        {
            RowStart = new int[n + 1]; Bank = new double[4 * n]; ForceBank = new double[16 * n];
        }
    }

    public void EnsureEntries(int count)
    {
        count += 4;
        if (R2.Length < count)
        {
            int size = Math.Max(count, 2 * R2.Length);
            PairI = new int[size]; PairJ = new int[size];
            Dx = new double[size]; Dy = new double[size]; Dz = new double[size]; R2 = new double[size]; Value = new double[size];
        }
    }
}
