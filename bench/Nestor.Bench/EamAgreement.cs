using System.Globalization;
using Nestor.Atoms.IO;
using Nestor.Potentials;

namespace Nestor.Bench;

/// <summary>
/// Prints how far our EAM is from LAMMPS on the reference frames of ../shared/data/lammps-eam-ref (largest
/// deviations of energy per atom, force component and virial component, per frame and potential).
/// </summary>
public static class EamAgreement
{
    /// <summary>
    /// The reference files converted LAMMPS's pressure (bar) to a virial with 1.602176634e6 bar per eV/A^3, while
    /// LAMMPS itself uses nktv2p = 1.6021765e6; this factor recovers LAMMPS's own virial (see docs/potentials.md).
    /// </summary>
    private const double VirialFileCorrection = 1.602176634e6 / 1.6021765e6;

    public static int Run(string[] args)
    {
        string data = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("NESTOR_REFERENCE_DATA") ?? "../shared/data";
        var cases = new (string Potential, string Frames)[]
        {
            (Path.Combine(data, "mg", "Mg1.eam.fs"), Path.Combine(data, "lammps-eam-ref", "mg_eam_fs_reference.extxyz")),
            ("/usr/share/lammps/potentials/Mg_mm.eam.fs", Path.Combine(data, "lammps-eam-ref", "mg_mm_eam_fs_reference.extxyz")),
        };
        Console.WriteLine("| potential | frame | atoms | max dE (eV/atom) | max dF (eV/A) | max dW (eV) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var (potFile, framesFile) in cases)
        {
            if (!File.Exists(potFile) || !File.Exists(framesFile)) { Console.WriteLine($"# missing {potFile} or {framesFile}"); continue; }
            var pot = PotentialRegistry.Create("eam:" + potFile);
            var r = new PotentialResult();
            foreach (var s in ExtXyz.Read(framesFile))
            {
                pot.Compute(s, Quantities.All, r);
                double e = (double)s.Info["energy"];
                var f = s.Arrays["forces"].Reals!;
                var w = (double[])s.Info["virial"];
                double df = 0, dw = 0;
                for (int k = 0; k < f.Length; k++) df = Math.Max(df, Math.Abs(f[k] - r.Forces[k]));
                for (int k = 0; k < 9; k++) dw = Math.Max(dw, Math.Abs(w[k] * VirialFileCorrection - r.Virial[k]));
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2} | {3:E2} | {4:E2} | {5:E2} |",
                    Path.GetFileName(potFile), s.Info["config_name"], s.Count, Math.Abs(e - r.Energy) / s.Count, df, dw));
            }
        }
        return 0;
    }
}
