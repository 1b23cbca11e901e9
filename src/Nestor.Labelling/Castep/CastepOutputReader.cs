using System.Globalization;
using System.Text.RegularExpressions;
using Nestor.Atoms;

namespace Nestor.Labelling.Castep;

/// <summary>
/// Reads CASTEP <c>.castep</c> output files. Takes the last printed cell ("Real Lattice(A)") and fractional
/// coordinates, the last forces block (plain, "Symmetrised" or "Constrained", with <c>(cons'd)</c> markers
/// removed), the last stress tensor block and the energies. The label energy is the "Total energy corrected for
/// finite basis set" when printed, else "Final free energy (E-TS)", else "Final energy": this reproduces the
/// paper's <c>dft_energy</c> exactly. Units must be eV, eV/A and GPa (CASTEP's defaults); others are an error.
/// </summary>
public static partial class CastepOutputReader
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [GeneratedRegex(@"^\s*\*+\s*((?:[A-Za-z]+\s+)?Forces)\s*\*+\s*$")]
    private static partial Regex ForcesHeader();

    [GeneratedRegex(@"^\s*\*+\s*((?:[A-Za-z]+\s+)?Stress Tensor)\s*\*+\s*$")]
    private static partial Regex StressHeader();

    [GeneratedRegex(@"^\s*\*\s+([A-Z][a-z]?\S*)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s*\*\s*$")]
    private static partial Regex ForceLine();

    [GeneratedRegex(@"^\s*\*\s+([xyz])\s+(\S+)\s+(\S+)\s+(\S+)\s*\*\s*$")]
    private static partial Regex StressLine();

    [GeneratedRegex(@"^\s*x\s+([A-Z][a-z]?\S*)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+x\s*$")]
    private static partial Regex FracLine();

    [GeneratedRegex(@"\(cons'd\)")]
    private static partial Regex ConsMarker();

    /// <summary>Reads a .castep file from disk.</summary>
    public static CastepOutput Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses the text of a .castep file; <paramref name="name"/> is used in error messages.</summary>
    public static CastepOutput Parse(string text, string name)
    {
        var lines = text.Split('\n');
        Cell? cell = null;
        List<string>? species = null;
        List<double>? frac = null;
        double[]? forces = null; string forcesBlock = "";
        double[]? stress = null;
        double? final = null, free = null, zeroK = null, corrected = null;
        bool finished = false;

        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Contains("Real Lattice(A)", StringComparison.Ordinal))
            {
                var rows = new Vec3[3];
                for (int r = 0; r < 3; r++)
                {
                    int ln = i + 1 + r;
                    var f = Fields(lines, ln, name);
                    if (f.Length < 3) throw new OutputFormatException(name, ln + 1, "expected a lattice vector (3 numbers) after 'Real Lattice(A)'");
                    rows[r] = new Vec3(Num(f[0], name, ln), Num(f[1], name, ln), Num(f[2], name, ln));
                }
                cell = new Cell(rows[0], rows[1], rows[2]);
                i += 3;
            }
            else if (line.Contains("Fractional coordinates of atoms", StringComparison.Ordinal))
            {
                species = []; frac = [];
                int j = i + 1;
                for (; j < lines.Length; j++)
                {
                    var m = FracLine().Match(lines[j]);
                    if (m.Success)
                    {
                        species.Add(m.Groups[1].Value.Split(':')[0]);
                        frac.Add(Num(m.Groups[3].Value, name, j)); frac.Add(Num(m.Groups[4].Value, name, j)); frac.Add(Num(m.Groups[5].Value, name, j));
                    }
                    else if (lines[j].TrimStart().StartsWith("xxxxxxxx", StringComparison.Ordinal) && species.Count > 0) break;
                }
                i = j;
            }
            else if (ForcesHeader().Match(line) is { Success: true } fh)
            {
                forcesBlock = fh.Groups[1].Value;
                var list = new List<double>();
                int j = i + 1;
                for (; j < lines.Length; j++)
                {
                    string l = lines[j];
                    if (l.Contains("Cartesian components", StringComparison.Ordinal) && !l.Contains("(eV/A)", StringComparison.Ordinal))
                        throw new OutputFormatException(name, j + 1, $"forces are not in eV/A ({l.Trim()}); rerun with the default force_unit");
                    var m = ForceLine().Match(ConsMarker().Replace(l, " "));
                    if (m.Success)
                    {
                        list.Add(Num(m.Groups[3].Value, name, j)); list.Add(Num(m.Groups[4].Value, name, j)); list.Add(Num(m.Groups[5].Value, name, j));
                    }
                    else if (l.TrimStart().StartsWith("********", StringComparison.Ordinal) && !l.Contains("Forces", StringComparison.Ordinal)) break;
                }
                if (j >= lines.Length) throw new OutputFormatException(name, i + 1, $"the '{forcesBlock}' block is truncated");
                forces = [.. list];
                i = j;
            }
            else if (StressHeader().Match(line) is { Success: true })
            {
                var s = new double[9]; int rows = 0;
                int j = i + 1;
                for (; j < lines.Length && rows < 3; j++)
                {
                    string l = lines[j];
                    if (l.Contains("Cartesian components", StringComparison.Ordinal) && !l.Contains("(GPa)", StringComparison.Ordinal))
                        throw new OutputFormatException(name, j + 1, $"stress is not in GPa ({l.Trim()}); rerun with the default pressure_unit");
                    var m = StressLine().Match(l);
                    if (!m.Success) continue;
                    int r = m.Groups[1].Value[0] - 'x';
                    for (int c = 0; c < 3; c++) s[3 * r + c] = Num(m.Groups[2 + c].Value, name, j);
                    rows++;
                }
                if (rows < 3) throw new OutputFormatException(name, i + 1, "the stress tensor block is truncated");
                stress = s;
                i = j - 1;
            }
            else if (line.StartsWith("Final energy, E", StringComparison.Ordinal) || line.StartsWith("Final energy =", StringComparison.Ordinal))
                final = EnergyAfterEquals(line, name, i);
            else if (line.StartsWith("Final free energy (E-TS)", StringComparison.Ordinal))
                free = EnergyAfterEquals(line, name, i);
            else if (line.StartsWith("NB est. 0K energy", StringComparison.Ordinal))
                zeroK = EnergyAfterEquals(line, name, i);
            else if (line.Contains("Total energy corrected for finite basis set", StringComparison.Ordinal))
                corrected = EnergyAfterEquals(line, name, i);
            else if (line.StartsWith("Total time", StringComparison.Ordinal))
                finished = true;
            else if (line.Contains("output         energy unit", StringComparison.Ordinal) && !line.TrimEnd().EndsWith("eV", StringComparison.Ordinal))
                throw new OutputFormatException(name, i + 1, $"energies are not in eV ({line.Trim()})");
        }

        if (cell is null) throw new OutputFormatException(name, 0, "no 'Real Lattice(A)' block: not a CASTEP output, or truncated before the cell was printed");
        if (species is null || species.Count == 0) throw new OutputFormatException(name, 0, "no fractional coordinates of atoms");
        if (forces is null) throw new OutputFormatException(name, 0, "no forces block: the run did not finish (truncated output or failed SCF)");
        if (forces.Length != 3 * species.Count)
            throw new OutputFormatException(name, 0, $"the forces block has {forces.Length / 3} atoms, the cell {species.Count}");
        double energy; CastepEnergyKind kind;
        if (corrected is { } ec) { energy = ec; kind = CastepEnergyKind.FiniteBasisCorrected; }
        else if (free is { } ef) { energy = ef; kind = CastepEnergyKind.FreeEnergy; }
        else if (final is { } e0) { energy = e0; kind = CastepEnergyKind.FinalEnergy; }
        else throw new OutputFormatException(name, 0, "no final energy printed: the SCF did not finish");

        var structure = new Structure(species, new double[3 * species.Count], cell.Value);
        structure.SetFractional(frac!.ToArray());
        structure.Info["castep_energy_kind"] = kind.ToString();
        return new CastepOutput(structure, energy, kind, forces, stress, final, free, zeroK, corrected, forcesBlock, finished);
    }

    private static string[] Fields(string[] lines, int ln, string name)
    {
        if (ln >= lines.Length) throw new OutputFormatException(name, ln, "the file ends early");
        return lines[ln].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    private static double EnergyAfterEquals(string line, string name, int i)
    {
        int eq = line.LastIndexOf('=');
        var f = line[(eq + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (eq < 0 || f.Length == 0) throw new OutputFormatException(name, i + 1, $"cannot read the energy in '{line.Trim()}'");
        if (f.Length > 1 && f[1] != "eV") throw new OutputFormatException(name, i + 1, $"energy unit '{f[1]}' is not eV");
        return Num(f[0], name, i);
    }

    private static double Num(string s, string name, int i)
    {
        if (!double.TryParse(s, NumberStyles.Float, Inv, out double v) || !double.IsFinite(v))
            throw new OutputFormatException(name, i + 1, $"'{s}' is not a number");
        return v;
    }
}
