using Nestor.Atoms;
using Nestor.Sampling.Engine;

namespace Nestor.Sampling.Tests.Engine;

/// <summary>
/// The speculative pipeline gives the walkers a sequential run gives, whether its predictions hold (adopted) or fail
/// (abandoned and redone). The walk here is a stand-in: a new NS energy drawn below the ceiling from the walk's own
/// stream, with slot 1 slowed down so that the other threads run ahead into the next iteration.
/// </summary>
public class WalkPipelineTests
{
    private const int K = 12, Cull = 1, Walks = 2, Iterations = 12;

    /// <summary>Slot 1 ends just below the ceiling (so it is culled next, which the prediction cannot know) or far below it.</summary>
    private static WalkPipeline.WalkBody Body(bool slot1EndsHigh, int sleepMs) => (w, ctx, it, c) =>
    {
        ctx.Rng.Reset(7, it, c);
        double u = ctx.Rng.NextDouble();
        if (c == 1)
        {
            if (sleepMs > 0) Thread.Sleep(sleepMs);
            w.H = slot1EndsHigh ? ctx.Emax - 1e-9 * (1 + u) : ctx.Emax - 100 - u;
        }
        else w.H = ctx.Emax - 0.5 * (1 + u);
        w.PotentialEnergy = w.H;
        w.LastWalkedIteration = it;
        ctx.ModelCalls += 10;
    };

    private static (double[] H, WalkPipeline.WalkBody Body, long Adopted, long Abandoned, long Committed) Run(int threads, bool slot1EndsHigh, int sleepMs)
    {
        var walkers = new Walker[K];
        for (int i = 0; i < K; i++)
            walkers[i] = new Walker(new Structure(["Ar"], new double[3], Cell.Cubic(10))) { H = i * 0.37 % 1.0 + i };
        var planner = new IterationPlanner(K, 3);
        var predictor = new IterationPlanner(K, 3);
        var plan = new IterationPlan(Cull, Walks);
        var body = Body(slot1EndsHigh, sleepMs);
        using var pipeline = new WalkPipeline(walkers, threads, Walks, Cull, 1, body,
            (it, unknown, next) => it < Iterations && predictor.Make(it, walkers, unknown, next));
        for (long it = 0; it < Iterations; it++)
        {
            planner.Make(it, walkers, null, plan);
            pipeline.Run(plan);
        }
        pipeline.Dispose();
        return (walkers.Select(w => w.H).ToArray(), body, pipeline.AdoptedWalks, pipeline.AbandonedWalks, pipeline.CommittedCalls);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void AdoptedSpeculationGivesTheSequentialResult(int threads)
    {
        var serial = Run(1, slot1EndsHigh: false, sleepMs: 0);
        var parallel = Run(threads, slot1EndsHigh: false, sleepMs: 30);
        Assert.Equal(serial.H, parallel.H);
        Assert.True(parallel.Adopted > 0, "no walk was run ahead of its iteration");
        Assert.Equal(0, parallel.Abandoned);
        Assert.Equal(10L * Walks * Iterations, parallel.Committed);
        Assert.Equal(10L * Walks * Iterations, serial.Committed);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void FailedPredictionsAreAbandonedAndRedone(int threads)
    {
        var serial = Run(1, slot1EndsHigh: true, sleepMs: 0);
        var parallel = Run(threads, slot1EndsHigh: true, sleepMs: 30);
        Assert.Equal(serial.H, parallel.H);
        Assert.True(parallel.Abandoned > 0, "every prediction held although the slow walk always ends on top");
        // only committed walks count as model calls
        Assert.Equal(10L * Walks * Iterations, parallel.Committed);
    }

    [Fact]
    public void PredictionLeavesOutUnfinishedWalksAndFailsOnDrawingThem()
    {
        var walkers = new Walker[K];
        for (int i = 0; i < K; i++) walkers[i] = new Walker(new Structure(["Ar"], new double[3], Cell.Cubic(10))) { H = i };
        var planner = new IterationPlanner(K, 3);
        var full = new IterationPlan(2, 3);
        Assert.True(planner.Make(5, walkers, null, full));
        Assert.Equal([11, 10], full.Culled);
        Assert.Equal(10, full.Emax);
        Assert.DoesNotContain(full.Source[0], full.Culled);
        Assert.Equal(full.Source[2], full.Target[2]);

        // walker 11 still walking: the cull moves down, and draws that would fall on 11 fail the prediction
        var unknown = new bool[K];
        unknown[11] = true;
        var guess = new IterationPlan(2, 3);
        if (planner.Make(5, walkers, unknown, guess))
        {
            Assert.Equal([10, 9], guess.Culled);
            Assert.Equal(9, guess.Emax);
            Assert.DoesNotContain(11, guess.Source);
        }
        Assert.False(guess.SameAs(full));
        // the same walkers known: the same plan
        var again = new IterationPlan(2, 3);
        Assert.True(planner.Make(5, walkers, new bool[K], again));
        Assert.True(again.SameAs(full));
    }
}
