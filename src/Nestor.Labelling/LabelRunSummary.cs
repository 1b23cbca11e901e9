using Nestor.Atoms;

namespace Nestor.Labelling;

/// <summary>What a labelling run produced, in input order.</summary>
public sealed class LabelRunSummary
{
    internal LabelRunSummary(IReadOnlyList<(Structure Input, DftLabel? Label, FailureClass Failure, string Message)> items, int computed, int reused)
    {
        Items = items; Computed = computed; Reused = reused;
    }

    /// <summary>Each input with its label, or its failure.</summary>
    public IReadOnlyList<(Structure Input, DftLabel? Label, FailureClass Failure, string Message)> Items { get; }

    /// <summary>Jobs run by this call.</summary>
    public int Computed { get; }

    /// <summary>Labels taken from the store without computing.</summary>
    public int Reused { get; }

    /// <summary>Number of labelled structures.</summary>
    public int Labelled => Items.Count(i => i.Label is not null);

    /// <summary>Failures per class.</summary>
    public Dictionary<FailureClass, int> FailuresByClass() =>
        Items.Where(i => i.Label is null).GroupBy(i => i.Failure).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The labelled structures (failures left out), with labels stored under <paramref name="keys"/>.</summary>
    public List<Structure> LabelledStructures(LabelKeys keys) =>
        Items.Where(i => i.Label is not null).Select(i => keys.Apply(i.Input, i.Label!)).ToList();
}
