namespace Nestor.Potentials.Ace;

/// <summary>Per-thread scratch of the ACE site evaluation: neighbour data, atomic base, adjoint. Grows, never shrinks.</summary>
internal sealed class AceSiteScratch
{
    public readonly int K, NY, NA;
    public int Capacity;
    public int[] Entry = [];
    public double[] Ux = [], Uy = [], Uz = [];
    public double[] R = [], DR = [];          // K per neighbour
    public double[] YRe = [], YIm = [];       // NY per neighbour
    public double[] GRe = [], GIm = [];       // 3 NY per neighbour
    public readonly double[] ARe, AIm, WRe, WIm;
    public readonly double[] W0Re, W0Im, W1Re, W1Im; // per (l, m)
    public readonly double[] ShScratch;
    public readonly double[] PairP, PairDP;

    public AceSiteScratch(int k, int ny, int na, int shScratch, int pairK)
    {
        K = k; NY = ny; NA = na;
        ARe = new double[na]; AIm = new double[na]; WRe = new double[na]; WIm = new double[na];
        W0Re = new double[ny]; W0Im = new double[ny]; W1Re = new double[ny]; W1Im = new double[ny];
        ShScratch = new double[shScratch];
        PairP = new double[Math.Max(1, pairK)]; PairDP = new double[Math.Max(1, pairK)];
    }

    public void Ensure(int neighbours)
    {
        if (neighbours <= Capacity) return;
        int c = Math.Max(neighbours, 2 * Capacity);
        Capacity = c;
        Entry = new int[c];
        Ux = new double[c]; Uy = new double[c]; Uz = new double[c];
        R = new double[c * K]; DR = new double[c * K];
        YRe = new double[c * NY]; YIm = new double[c * NY];
        GRe = new double[3 * c * NY]; GIm = new double[3 * c * NY];
    }
}
