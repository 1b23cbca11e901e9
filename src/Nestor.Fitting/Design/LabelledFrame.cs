using Nestor.Atoms;

namespace Nestor.Fitting.Design;

/// <summary>
/// A structure with validated reference labels. Energy in eV, forces eV/A (3 per atom), virial eV as 6 Voigt
/// components (xx yy zz yz xz xy); a null label is absent (dropped by <see cref="MissingLabelPolicy.UseAvailable"/>).
/// </summary>
public sealed record LabelledFrame(Structure Structure, string Source, int Index, string? ConfigType,
    double? Energy, double[]? Forces, double[]? Virial)
{
    /// <summary>Number of atoms.</summary>
    public int Atoms => Structure.Count;

    /// <summary>"file, frame k" (0-based), for messages.</summary>
    public string Where => $"{Source}, frame {Index}";

    /// <summary>The static pressure of the reference virial, tr(W)/(3V), in GPa; null without a virial or cell.</summary>
    public double? PressureGPa
    {
        get
        {
            if (Virial is null || !Structure.IsFullyPeriodic) return null;
            return (Virial[0] + Virial[1] + Virial[2]) / (3 * Structure.Volume) / Units.GPa;
        }
    }
}
