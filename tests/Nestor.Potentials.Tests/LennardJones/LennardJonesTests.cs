using Nestor.Atoms;
using Nestor.Potentials.LennardJones;
using Nestor.Testing;

namespace Nestor.Potentials.Tests.LennardJones;

public class LennardJonesTests
{
    private static LennardJonesPotential Reduced(double cutoff = 3.0, bool shift = true) => new(1.0, 1.0, cutoff, shift);

    private static IPotential Mg() => PotentialRegistry.Create("lj:epsilon=0.1,sigma=2.5,cutoff=7.5");

    public static TheoryData<int, int, double, double> Cells => new()
    {
        { 1, 16, 20.0, 2.3 },
        { 2, 16, 9.0, 1.6 },   // cutoff 7.5 A far beyond the cell
        { 3, 4, 14.0, 2.0 },
        { 4, 1, 12.0, 0.0 },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void ForcesVirialAndInvariances(int seed, int n, double vpa, double dmin)
    {
        var pot = Mg();
        var s = RandomStructures.Skewed(seed, n, vpa, minDistance: dmin);
        PotentialChecks.ForcesMatchFiniteDifferences(pot, s, 1e-6);
        PotentialChecks.VirialMatchesStrainDerivative(pot, s, 1e-6 * Math.Max(1, n));
        PotentialChecks.AtomEnergiesSumToTotal(pot, s, 1e-10);
        PotentialChecks.InvariantUnderTranslation(pot, s, 1e-10, 1e-9);
        PotentialChecks.InvariantUnderRotation(pot, s, seed, 1e-10, 1e-9, 1e-9);
        PotentialChecks.InvariantUnderPermutation(pot, s, seed, 1e-10, 1e-9);
        PotentialChecks.InvariantUnderChoiceOfCell(pot, s, 1e-11, 1e-9);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void SingleAtomMovesMatchFullEvaluations(int seed, int n, double vpa, double dmin)
    {
        var pot = (ISingleAtomMoves)Mg();
        PotentialChecks.SingleAtomMovesMatchFullEvaluations(pot, RandomStructures.Skewed(seed, n, vpa, minDistance: dmin), seed, 1e-9);
    }

    [Fact]
    public void IsolatedClusterAndShift()
    {
        var pot = Reduced();
        // LJ dimer at the minimum 2^(1/6) sigma: -1 + shift correction
        var dimer = new Structure(["Ar", "Ar"], [0, 0, 0, 0, 0, Math.Pow(2, 1.0 / 6)], Cell.Empty, periodic: false);
        double shift = 4 * (Math.Pow(3, -12) - Math.Pow(3, -6));
        Assert.Equal(-1 - shift, PotentialChecks.Energy(pot, dimer), 12);
        Assert.Equal(-1, PotentialChecks.Energy(Reduced(shift: false), dimer), 12);
        Assert.Equal(0.0, pot.PairEnergy(3.0));
        Assert.Equal(0.0, pot.PairEnergy(3.0 - 1e-9), 8);
        var r = PotentialChecks.Evaluate(pot, dimer);
        Assert.All(r.Forces, f => Assert.True(Math.Abs(f) < 1e-12));
        // LJ6 octahedron with r_c = 3 sigma shifted: -12.629871 eps (reference-numbers.md A9) at its minimum;
        // here at the no-cutoff octahedron edge, which is close: assert only that the energy is near
        double d = Math.Pow(2, 1.0 / 6) * 1.0;
        var oct = new Structure(Enumerable.Repeat("Ar", 6).ToArray(),
            [d / Math.Sqrt(2), 0, 0, -d / Math.Sqrt(2), 0, 0, 0, d / Math.Sqrt(2), 0, 0, -d / Math.Sqrt(2), 0, 0, 0, d / Math.Sqrt(2), 0, 0, -d / Math.Sqrt(2)],
            Cell.Empty, periodic: false);
        PotentialChecks.ForcesMatchFiniteDifferences(pot, oct, 1e-6);
        Assert.InRange(PotentialChecks.Energy(pot, oct), -12.64, -12.60);
    }

    /// <summary>Minimum over a scale factor of f by golden-section search.</summary>
    private static (double X, double F) Minimise(Func<double, double> f, double lo, double hi)
    {
        double g = (Math.Sqrt(5) - 1) / 2;
        double a = lo, b = hi, c = b - g * (b - a), d = a + g * (b - a);
        double fc = f(c), fd = f(d);
        for (int k = 0; k < 80; k++)
        {
            if (fc < fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c); }
            else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d); }
        }
        double x = 0.5 * (a + b);
        return (x, f(x));
    }

    /// <summary>reference-numbers.md A12: fcc -7.93790 eps at r_nn = 1.09346 sigma, hcp -7.94109 at 1.09342, bcc -7.58118 (r_c = 3 sigma, shifted).</summary>
    [Fact]
    public void LatticeEnergiesMatchReferenceNumbers()
    {
        var pot = Reduced();
        double Fcc(double rnn) => PotentialChecks.Energy(pot, RandomStructures.Fcc("Ar", rnn * Math.Sqrt(2))) / 4;
        double Hcp(double rnn) => PotentialChecks.Energy(pot, RandomStructures.Hcp("Ar", rnn, rnn * Math.Sqrt(8.0 / 3))) / 2;
        double Bcc(double rnn) => PotentialChecks.Energy(pot, RandomStructures.Bcc("Ar", rnn * 2 / Math.Sqrt(3))) / 2;

        Assert.Equal(-7.93790, Fcc(1.09346), 5);
        Assert.Equal(-7.94109, Hcp(1.09342), 5);
        var fcc = Minimise(Fcc, 1.05, 1.15);
        Assert.Equal(-7.93790, fcc.F, 5);
        Assert.Equal(1.09346, fcc.X, 4);
        var hcp = Minimise(Hcp, 1.05, 1.15);
        Assert.Equal(-7.94109, hcp.F, 5);
        Assert.Equal(1.09342, hcp.X, 4);
        Assert.Equal(-7.58118, Minimise(Bcc, 1.0, 1.2).F, 5);
        // ASE/LAMMPS units: eps = 0.1 eV, sigma = 2.5 A scales energies and lengths
        var ev = new LennardJonesPotential(0.1, 2.5, 7.5, true);
        Assert.Equal(-0.793790, PotentialChecks.Energy(ev, RandomStructures.Fcc("Ar", 1.09346 * 2.5 * Math.Sqrt(2))) / 4, 6);
        // at the minimum the fcc crystal has no pressure
        var s = RandomStructures.Fcc("Ar", fcc.X * Math.Sqrt(2), 2);
        var r = PotentialChecks.Evaluate(pot, s);
        Assert.True(Math.Abs(r.VirialPressure(s.Volume)) < 1e-5, $"virial pressure {r.VirialPressure(s.Volume)}");
    }

    [Fact]
    public void SpecRoundTripsAndRejectsBadArguments()
    {
        var p = PotentialRegistry.Create("lj:epsilon=0.1,sigma=2.5,cutoff=7.5,shift=false");
        Assert.Equal("lj:epsilon=0.1,sigma=2.5,cutoff=7.5,shift=false", p.Spec);
        Assert.Equal(p.Spec, PotentialRegistry.Create(p.Spec).Spec);
        Assert.Equal(7.5, PotentialRegistry.Create("lj:epsilon=1,sigma=2.5").Cutoff);
        Assert.Throws<PotentialException>(() => PotentialRegistry.Create("lj:epsilon=-1,sigma=1"));
        Assert.Throws<PotentialException>(() => PotentialRegistry.Create("lj:epsilon=1,sigma=1,rc=3"));
        Assert.Throws<PotentialException>(() => PotentialRegistry.Create("lj:epsilon=1"));
    }
}
