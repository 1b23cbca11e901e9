namespace Nestor.Labelling;

/// <summary>
/// The outcome of labelling one structure: either a <see cref="DftLabel"/> or a classified failure, with the
/// raw files (inputs and outputs) kept for provenance and a log of every attempt.
/// </summary>
public sealed class LabelResult
{
    private LabelResult(DftLabel? label, FailureClass failure, string message, IReadOnlyList<string> rawFiles, int attempts, IReadOnlyList<string> log)
    {
        Label = label; Failure = failure; Message = message; RawFiles = rawFiles; Attempts = attempts; Log = log;
    }

    /// <summary>The label (null on failure).</summary>
    public DftLabel? Label { get; }

    /// <summary>The failure class (<see cref="FailureClass.None"/> on success).</summary>
    public FailureClass Failure { get; }

    /// <summary>True when a label was produced.</summary>
    public bool Succeeded => Label is not null;

    /// <summary>What went wrong (empty on success), or a note.</summary>
    public string Message { get; }

    /// <summary>Paths of the raw input and output files kept.</summary>
    public IReadOnlyList<string> RawFiles { get; }

    /// <summary>Number of attempts made (retries included).</summary>
    public int Attempts { get; }

    /// <summary>One line per attempt: what was tried and what happened.</summary>
    public IReadOnlyList<string> Log { get; }

    /// <summary>A successful result.</summary>
    public static LabelResult Success(DftLabel label, IReadOnlyList<string>? rawFiles = null, int attempts = 1, IReadOnlyList<string>? log = null) =>
        new(label, FailureClass.None, "", rawFiles ?? [], attempts, log ?? []);

    /// <summary>A failed result.</summary>
    public static LabelResult Fail(FailureClass failure, string message, IReadOnlyList<string>? rawFiles = null, int attempts = 1, IReadOnlyList<string>? log = null)
    {
        if (failure == FailureClass.None) throw new ArgumentException("a failure needs a class", nameof(failure));
        return new(null, failure, message, rawFiles ?? [], attempts, log ?? []);
    }

    public override string ToString() => Succeeded ? $"ok ({Label!.Source}, E = {Label.Energy} eV)" : $"{Failure}: {Message}";
}
