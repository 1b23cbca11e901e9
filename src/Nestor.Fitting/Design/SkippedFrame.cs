namespace Nestor.Fitting.Design;

/// <summary>A frame that was not used, and why.</summary>
public sealed record SkippedFrame(string Source, int Index, string Reason)
{
    public override string ToString() => $"{Source}, frame {Index}: {Reason}";
}
