namespace Nestor.Potentials.Ace;

/// <summary>
/// Per-thread scratch of the ACE site evaluation. Neighbour data are in structure-of-arrays layout with the neighbour
/// count padded to a multiple of 4 (<see cref="Stride"/>): radial function n of neighbour a at [n Stride + a],
/// spherical harmonic j at [j Stride + a], its gradient component d at [(3j + d) Stride + a]. Grows, never shrinks.
/// </summary>
internal sealed class AceSiteScratch
{
    public readonly int K, NH, KP;
    public int Capacity, Stride;
    public int[] Entry = [];
    public double[] Dx = [], Dy = [], Dz = [], Rn = [];
    public double[] GX = [], GY = [], GZ = [];  // dE/dR per neighbour slot (pair + many-body)
    public double[] R = [], DR = [];
    public double[] YRe = [], YIm = [];
    public double[] GRe = [], GIm = [];
    public double[] PairP = [], PairDP = [];
    public readonly double[] ARe, AIm, WcRe, WcIm; // compact (m >= 0)
    public readonly double[] FRe, FIm, WRe, WIm;   // full one-particle index space

    public AceSiteScratch(int k, int nh, int nc, int nf, int pairK)
    {
        K = k; NH = nh; KP = pairK;
        ARe = new double[nc]; AIm = new double[nc]; WcRe = new double[nc]; WcIm = new double[nc];
        FRe = new double[nf]; FIm = new double[nf]; WRe = new double[nf]; WIm = new double[nf];
    }

    /// <summary>Makes room for <paramref name="neighbours"/> slots (rounded up to a multiple of 4).</summary>
    public void Ensure(int neighbours)
    {
        int need = (neighbours + 3) & ~3;
        if (need <= Capacity) return;
        int c = Math.Max(need, 2 * Capacity);
        Capacity = c;
        Entry = new int[c];
        Dx = new double[c]; Dy = new double[c]; Dz = new double[c]; Rn = new double[c];
        GX = new double[c]; GY = new double[c]; GZ = new double[c];
        R = new double[c * K]; DR = new double[c * K];
        YRe = new double[c * NH]; YIm = new double[c * NH];
        GRe = new double[3 * c * NH]; GIm = new double[3 * c * NH];
        PairP = new double[c * KP]; PairDP = new double[c * KP];
    }
}
