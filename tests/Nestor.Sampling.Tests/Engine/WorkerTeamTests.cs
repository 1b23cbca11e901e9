using Nestor.Sampling.Engine;

namespace Nestor.Sampling.Tests.Engine;

public class WorkerTeamTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 17)]
    public void EverySlotRunsExactlyOnceOnEveryCall(int threads, int slots)
    {
        using var team = new WorkerTeam(threads);
        for (int round = 0; round < 50; round++)
        {
            var runs = new int[slots];
            team.Run(slots, c => Interlocked.Increment(ref runs[c]));
            Assert.All(runs, r => Assert.Equal(1, r));
        }
    }

    [Fact]
    public void SlotsRunOnSeveralThreadsAtOnce()
    {
        // two slots that each wait for the other can only finish when they run concurrently
        using var team = new WorkerTeam(2);
        using var barrier = new Barrier(2);
        int met = 0;
        team.Run(2, _ => { if (barrier.SignalAndWait(TimeSpan.FromSeconds(10))) Interlocked.Increment(ref met); });
        Assert.Equal(2, met);
    }

    [Fact]
    public void AWorkersExceptionReachesTheCaller()
    {
        using var team = new WorkerTeam(2);
        var e = Assert.Throws<InvalidOperationException>(() => team.Run(4, c => { if (c == 3) throw new InvalidOperationException("slot 3"); }));
        Assert.Equal("slot 3", e.Message);
        // the team still works afterwards
        int sum = 0;
        team.Run(4, c => Interlocked.Add(ref sum, c));
        Assert.Equal(6, sum);
    }
}
