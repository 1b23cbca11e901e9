using Nestor.Atoms.IO;
using Nestor.Sampling.Engine;

namespace Nestor.Sampling.Output;

/// <summary>
/// Writes one culled walker as an extended-XYZ frame with pymatnest's info keys (ns_energy, ns_KE, ns_P in eV/A^3,
/// volume, iter, config_n_global, config_type, KEmax) and arrays species, pos, masses and momenta (MD).
/// </summary>
public static class TrajectoryFrame
{
    private static readonly string[] MdColumns = ["species", "pos", "masses", "momenta"];
    private static readonly string[] McColumns = ["species", "pos", "masses"];

    /// <summary>
    /// Appends the frame to <paramref name="w"/> through the extended XYZ writer (pymatnest's columns: species, pos,
    /// masses and, for MD walkers, momenta; info keys ns_energy, ns_KE, ns_P, volume, iter, config_n_global,
    /// config_type, KEmax).
    /// </summary>
    public static void Write(TextWriter w, Walker walker, long iteration, long globalIndex, double pressure, double keMax, string configType)
    {
        var s = walker.Structure.Clone();
        s.Arrays.Clear();
        s.Info.Clear();
        s.Info["ns_energy"] = walker.H;
        s.Info["ns_KE"] = walker.KineticEnergy;
        s.Info["ns_P"] = pressure;
        s.Info["volume"] = s.Cell.Volume;
        s.Info["iter"] = iteration;
        s.Info["config_n_global"] = globalIndex;
        s.Info["config_type"] = configType;
        s.Info["KEmax"] = keMax;
        s.ColumnOrder = s.Velocities is null ? McColumns : MdColumns;
        ExtXyz.Write(w, s);
    }
}
