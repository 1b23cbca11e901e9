using Nestor.Atoms;
using Nestor.Potentials.Eam;
using Nestor.Testing;

namespace Nestor.Potentials.Tests.Eam;

public class EamSingleAtomMovesTests
{
    [SkippableTheory]
    [InlineData(1, 16, 23.0, 2.4)]
    [InlineData(2, 16, 9.0, 1.6)]
    [InlineData(3, 3, 14.0, 1.9)]
    [InlineData(4, 64, 20.0, 2.0)]
    public void EnergyChangeMatchesTwoFullEvaluations(int seed, int n, double vpa, double dmin)
    {
        var pot = EamReferenceTests.Mg1();
        var s = RandomStructures.Skewed(seed, n, vpa, minDistance: dmin);
        PotentialChecks.SingleAtomMovesMatchFullEvaluations(pot, s, seed, 1e-9, trials: 12);
    }

    /// <summary>A Monte Carlo walk: accepted moves update the cached densities incrementally; rejected ones do not.</summary>
    [SkippableFact]
    public void IncrementalUpdatesFollowAMonteCarloWalk()
    {
        var pot = EamReferenceTests.Mg1();
        var s = RandomStructures.Skewed(21, 16, 12.0, minDistance: 1.9);
        var scratch = new PotentialResult();
        var rng = new Random(5);
        double e = PotentialChecks.Energy(pot, s);
        for (int step = 0; step < 200; step++)
        {
            int i = rng.Next(s.Count);
            var to = s.GetPosition(i) + new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5) * 0.8;
            double de = pot.EnergyChange(s, i, to, scratch);
            if (rng.NextDouble() < 0.5)
            {
                s.SetPosition(i, to);
                e += de;
            }
            if (step % 40 == 39) Assert.Equal(PotentialChecks.Energy(pot, s), e, 8);
        }
        Assert.Equal(PotentialChecks.Energy(pot, s), e, 8);
        // a Compute on the same scratch refreshes the cache; a different structure is detected
        pot.Compute(s, Quantities.All, scratch);
        var other = RandomStructures.Skewed(22, 16, 20.0, minDistance: 2.2);
        var moved = other.Clone();
        moved.SetPosition(3, other.GetPosition(3) + new Vec3(0.3, -0.2, 0.1));
        Assert.Equal(PotentialChecks.Energy(pot, moved) - PotentialChecks.Energy(pot, other),
            pot.EnergyChange(other, 3, moved.GetPosition(3), scratch), 9);
    }

    [SkippableFact]
    public void MoveByALatticeVectorChangesNothing()
    {
        var pot = EamReferenceTests.Mg1();
        var s = RandomStructures.Skewed(8, 16, 15.0, minDistance: 2.0);
        double de = pot.EnergyChange(s, 5, s.GetPosition(5) + s.Cell.B - s.Cell.C, new PotentialResult());
        Assert.True(Math.Abs(de) < 1e-10, $"energy change {de}");
    }
}
