using Nestor.Atoms;

namespace Nestor.Labelling.Castep;

/// <summary>
/// What a finished CASTEP single-point run reports: the final structure, the label energy (see
/// <see cref="EnergyKind"/>), forces (eV/A) and stress (eV/A^3, ASE's sign), plus every energy printed.
/// </summary>
public sealed class CastepOutput
{
    internal CastepOutput(Structure structure, double energy, CastepEnergyKind kind, double[] forces, double[]? stressGPa,
        double? finalEnergy, double? freeEnergy, double? zeroKEnergy, double? correctedEnergy, string forcesBlock, bool finished)
    {
        Structure = structure; Energy = energy; EnergyKind = kind; Forces = forces; StressGPa = stressGPa;
        FinalEnergy = finalEnergy; FreeEnergy = freeEnergy; ZeroKEnergy = zeroKEnergy; CorrectedEnergy = correctedEnergy;
        ForcesBlock = forcesBlock; Finished = finished;
    }

    /// <summary>The structure of the last printed cell and fractional coordinates (Angstrom).</summary>
    public Structure Structure { get; }

    /// <summary>The label energy (eV): the finite-basis-corrected total when printed, else the free energy.</summary>
    public double Energy { get; }

    /// <summary>Which energy <see cref="Energy"/> is.</summary>
    public CastepEnergyKind EnergyKind { get; }

    /// <summary>Forces from the last Forces block (eV/A, 3 per atom, in the order of the output).</summary>
    public double[] Forces { get; }

    /// <summary>Stress as printed (GPa, 9 numbers row-major; CASTEP's sign = ASE's, negative under compression), or null.</summary>
    public double[]? StressGPa { get; }

    /// <summary>Last "Final energy, E" (eV).</summary>
    public double? FinalEnergy { get; }

    /// <summary>Last "Final free energy (E-TS)" (eV).</summary>
    public double? FreeEnergy { get; }

    /// <summary>Last "NB est. 0K energy (E-0.5TS)" (eV).</summary>
    public double? ZeroKEnergy { get; }

    /// <summary>"Total energy corrected for finite basis set" (eV).</summary>
    public double? CorrectedEnergy { get; }

    /// <summary>The heading of the forces block read ("Forces", "Symmetrised Forces", "Constrained Forces"...).</summary>
    public string ForcesBlock { get; }

    /// <summary>True when the run printed its final timing ("Total time"): it finished.</summary>
    public bool Finished { get; }

    /// <summary>Stress in eV/A^3 (ASE's sign), converted with ASE's GPa as the paper's data was.</summary>
    public double[]? Stress => StressGPa?.Select(x => x * LabelKeys.AseGPa).ToArray();

    /// <summary>The virial (eV) = -stress x <paramref name="volume"/>; by default the volume of <see cref="Structure"/>.</summary>
    public double[]? Virial(double? volume = null)
    {
        if (StressGPa is null) return null;
        double v = volume ?? Structure.Volume;
        var w = new double[9];
        for (int k = 0; k < 9; k++) w[k] = -StressGPa[k] * LabelKeys.AseGPa * v;
        return w;
    }

    /// <summary>The label (needs the stress; the virial uses the volume of <see cref="Structure"/>).</summary>
    public DftLabel ToLabel()
    {
        if (StressGPa is null) throw new InvalidOperationException("the output has no stress tensor (calculate_stress was off)");
        return new DftLabel(Energy, (double[])Forces.Clone(), Virial()!, Stress!, "castep");
    }
}
