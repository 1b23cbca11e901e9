using Nestor.Atoms;

namespace Nestor.Labelling;

/// <summary>
/// Produces reference labels (energy, forces, virial, stress) for a structure: a DFT code or a stand-in.
/// Implementations are thread-safe: the executor calls <see cref="Label"/> from several threads, each with its
/// own <see cref="LabelContext"/> (working directory).
/// </summary>
public interface ILabeller
{
    /// <summary>Short name (<c>qe</c>, <c>castep</c>, <c>reference</c>).</summary>
    string Name { get; }

    /// <summary>
    /// A canonical text of every setting that changes the numbers (hashed with the structure to key the label
    /// store). Paths and parallelisation that do not change results are left out.
    /// </summary>
    string SettingsFingerprint { get; }

    /// <summary>Labels one structure. Never throws for a failed calculation: returns a classified failure.</summary>
    LabelResult Label(Structure structure, LabelContext context);
}
