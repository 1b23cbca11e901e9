namespace Nestor.Sampling.Engine;

/// <summary>Accepted and attempted counts per move kind.</summary>
public sealed class MoveStatistics
{
    /// <summary>Attempts per <see cref="MoveKind"/>.</summary>
    public readonly long[] Attempted = new long[4];

    /// <summary>Acceptances per <see cref="MoveKind"/>.</summary>
    public readonly long[] Accepted = new long[4];

    /// <summary>Records one attempt.</summary>
    public void Record(MoveKind kind, bool accepted, long attempts = 1, long accepts = -1)
    {
        Attempted[(int)kind] += attempts;
        Accepted[(int)kind] += accepts >= 0 ? accepts : (accepted ? attempts : 0);
    }

    /// <summary>Adds another set of counts.</summary>
    public void Add(MoveStatistics other)
    {
        for (int k = 0; k < 4; k++) { Attempted[k] += other.Attempted[k]; Accepted[k] += other.Accepted[k]; }
    }

    /// <summary>Zeroes the counts.</summary>
    public void Clear() { Array.Clear(Attempted); Array.Clear(Accepted); }

    /// <summary>Acceptance rate of a kind (NaN when never attempted).</summary>
    public double Rate(MoveKind kind) =>
        Attempted[(int)kind] == 0 ? double.NaN : (double)Accepted[(int)kind] / Attempted[(int)kind];
}
