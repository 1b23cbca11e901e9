using Nestor.Atoms;
using Nestor.Potentials;

namespace Nestor.Labelling.Reference;

/// <summary>
/// A stand-in for DFT: labels structures with any Nestor potential (e.g. the Mg EAM as an "oracle"), instantly.
/// For demos and for testing the autonomous loop against a known ground truth. Its labels carry the source
/// <c>reference:SPEC</c>, so they are never mistaken for DFT.
/// </summary>
public sealed class ReferenceLabeller : ILabeller
{
    private readonly IPotential _potential;
    private readonly ThreadLocal<PotentialResult> _results = new(() => new PotentialResult());

    /// <summary>Wraps a potential.</summary>
    public ReferenceLabeller(IPotential potential)
    {
        _potential = potential ?? throw new ArgumentNullException(nameof(potential));
    }

    /// <summary>Creates the potential from its spec (<see cref="PotentialRegistry.Create"/>).</summary>
    public static ReferenceLabeller FromSpec(string spec) => new(PotentialRegistry.Create(spec));

    public string Name => "reference";

    /// <summary>The potential's spec.</summary>
    public string SettingsFingerprint => "reference|" + _potential.Spec;

    /// <summary>The label source text: <c>reference:SPEC</c>.</summary>
    public string Source => "reference:" + _potential.Spec;

    public LabelResult Label(Structure structure, LabelContext context)
    {
        if (StructureCheck.Problem(structure) is { } problem)
            return LabelResult.Fail(FailureClass.InvalidInput, problem);
        if (_potential.Species is { } known)
            foreach (var sym in structure.Symbols.Distinct())
                if (!known.Contains(sym))
                    return LabelResult.Fail(FailureClass.InvalidInput, $"the potential {_potential.Spec} has no parameters for {sym} (it knows {string.Join(", ", known)})");
        var r = _results.Value!;
        try
        {
            _potential.Compute(structure, Quantities.Forces | Quantities.Virial, r);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return LabelResult.Fail(FailureClass.Crashed, $"{_potential.Spec}: {e.Message}");
        }
        double vol = structure.Volume;
        var virial = (double[])r.Virial.Clone();
        var stress = new double[9];
        for (int k = 0; k < 9; k++) stress[k] = -virial[k] / vol;
        var label = new DftLabel(r.Energy, r.Forces[..(3 * structure.Count)], virial, stress, Source);
        if (label.CheckPhysical(structure.Count) is { } bad)
            return LabelResult.Fail(FailureClass.Unphysical, bad);
        return LabelResult.Success(label);
    }
}
