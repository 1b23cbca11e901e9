using System.Globalization;
using System.Text;
using Nestor.Atoms;

namespace Nestor.Labelling.QuantumEspresso;

/// <summary>Writes a pw.x SCF input: ibrav = 0, CELL_PARAMETERS and ATOMIC_POSITIONS in Angstrom, forces and stress on.</summary>
public static class QeInputWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The input text for <paramref name="s"/>; <paramref name="mixingBeta"/> and <paramref name="maxStep"/> override the settings (retries).</summary>
    public static string Write(Structure s, QeSettings q, string prefix, string outdir, double? mixingBeta = null, int? maxStep = null)
    {
        var species = s.Symbols.Distinct().ToList();
        var sb = new StringBuilder();
        sb.Append("&CONTROL\n");
        sb.Append("  calculation = 'scf'\n");
        sb.Append($"  prefix = '{prefix}'\n");
        sb.Append($"  outdir = '{outdir}'\n");
        sb.Append($"  pseudo_dir = '{Path.GetFullPath(q.PseudoDir)}'\n");
        sb.Append("  tprnfor = .true.\n  tstress = .true.\n  disk_io = 'low'\n/\n");
        sb.Append("&SYSTEM\n  ibrav = 0\n");
        sb.Append(string.Format(Inv, "  nat = {0}\n  ntyp = {1}\n", s.Count, species.Count));
        sb.Append(string.Format(Inv, "  ecutwfc = {0:R}\n  ecutrho = {1:R}\n", q.EcutWfc, q.EffectiveEcutRho));
        sb.Append(string.Format(Inv, "  occupations = 'smearing'\n  smearing = '{0}'\n  degauss = {1:R}\n/\n", q.Smearing, q.Degauss));
        sb.Append("&ELECTRONS\n");
        sb.Append("  conv_thr = ").Append((q.ConvThrPerAtom * s.Count).ToString("0.0#########E+00", Inv)).Append('\n');
        sb.Append(string.Format(Inv, "  mixing_beta = {0:R}\n", mixingBeta ?? q.MixingBeta));
        sb.Append(string.Format(Inv, "  electron_maxstep = {0}\n/\n", maxStep ?? q.ElectronMaxStep));
        sb.Append("ATOMIC_SPECIES\n");
        foreach (var sp in species)
        {
            double mass = q.Masses.TryGetValue(sp, out var m) ? m : Elements.Mass(Elements.Number(sp));
            sb.Append(string.Format(Inv, "{0} {1:R} {2}\n", sp, mass, q.Pseudopotentials[sp]));
        }
        sb.Append("CELL_PARAMETERS angstrom\n");
        for (int r = 0; r < 3; r++)
            sb.Append(string.Format(Inv, "  {0:F10} {1:F10} {2:F10}\n", s.Cell[r].X, s.Cell[r].Y, s.Cell[r].Z));
        sb.Append("ATOMIC_POSITIONS angstrom\n");
        for (int i = 0; i < s.Count; i++)
        {
            var p = s.GetPosition(i);
            sb.Append(string.Format(Inv, "{0} {1:F10} {2:F10} {3:F10}\n", s.Symbols[i], p.X, p.Y, p.Z));
        }
        if (q.Gamma) sb.Append("K_POINTS gamma\n");
        else
        {
            var n = KPointMesh.FromSpacing(s.Cell, q.KSpacing);
            sb.Append(string.Format(Inv, "K_POINTS automatic\n  {0} {1} {2} 0 0 0\n", n[0], n[1], n[2]));
        }
        return sb.ToString();
    }
}
