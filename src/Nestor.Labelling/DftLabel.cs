namespace Nestor.Labelling;

/// <summary>
/// The result of one successful labelling: energy (eV), forces (eV/A, 3 per atom, input atom order), virial
/// (eV, row-major 3x3, virial = -stress x volume, positive under compression) and stress (eV/A^3, row-major,
/// ASE's sign: negative under compression). <see cref="Source"/> says who produced it (e.g. <c>qe</c>,
/// <c>castep</c>, <c>reference:eam:Mg1.eam.fs</c>) so stand-in labels are never mistaken for DFT.
/// </summary>
public sealed class DftLabel
{
    public DftLabel(double energy, double[] forces, double[] virial, double[] stress, string source)
    {
        ArgumentNullException.ThrowIfNull(forces);
        if (forces.Length % 3 != 0) throw new ArgumentException("forces need 3 numbers per atom", nameof(forces));
        if (virial.Length != 9) throw new ArgumentException("the virial needs 9 numbers", nameof(virial));
        if (stress.Length != 9) throw new ArgumentException("the stress needs 9 numbers", nameof(stress));
        Energy = energy; Forces = forces; Virial = virial; Stress = stress; Source = source;
    }

    /// <summary>Total energy of the cell (eV).</summary>
    public double Energy { get; }

    /// <summary>Forces, 3 per atom (eV/A).</summary>
    public double[] Forces { get; }

    /// <summary>Virial, row-major 3x3 (eV).</summary>
    public double[] Virial { get; }

    /// <summary>Stress, row-major 3x3 (eV/A^3, negative under compression).</summary>
    public double[] Stress { get; }

    /// <summary>Who produced the label (labeller name and, for the reference labeller, the potential spec).</summary>
    public string Source { get; }

    /// <summary>Number of atoms.</summary>
    public int AtomCount => Forces.Length / 3;

    /// <summary>Pressure trace(-stress)/3 (eV/A^3, positive under compression).</summary>
    public double Pressure => -(Stress[0] + Stress[4] + Stress[8]) / 3;

    /// <summary>
    /// Builds a label from the stress alone; the virial follows as -stress x volume.
    /// </summary>
    public static DftLabel FromStress(double energy, double[] forces, double[] stress, double volume, string source)
    {
        var virial = new double[9];
        for (int k = 0; k < 9; k++) virial[k] = -stress[k] * volume;
        return new DftLabel(energy, forces, virial, stress, source);
    }

    /// <summary>
    /// Checks the numbers are finite and within physical bounds; returns null when fine, else the reason.
    /// </summary>
    public string? CheckPhysical(int atoms, double maxForce = 1000.0, double maxEnergyPerAtom = 1.0e6)
    {
        if (AtomCount != atoms) return $"{AtomCount} forces for {atoms} atoms";
        if (!double.IsFinite(Energy)) return $"energy is {Energy}";
        if (Math.Abs(Energy) / Math.Max(atoms, 1) > maxEnergyPerAtom) return $"energy {Energy} eV is absurd for {atoms} atoms";
        for (int i = 0; i < Forces.Length; i++)
        {
            if (!double.IsFinite(Forces[i])) return $"force component {i % 3} of atom {i / 3 + 1} is {Forces[i]}";
            if (Math.Abs(Forces[i]) > maxForce) return $"force component {i % 3} of atom {i / 3 + 1} is {Forces[i]} eV/A (limit {maxForce})";
        }
        for (int k = 0; k < 9; k++)
            if (!double.IsFinite(Stress[k]) || !double.IsFinite(Virial[k])) return "stress or virial is not finite";
        return null;
    }
}
