using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Nestor.Labelling.QuantumEspresso;

/// <summary>
/// Parses pw.x standard output: the '!' total (free) energy line, "convergence has been achieved" / "NOT
/// achieved", the first nat force lines after "Forces acting on atoms", the three lines after "total   stress"
/// (Ry/bohr^3 columns), "JOB DONE." and QE's %%%% error box.
/// </summary>
public static partial class QeOutputParser
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [GeneratedRegex(@"^\s*atom\s+(\d+)\s+type\s+\d+\s+force\s+=\s+(\S+)\s+(\S+)\s+(\S+)")]
    private static partial Regex ForceLine();

    [GeneratedRegex(@"convergence has been achieved in\s+(\d+)\s+iterations")]
    private static partial Regex ConvergedLine();

    [GeneratedRegex(@"convergence NOT achieved after\s+(\d+)\s+iterations")]
    private static partial Regex NotConvergedLine();

    /// <summary>Reads a pw.x output file.</summary>
    public static QeOutput Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses pw.x output text; <paramref name="name"/> appears in error messages.</summary>
    public static QeOutput Parse(string text, string name)
    {
        var lines = text.Split('\n');
        int nat = 0, iterations = 0;
        double? energy = null;
        bool converged = false, notConverged = false, done = false;
        double[]? forces = null, stress = null;
        string? error = null;
        double alat = 0;
        double[]? axes = null;
        string[]? symbols = null;
        double[]? tau = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string l = lines[i];
            if (l.Contains("lattice parameter (alat)", StringComparison.Ordinal) && alat == 0)
                alat = Num(l[(l.IndexOf('=') + 1)..].Trim().Split(' ')[0], name, i);
            else if (l.TrimStart().StartsWith("celldm(1)=", StringComparison.Ordinal))
                alat = Num(l[(l.IndexOf('=') + 1)..].Trim().Split(' ')[0], name, i); // 6 decimals instead of 4
            else if (l.Contains("crystal axes: (cart. coord. in units of alat)", StringComparison.Ordinal))
            {
                axes = new double[9];
                for (int r = 0; r < 3; r++)
                {
                    int j = i + 1 + r;
                    var v = Between(lines, j, name);
                    for (int c = 0; c < 3; c++) axes[3 * r + c] = v[c];
                }
                i += 3;
            }
            else if (l.Contains("positions (alat units)", StringComparison.Ordinal) && nat > 0 && tau is null)
            {
                symbols = new string[nat]; tau = new double[3 * nat];
                for (int a = 0; a < nat; a++)
                {
                    int j = i + 1 + a;
                    var v = Between(lines, j, name);
                    var f = lines[j].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (f.Length < 2) throw new OutputFormatException(name, j + 1, "expected an atomic position line");
                    symbols[a] = new string(f[1].TakeWhile(char.IsLetter).ToArray());
                    for (int c = 0; c < 3; c++) tau[3 * a + c] = v[c];
                }
                i += nat;
            }
            else if (l.Contains("number of atoms/cell", StringComparison.Ordinal))
                nat = (int)Num(l[(l.IndexOf('=') + 1)..].Trim(), name, i);
            else if (l.StartsWith('!'))
            {
                var f = l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                int eq = Array.IndexOf(f, "=");
                if (eq < 0 || eq + 2 >= f.Length || f[eq + 2] != "Ry") throw new OutputFormatException(name, i + 1, $"cannot read the total energy in '{l.Trim()}'");
                energy = Num(f[eq + 1], name, i);
            }
            else if (ConvergedLine().Match(l) is { Success: true } cm)
            { converged = true; iterations = int.Parse(cm.Groups[1].Value, Inv); }
            else if (NotConvergedLine().Match(l) is { Success: true } nm)
            { notConverged = true; iterations = int.Parse(nm.Groups[1].Value, Inv); }
            else if (l.Contains("Forces acting on atoms", StringComparison.Ordinal) && forces is null)
            {
                if (nat <= 0) throw new OutputFormatException(name, i + 1, "forces printed before the number of atoms");
                if (!l.Contains("Ry/au", StringComparison.Ordinal)) throw new OutputFormatException(name, i + 1, $"forces are not in Ry/au: '{l.Trim()}'");
                var f = new double[3 * nat];
                int got = 0, j = i + 1;
                for (; j < lines.Length && got < nat; j++)
                {
                    var m = ForceLine().Match(lines[j]);
                    if (!m.Success) continue;
                    int atom = int.Parse(m.Groups[1].Value, Inv) - 1;
                    if (atom != got) throw new OutputFormatException(name, j + 1, $"expected the force on atom {got + 1}, found atom {atom + 1}");
                    for (int k = 0; k < 3; k++) f[3 * atom + k] = Num(m.Groups[2 + k].Value, name, j);
                    got++;
                }
                if (got < nat) throw new OutputFormatException(name, i + 1, $"the forces block is truncated: {got} of {nat} atoms");
                forces = f;
                i = j - 1;
            }
            else if (l.Contains("total   stress", StringComparison.Ordinal))
            {
                if (!l.Contains("Ry/bohr**3", StringComparison.Ordinal)) throw new OutputFormatException(name, i + 1, $"unexpected stress units: '{l.Trim()}'");
                var s = new double[9];
                for (int r = 0; r < 3; r++)
                {
                    int j = i + 1 + r;
                    if (j >= lines.Length) throw new OutputFormatException(name, j + 1, "the stress block is truncated");
                    var f = lines[j].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (f.Length < 6) throw new OutputFormatException(name, j + 1, "the stress block is truncated");
                    for (int c = 0; c < 3; c++) s[3 * r + c] = Num(f[c], name, j);
                }
                stress = s;
                i += 3;
            }
            else if (l.Contains("JOB DONE.", StringComparison.Ordinal)) done = true;
            else if (l.TrimStart().StartsWith("%%%%%%%%%%", StringComparison.Ordinal) && error is null)
            {
                var sb = new StringBuilder();
                int j = i + 1;
                for (; j < lines.Length && !lines[j].TrimStart().StartsWith("%%%%%%%%%%", StringComparison.Ordinal); j++)
                    if (lines[j].Trim().Length > 0) sb.Append(sb.Length > 0 ? " " : "").Append(lines[j].Trim());
                error = sb.ToString();
                i = j;
            }
        }
        return new QeOutput
        {
            AtomCount = nat, EnergyRy = energy, Converged = converged, NotConverged = notConverged, Iterations = iterations,
            ForcesRyBohr = forces, StressRyBohr3 = stress, JobDone = done, Error = error,
            Structure = BuildStructure(alat, axes, symbols, tau, name),
        };
    }

    private static Nestor.Atoms.Structure? BuildStructure(double alat, double[]? axes, string[]? symbols, double[]? tau, string name)
    {
        if (alat <= 0 || axes is null || symbols is null || tau is null) return null;
        double scale = alat * Nestor.Atoms.Units.Bohr;
        var cell = Nestor.Atoms.Cell.FromRowMajor(axes.Select(x => x * scale).ToArray());
        try
        {
            return new Nestor.Atoms.Structure(symbols, tau.Select(x => x * scale).ToArray(), cell);
        }
        catch (ArgumentException e)
        {
            throw new OutputFormatException(name, 0, "cannot build the structure: " + e.Message);
        }
    }

    /// <summary>The three numbers between '(' and ')' on line <paramref name="j"/>.</summary>
    private static double[] Between(string[] lines, int j, string name)
    {
        if (j >= lines.Length) throw new OutputFormatException(name, j + 1, "the file ends early");
        string l = lines[j];
        int a = l.LastIndexOf('('), b = l.LastIndexOf(')');
        if (a < 0 || b < a) throw new OutputFormatException(name, j + 1, $"expected '( x y z )' in '{l.Trim()}'");
        var f = l[(a + 1)..b].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 3) throw new OutputFormatException(name, j + 1, $"expected 3 numbers in '{l.Trim()}'");
        return [Num(f[0], name, j), Num(f[1], name, j), Num(f[2], name, j)];
    }

    private static double Num(string s, string name, int i)
    {
        if (!double.TryParse(s, NumberStyles.Float, Inv, out double v) || !double.IsFinite(v))
            throw new OutputFormatException(name, i + 1, $"'{s}' is not a number");
        return v;
    }
}
