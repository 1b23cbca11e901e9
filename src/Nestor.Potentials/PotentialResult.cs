using Nestor.Atoms;

namespace Nestor.Potentials;

/// <summary>
/// The output of a potential evaluation, and the reusable per-thread scratch space behind it (neighbour lists,
/// buffers). Not thread-safe: give each thread or walker its own instance and reuse it.
/// </summary>
public sealed class PotentialResult
{
    /// <summary>Total energy (eV).</summary>
    public double Energy;

    /// <summary>Forces, 3 per atom (eV/A). Valid when forces were requested.</summary>
    public double[] Forces = [];

    /// <summary>Virial, 3x3 row-major (eV): virial = -stress x volume. Valid when requested.</summary>
    public readonly double[] Virial = new double[9];

    /// <summary>Per-atom energies (eV). Valid when requested.</summary>
    public double[] AtomEnergies = [];

    /// <summary>Number of atoms of the last evaluation.</summary>
    public int AtomCount { get; private set; }

    /// <summary>
    /// Threads a potential may use for one evaluation of a large structure (default 1). Samplers that run
    /// many walkers in parallel keep this at 1; a single large evaluation may use all cores.
    /// </summary>
    public int Threads { get; set; } = 1;

    /// <summary>Scratch owned by the potential that last used this result (e.g. its neighbour list).</summary>
    public object? Workspace { get; set; }

    /// <summary>Gets the workspace of type <typeparamref name="T"/> made for <paramref name="owner"/>, creating it when needed.</summary>
    public T GetWorkspace<T>(object owner, Func<T> create) where T : PotentialWorkspace
    {
        if (Workspace is T ws && ReferenceEquals(ws.Owner, owner)) return ws;
        var fresh = create();
        fresh.Owner = owner;
        Workspace = fresh;
        return fresh;
    }

    /// <summary>Sizes the arrays for <paramref name="atoms"/> atoms and zeroes what will be accumulated.</summary>
    public void Prepare(int atoms, Quantities q)
    {
        AtomCount = atoms;
        Energy = 0;
        if ((q & Quantities.Forces) != 0)
        {
            if (Forces.Length != 3 * atoms) Forces = new double[3 * atoms];
            else Array.Clear(Forces);
        }
        if ((q & Quantities.Virial) != 0) Array.Clear(Virial);
        if ((q & Quantities.AtomEnergies) != 0)
        {
            if (AtomEnergies.Length != atoms) AtomEnergies = new double[atoms];
            else Array.Clear(AtomEnergies);
        }
    }

    /// <summary>The stress tensor in eV/A^3 (ASE's sign: negative under compression), row-major, from the virial.</summary>
    public double[] Stress(double volume)
    {
        var s = new double[9];
        for (int k = 0; k < 9; k++) s[k] = -Virial[k] / volume;
        return s;
    }

    /// <summary>The pressure from the virial alone, trace/(3V), in eV/A^3 (no kinetic part).</summary>
    public double VirialPressure(double volume) => (Virial[0] + Virial[4] + Virial[8]) / (3 * volume);
}

/// <summary>Base class of per-thread scratch that a potential keeps inside a <see cref="PotentialResult"/>.</summary>
public abstract class PotentialWorkspace
{
    /// <summary>The potential instance this workspace belongs to.</summary>
    public object? Owner { get; set; }

    /// <summary>
    /// Forgets everything cached from earlier evaluations (neighbour lists, caches), keeping the buffers, so the
    /// next evaluation gives bit for bit what a fresh workspace would.
    /// </summary>
    public abstract void Invalidate();
}
