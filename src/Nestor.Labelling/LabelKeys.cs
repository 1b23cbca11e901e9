using Nestor.Atoms;

namespace Nestor.Labelling;

/// <summary>
/// The extxyz keys labels are written under. Defaults follow the paper's data (<c>dft_energy</c> eV,
/// <c>dft_forces</c> eV/A, <c>dft_virial</c> eV, <c>dft_stress</c> GPa with ASE's sign) plus
/// <c>label_source</c>, which names the labeller (stand-in labels say <c>reference:...</c>).
/// </summary>
public sealed record LabelKeys(
    string Energy = "dft_energy",
    string Forces = "dft_forces",
    string Virial = "dft_virial",
    string Stress = "dft_stress",
    string Source = "label_source")
{
    /// <summary>The default keys.</summary>
    public static LabelKeys Default { get; } = new();

    /// <summary>
    /// 1 GPa in eV/A^3 exactly as ASE's <c>units.GPa</c> (CODATA 2014 e), the conversion the paper's extxyz
    /// files were written with (their <c>dft_virial</c> = -<c>dft_stress</c> x V x this, to 1e-16).
    /// </summary>
    public const double AseGPa = 1.0 / 160.21766208;

    /// <summary>A copy of <paramref name="structure"/> with the label stored under these keys.</summary>
    public Structure Apply(Structure structure, DftLabel label)
    {
        if (label.AtomCount != structure.Count)
            throw new ArgumentException($"the label has {label.AtomCount} forces for {structure.Count} atoms");
        var s = structure.Clone();
        s.Info[Energy] = label.Energy;
        s.Arrays[Forces] = PerAtomArray.Real(Forces, 3, (double[])label.Forces.Clone());
        s.Info[Virial] = (double[])label.Virial.Clone();
        var gpa = new double[9];
        for (int k = 0; k < 9; k++) gpa[k] = label.Stress[k] / AseGPa;
        s.Info[Stress] = gpa;
        s.Info[Source] = label.Source;
        return s;
    }

    /// <summary>Reads a label stored under these keys back from a structure, or null when it has none.</summary>
    public DftLabel? Read(Structure s)
    {
        if (!s.Info.TryGetValue(Energy, out var e) || !s.Arrays.TryGetValue(Forces, out var f)) return null;
        double energy = Convert.ToDouble(e, System.Globalization.CultureInfo.InvariantCulture);
        var virial = s.Info.TryGetValue(Virial, out var v) && v is double[] va && va.Length == 9 ? (double[])va.Clone() : null;
        double[]? stress = null;
        if (s.Info.TryGetValue(Stress, out var st) && st is double[] sa && sa.Length == 9)
        {
            stress = new double[9];
            for (int k = 0; k < 9; k++) stress[k] = sa[k] * AseGPa;
        }
        double vol = s.Volume;
        if (virial is null && stress is not null) { virial = new double[9]; for (int k = 0; k < 9; k++) virial[k] = -stress[k] * vol; }
        if (stress is null && virial is not null) { stress = new double[9]; for (int k = 0; k < 9; k++) stress[k] = -virial[k] / vol; }
        string source = s.Info.TryGetValue(Source, out var so) ? so.ToString() ?? "" : "";
        return new DftLabel(energy, (double[])f.Reals!.Clone(), virial ?? new double[9], stress ?? new double[9], source);
    }
}
