using Nestor.Atoms;

namespace Nestor.Labelling.QuantumEspresso;

/// <summary>
/// What pw.x printed for one SCF, in QE's units (Ry, bohr) and QE's stress sign (positive = compressive), with
/// conversions to Nestor's eV, Angstrom and ASE's stress sign.
/// </summary>
public sealed class QeOutput
{
    /// <summary>Number of atoms (from "number of atoms/cell"), or 0 when not printed.</summary>
    public int AtomCount { get; init; }

    /// <summary>The free energy F = E - TS of the '!' line (Ry), or null when absent.</summary>
    public double? EnergyRy { get; init; }

    /// <summary>True when "convergence has been achieved" was printed.</summary>
    public bool Converged { get; init; }

    /// <summary>True when "convergence NOT achieved" was printed.</summary>
    public bool NotConverged { get; init; }

    /// <summary>SCF iterations of the last SCF, or 0.</summary>
    public int Iterations { get; init; }

    /// <summary>Forces (Ry/bohr, 3 per atom), the first nat lines after "Forces acting on atoms", or null.</summary>
    public double[]? ForcesRyBohr { get; init; }

    /// <summary>Total stress (Ry/bohr^3, row-major, QE's sign: positive = compressive), or null.</summary>
    public double[]? StressRyBohr3 { get; init; }

    /// <summary>True when "JOB DONE." was printed.</summary>
    public bool JobDone { get; init; }

    /// <summary>The text of QE's %%%% error box, or null.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// The structure printed at the start (alat units; about 6-7 decimals, so positions to ~1e-5 A), or null.
    /// </summary>
    public Structure? Structure { get; init; }

    /// <summary>Energy in eV.</summary>
    public double? EnergyEv => EnergyRy * Units.Rydberg;

    /// <summary>Forces in eV/A.</summary>
    public double[]? Forces => ForcesRyBohr?.Select(f => f * Units.Rydberg / Units.Bohr).ToArray();

    /// <summary>Stress in eV/A^3 with ASE's sign (negative under compression): -QE x Ry/bohr^3.</summary>
    public double[]? Stress => StressRyBohr3?.Select(s => -s * Units.Rydberg / (Units.Bohr * Units.Bohr * Units.Bohr)).ToArray();

    /// <summary>True when energy, forces and stress are all present and the SCF converged.</summary>
    public bool Complete => Converged && !NotConverged && EnergyRy is not null && ForcesRyBohr is not null && StressRyBohr3 is not null;

    /// <summary>The label for a structure of volume <paramref name="volume"/> (A^3).</summary>
    public DftLabel ToLabel(double volume, string source = "qe")
    {
        if (!Complete) throw new InvalidOperationException("the output has no complete, converged result");
        return DftLabel.FromStress(EnergyEv!.Value, Forces!, Stress!, volume, source);
    }
}
