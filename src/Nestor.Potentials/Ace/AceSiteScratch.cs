namespace Nestor.Potentials.Ace;

/// <summary>Per-thread scratch of the ACE site evaluation: neighbour data, atomic base, adjoint. Grows, never shrinks.</summary>
internal sealed class AceSiteScratch
{
    public readonly int K, NH;
    public int Capacity;
    public int[] Entry = [];
    public double[] Dx = [], Dy = [], Dz = [], Rn = [];
    public double[] GX = [], GY = [], GZ = [];  // dE_ACE/dR per neighbour slot
    public double[] R = [], DR = [];            // K per neighbour
    public double[] YRe = [], YIm = [];         // NH (l, m >= 0) per neighbour
    public double[] GRe = [], GIm = [];         // 3 NH per neighbour
    public readonly double[] ARe, AIm, WcRe, WcIm; // compact (m >= 0)
    public readonly double[] FRe, FIm, WRe, WIm;   // full one-particle index space
    public readonly double[] ShScratch;
    public double[] PairP = [], PairDP = [];   // pair basis, KP per neighbour
    public readonly int KP;

    public AceSiteScratch(int k, int nh, int nc, int nf, int shScratch, int pairK)
    {
        K = k; NH = nh;
        ARe = new double[nc]; AIm = new double[nc]; WcRe = new double[nc]; WcIm = new double[nc];
        FRe = new double[nf]; FIm = new double[nf]; WRe = new double[nf]; WIm = new double[nf];
        ShScratch = new double[shScratch];
        KP = pairK;
    }

    public void Ensure(int neighbours)
    {
        if (neighbours <= Capacity) return;
        int c = Math.Max(neighbours, 2 * Capacity);
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
