using Nestor.Atoms;
using Nestor.Sampling.Engine;
using Nestor.Sampling.Tests.Doubles;

namespace Nestor.Sampling.Tests.Engine;

public class MoveTests
{
    private static NestedSamplingOptions Options() => new()
    {
        Atoms = [new SpeciesCount("Ar", 8)], Walkers = 10, WalkLength = 10, NIter = 1, Seed = 1, PressureGPa = 1,
        MaxVolumePerAtom = 100, MinAspectRatio = 0.5,
    };

    [Fact]
    public void ShearAndStretchKeepTheVolume()
    {
        var o = Options();
        var steps = StepSizes.FromOptions(o);
        var rng = new NsRandom(3);
        var cell = Cell.FromParameters(9, 10, 11, 80, 95, 105);
        for (int i = 0; i < 200; i++)
        {
            foreach (var kind in new[] { MoveKind.Shear, MoveKind.Stretch })
            {
                var c = CellMoves.Propose(kind, cell, rng, steps, 8, false, out double p);
                Assert.Equal(1.0, p);
                Assert.Equal(cell.Volume, c.Volume, 1e-9 * cell.Volume);
            }
            var v = CellMoves.Propose(MoveKind.Volume, cell, rng, steps, 8, false, out double pv);
            // acceptance factor of the V^N prior
            Assert.Equal(Math.Min(1, Math.Pow(v.Volume / cell.Volume, 8)), pv, 1e-12);
            // isotropic: the shape is unchanged
            Assert.Equal(cell.MinAspectRatio(), v.MinAspectRatio(), 1e-9);
        }
    }

    [Fact]
    public void VelocityResamplingStaysInsideTheShell()
    {
        var o = Options() with { FixedCell = [10, 0, 0, 0, 10, 0, 0, 0, 10], PressureGPa = 0, KEmaxMaxT = 1000 };
        var set = new WalkSettings(new HarmonicWell(1.0), o, StepSizes.FromOptions(o)) { KEmax = 0.5 };
        var ctx = new WalkContext(8);
        ctx.Rng.Reset(1, 2, 3);
        var w = WalkerInitialiser.Create(0, set, ctx, 1);
        double hPot = w.PotentialEnergy;
        ctx.Emax = hPot + 0.3; // the ceiling, not KEmax, limits the KE
        var kes = new List<double>();
        for (int i = 0; i < 2000; i++)
        {
            MdAtomWalk.ResampleVelocities(w, set, ctx);
            Assert.True(w.KineticEnergy < Math.Min(set.KEmax, ctx.Emax - hPot));
            Assert.Equal(Walker.ComputeKineticEnergy(w.Structure), w.KineticEnergy, 12);
            Assert.Equal(hPot + w.KineticEnergy, w.H, 12);
            kes.Add(w.KineticEnergy);
        }
        // uniform in the 3N-ball of KE < cap: <KE> = cap * 3N/(3N+2)
        double cap = Math.Min(set.KEmax, ctx.Emax - hPot);
        Assert.Equal(cap * 24.0 / 26.0, kes.Average(), 0.01 * cap);
    }

    [Fact]
    public void WalksNeverExceedTheCeiling()
    {
        var o = Options() with { AtomAlgorithm = AtomAlgorithm.MD, AtomTrajLength = 3 };
        var set = new WalkSettings(new Nestor.Potentials.LennardJones.LennardJonesPotential(0.0104, 3.4, 8.5, true), o, StepSizes.FromOptions(o));
        set.KEmax = WalkerInitialiser.KEmax(o);
        var ctx = new WalkContext(8);
        var walkers = Enumerable.Range(0, 10).Select(i => WalkerInitialiser.Create(i, set, ctx, 5)).ToArray();
        double emax = walkers.Max(w => w.H);
        ctx.Emax = emax;
        foreach (var w in walkers.Where(w => w.H < emax))
        {
            ctx.Rng.Reset(9, 0, 0);
            WalkerWalk.Walk(w, 60, set, ctx);
            Assert.True(w.H < emax);
            double h = w.PotentialEnergy + set.Pressure * w.Structure.Volume + w.KineticEnergy;
            Assert.Equal(h, w.H, 1e-9 * Math.Abs(h));
            Assert.True(w.Structure.Cell.MinAspectRatio() >= o.MinAspectRatio);
            Assert.InRange(w.Structure.Volume, 8 * o.MinVolumePerAtom, 8 * o.MaxVolumePerAtom);
        }
    }
}
