using Nestor.Atoms.Build;
using Nestor.Atoms.Neighbours;
using Xunit;

namespace Nestor.Atoms.Tests.Neighbours;

public class NeighbourListPairTests
{
    [Fact]
    public void ARejectedMoveReusesTheEarlierListAndANewStateBuildsIntoTheOlderOne()
    {
        var s = Lattices.Hcp("Mg", 3.2, 5.2, 2, 2, 2);
        var pair = new NeighbourListPair(6.0, 1.0, half: true);
        var first = pair.For(s);
        first.Prepare(s);
        Assert.Equal(1, pair.Rebuilds);

        // a trial move past the skin: the other list is handed out and rebuilt
        var trial = s.Clone();
        trial.Positions[0] += 1.2;
        var second = pair.For(trial);
        Assert.NotSame(first, second);
        second.Prepare(trial);
        Assert.Equal(2, pair.Rebuilds);

        // rejected: back to the old state, whose list is still exact, so nothing is built
        Assert.Same(first, pair.For(s));
        first.Prepare(s);
        Assert.Equal(2, pair.Rebuilds);

        // a compressing cell move (beyond what the skin absorbs) that is rejected: no build either way back
        var strained = s.Clone();
        strained.SetCell(new Cell(s.Cell.A * 0.8, s.Cell.B, s.Cell.C), scaleAtoms: true);
        pair.For(strained).Prepare(strained);
        Assert.Equal(3, pair.Rebuilds);
        pair.For(s).Prepare(s);
        Assert.Equal(3, pair.Rebuilds);

        // alternating between two states far apart costs no builds once both are listed
        for (int k = 0; k < 5; k++)
        {
            pair.For(trial).Prepare(trial);
            pair.For(s).Prepare(s);
        }
        Assert.Equal(4, pair.Rebuilds);

        pair.Invalidate();
        pair.For(s).Prepare(s);
        Assert.Equal(5, pair.Rebuilds);
    }
}
