using Nestor.Atoms.IO;
using System.Globalization;
using System.Text;
using Nestor.Atoms;

namespace Nestor.Labelling.Castep;

/// <summary>Writes CASTEP <c>SEED.cell</c> and <c>SEED.param</c> files for a single-point energy, forces and stress.</summary>
public static class CastepInputWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The .cell text: LATTICE_CART and POSITIONS_ABS in Angstrom, masses, k-point spacing, pseudopotentials.</summary>
    public static string CellText(Structure s, CastepSettings settings)
    {
        var sb = new StringBuilder();
        sb.Append("# written by Nestor\n\n%BLOCK LATTICE_CART\nang\n");
        for (int r = 0; r < 3; r++)
            sb.Append(string.Format(Inv, "{0,18:F10} {1,18:F10} {2,18:F10}\n", s.Cell[r].X, s.Cell[r].Y, s.Cell[r].Z));
        sb.Append("%ENDBLOCK LATTICE_CART\n\n%BLOCK POSITIONS_ABS\nang\n");
        for (int i = 0; i < s.Count; i++)
        {
            var p = s.GetPosition(i);
            sb.Append(string.Format(Inv, "{0,-3} {1,18:F10} {2,18:F10} {3,18:F10}\n", s.Symbols[i], p.X, p.Y, p.Z));
        }
        sb.Append("%ENDBLOCK POSITIONS_ABS\n\n%BLOCK SPECIES_MASS\n");
        foreach (var (sym, mass) in SpeciesMasses(s))
            sb.Append(string.Format(Inv, "{0} {1:R}\n", sym, mass));
        sb.Append("%ENDBLOCK SPECIES_MASS\n\n");
        if (settings.Pseudopotentials.Count > 0)
        {
            sb.Append("%BLOCK SPECIES_POT\n");
            foreach (var sym in s.Symbols.Distinct())
            {
                if (!settings.Pseudopotentials.TryGetValue(sym, out var pot))
                    throw new ArgumentException($"castep: no pseudopotential given for {sym}");
                sb.Append(sym).Append(' ').Append(pot).Append('\n');
            }
            sb.Append("%ENDBLOCK SPECIES_POT\n\n");
        }
        sb.Append(string.Format(Inv, "KPOINTS_MP_SPACING : {0:R}\n", settings.KPointSpacing));
        sb.Append("FIX_COM : true\n");
        return sb.ToString();
    }

    /// <summary>The .param text for a single point with stress.</summary>
    public static string ParamText(CastepSettings p) => string.Format(Inv,
        "task : SinglePoint\n" +
        "calculate_stress : true\n" +
        "xc_functional : {0}\n" +
        "cut_off_energy : {1:R} eV\n" +
        "smearing_scheme : {2}\n" +
        "smearing_width : {3:R} eV\n" +
        "elec_energy_tol : {4:R}\n" +
        "max_scf_cycles : {5}\n" +
        "fine_grid_scale : {6:R}\n" +
        "finite_basis_corr : {7}\n" +
        "write_checkpoint : none\n",
        p.XcFunctional, p.CutoffEnergy, p.SmearingScheme, p.SmearingWidth, p.ElecEnergyTol, p.MaxScfCycles, p.FineGridScale, p.FiniteBasisCorr);

    /// <summary>Writes SEED.cell and SEED.param into <paramref name="directory"/>; returns their paths.</summary>
    public static (string Cell, string Param) Write(Structure s, CastepSettings settings, string directory, string seed)
    {
        Directory.CreateDirectory(directory);
        string cell = Path.Combine(directory, seed + ".cell"), param = Path.Combine(directory, seed + ".param");
        AtomicFile.WriteAllText(cell, CellText(s, settings));
        AtomicFile.WriteAllText(param, ParamText(settings));
        return (cell, param);
    }

    private static IEnumerable<(string, double)> SpeciesMasses(Structure s)
    {
        var seen = new HashSet<string>();
        for (int i = 0; i < s.Count; i++)
            if (seen.Add(s.Symbols[i])) yield return (s.Symbols[i], s.Masses[i]);
    }
}
