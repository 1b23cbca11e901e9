using Nestor.Atoms;

namespace Nestor.Labelling.Executors;

/// <summary>
/// One labelling job: the store key, the input index, the structure and its own working directory, and the
/// executor job id of an earlier run that was interrupted while this job was queued or running (to re-attach).
/// </summary>
public sealed record LabelJob(string Key, int Index, Structure Structure, string WorkDirectory, string? PreviousJobId = null);
