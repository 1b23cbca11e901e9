namespace Nestor.Labelling.Store;

/// <summary>One row of the label store.</summary>
public sealed record LabelRecord(
    string Key,
    string Labeller,
    LabelStatus Status,
    int Attempts,
    FailureClass Failure,
    string Message,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    double Seconds,
    string? WorkDirectory,
    IReadOnlyList<string> RawFiles,
    DftLabel? Label,
    string? JobId);
