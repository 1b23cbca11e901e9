namespace Nestor.Labelling;

/// <summary>A snapshot of a labelling run for progress displays.</summary>
/// <param name="Total">Requests in this run.</param>
/// <param name="Done">Finished with a label (including those already in the store).</param>
/// <param name="Failed">Finished with a failure.</param>
/// <param name="Running">Running now.</param>
/// <param name="Eta">Estimated time left, or null before the first job of this run finished.</param>
public sealed record LabelProgress(int Total, int Done, int Failed, int Running, TimeSpan? Eta);
