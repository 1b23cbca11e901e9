using System.Globalization;
using System.Text;

namespace Nestor.Labelling.QuantumEspresso;

/// <summary>
/// Settings of the Quantum ESPRESSO <c>pw.x</c> labeller. Units are QE's own where the keyword is QE's
/// (cutoffs and smearing width in Ry, conv_thr in Ry) and 1/A for the k-point spacing, which includes the
/// 2 pi (ASE/VASP KSPACING convention): n_i = ceil(|b_i| / spacing).
/// </summary>
public sealed record QeSettings
{
    /// <summary>Directory holding the UPF files.</summary>
    public string PseudoDir { get; init; } = "";

    /// <summary>UPF file name per species (e.g. Mg = Mg.pbe-n-nc.UPF).</summary>
    public IReadOnlyDictionary<string, string> Pseudopotentials { get; init; } = new Dictionary<string, string>();

    /// <summary>Mass per species (amu); species not listed use the standard mass.</summary>
    public IReadOnlyDictionary<string, double> Masses { get; init; } = new Dictionary<string, double>();

    /// <summary>Wavefunction cutoff (Ry). Required.</summary>
    public double EcutWfc { get; init; }

    /// <summary>Density cutoff (Ry); 0 means 4 x ecutwfc (QE's default, right for norm-conserving pseudos).</summary>
    public double EcutRho { get; init; }

    /// <summary>QE smearing scheme (mv, gaussian, mp, fd).</summary>
    public string Smearing { get; init; } = "mv";

    /// <summary>Smearing width (Ry).</summary>
    public double Degauss { get; init; } = 0.02;

    /// <summary>k-point spacing (1/A, 2 pi included); 0 with <see cref="Gamma"/> for Gamma-only.</summary>
    public double KSpacing { get; init; }

    /// <summary>Gamma-point only (<c>K_POINTS gamma</c>, the fast real-wavefunction code path).</summary>
    public bool Gamma { get; init; }

    /// <summary>SCF threshold per atom (Ry); conv_thr = this x nat.</summary>
    public double ConvThrPerAtom { get; init; } = 1e-8;

    /// <summary>Initial density mixing factor.</summary>
    public double MixingBeta { get; init; } = 0.5;

    /// <summary>Initial maximum number of SCF iterations.</summary>
    public int ElectronMaxStep { get; init; } = 100;

    /// <summary>Attempts in all: after an unconverged SCF, retry with mixing_beta x <see cref="RetryMixingFactor"/> and twice the steps.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Factor applied to mixing_beta on each retry.</summary>
    public double RetryMixingFactor { get; init; } = 0.5;

    /// <summary>The pw.x executable.</summary>
    public string PwCommand { get; init; } = "pw.x";

    /// <summary>The MPI launcher used when a job has more than one core.</summary>
    public string MpiCommand { get; init; } = "mpirun";

    /// <summary>k-point pools (-nk) for parallel runs; 0 = one pool per rank (1 with Gamma).</summary>
    public int Pools { get; init; }

    /// <summary>Keep the wavefunction files (wfc*.dat) after parsing; by default they are deleted.</summary>
    public bool KeepWavefunctions { get; init; }

    /// <summary>Smallest allowed interatomic distance (A); closer atoms are an invalid request.</summary>
    public double MinDistance { get; init; } = StructureCheck.DefaultMinDistance;

    /// <summary>Largest force component accepted as physical (eV/A).</summary>
    public double MaxForce { get; init; } = 1000.0;

    /// <summary>Problems with the settings themselves (empty when usable).</summary>
    public List<string> Problems()
    {
        var p = new List<string>();
        if (string.IsNullOrWhiteSpace(PseudoDir)) p.Add("pseudo_dir is not set");
        else if (!Directory.Exists(PseudoDir)) p.Add($"pseudo_dir '{PseudoDir}' does not exist");
        if (Pseudopotentials.Count == 0) p.Add("no pseudopotentials given (e.g. pseudopotentials = { Mg = \"Mg.pbe-n-nc.UPF\" })");
        if (!(EcutWfc > 0)) p.Add($"ecutwfc must be positive (Ry), got {EcutWfc}");
        if (EcutRho != 0 && !(EcutRho >= EcutWfc)) p.Add($"ecutrho ({EcutRho}) must be at least ecutwfc ({EcutWfc})");
        if (!(Degauss > 0)) p.Add($"degauss must be positive (Ry), got {Degauss}");
        if (Gamma && KSpacing != 0) p.Add("give either gamma = true or kspacing, not both");
        if (!Gamma && !(KSpacing > 0)) p.Add("kspacing (1/A, 2 pi included) must be positive, or set gamma = true");
        if (!(ConvThrPerAtom > 0)) p.Add("conv_thr_per_atom must be positive");
        if (!(MixingBeta > 0 && MixingBeta <= 1)) p.Add($"mixing_beta must be in (0, 1], got {MixingBeta}");
        if (ElectronMaxStep < 1) p.Add("electron_maxstep must be at least 1");
        if (MaxAttempts < 1) p.Add("max_attempts must be at least 1");
        if (!(RetryMixingFactor > 0 && RetryMixingFactor <= 1)) p.Add("retry_mixing_factor must be in (0, 1]");
        if (!(MinDistance > 0)) p.Add("min_distance must be positive");
        foreach (var s in new[] { "mv", "m-v", "cold", "gaussian", "gauss", "mp", "m-p", "methfessel-paxton", "fd", "f-d", "fermi-dirac" })
            if (string.Equals(Smearing, s, StringComparison.OrdinalIgnoreCase)) return p;
        p.Add($"unknown smearing '{Smearing}' (mv, gaussian, mp, fd)");
        return p;
    }

    /// <summary>Density cutoff actually used (Ry).</summary>
    public double EffectiveEcutRho => EcutRho > 0 ? EcutRho : 4 * EcutWfc;

    /// <summary>Every setting that changes the numbers, canonically (for the label store key).</summary>
    public string Fingerprint()
    {
        var sb = new StringBuilder("qe");
        void Add(string k, object v) => sb.Append('|').Append(k).Append('=').Append(Convert.ToString(v, CultureInfo.InvariantCulture));
        foreach (var (k, v) in Pseudopotentials.OrderBy(kv => kv.Key, StringComparer.Ordinal)) Add("pseudo:" + k, v);
        foreach (var (k, v) in Masses.OrderBy(kv => kv.Key, StringComparer.Ordinal)) Add("mass:" + k, v.ToString("R", CultureInfo.InvariantCulture));
        Add("ecutwfc", EcutWfc.ToString("R", CultureInfo.InvariantCulture));
        Add("ecutrho", EffectiveEcutRho.ToString("R", CultureInfo.InvariantCulture));
        Add("smearing", Smearing.ToLowerInvariant());
        Add("degauss", Degauss.ToString("R", CultureInfo.InvariantCulture));
        Add("k", Gamma ? "gamma" : KSpacing.ToString("R", CultureInfo.InvariantCulture));
        Add("conv_thr_per_atom", ConvThrPerAtom.ToString("R", CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
