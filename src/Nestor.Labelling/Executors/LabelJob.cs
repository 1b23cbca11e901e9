using Nestor.Atoms;

namespace Nestor.Labelling.Executors;

/// <summary>One labelling job: the store key, the input index, the structure and its own working directory.</summary>
public sealed record LabelJob(string Key, int Index, Structure Structure, string WorkDirectory);
