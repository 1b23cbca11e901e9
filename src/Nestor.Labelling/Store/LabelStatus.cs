namespace Nestor.Labelling.Store;

/// <summary>State of a request in the label store.</summary>
public enum LabelStatus
{
    /// <summary>Known, not started (or interrupted and to be rerun).</summary>
    Pending,
    /// <summary>Started and not finished (a local job interrupted by a kill stays here until the next run resets it).</summary>
    Running,
    /// <summary>Finished with a label: never computed again.</summary>
    Done,
    /// <summary>Finished with a classified failure.</summary>
    Failed,
}
