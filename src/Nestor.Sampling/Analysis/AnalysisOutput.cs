using Nestor.Atoms.IO;
using System.Globalization;
using System.Text;

namespace Nestor.Sampling.Analysis;

/// <summary>Writes analysis tables: the CSV file and the ns_analyse-style text table.</summary>
public static class AnalysisOutput
{
    /// <summary>The CSV header.</summary>
    public const string CsvHeader = "T,log_Z,F,U,S,Cp,V,thermal_exp,low_pct_i,mode_i,high_pct_i,Z_fract";

    /// <summary>Writes the rows as CSV, atomically (temp file + rename).</summary>
    public static void WriteCsv(string path, IReadOnlyList<ThermoRow> rows)
    {
        var sb = new StringBuilder();
        sb.Append(CsvHeader).Append('\n');
        foreach (var r in rows)
        {
            sb.Append(string.Join(',', new[] { r.T, r.LogZ, r.F, r.U, r.S, r.Cp, r.V, r.ThermalExpansion }
                .Select(x => x.ToString("R", CultureInfo.InvariantCulture))));
            sb.Append(CultureInfo.InvariantCulture, $",{r.LowIndex},{r.ModeIndex},{r.HighIndex},{r.ZFraction.ToString("R", CultureInfo.InvariantCulture)}\n");
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    /// <summary>The table as ns_analyse prints it (same columns, %g-like 6 significant digits), plus S.</summary>
    public static string Table(EnergiesFile f, IReadOnlyList<ThermoRow> rows)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# n_walkers {f.Walkers} n_cull {f.Cull} simple log(alpha) {Math.Log(f.Walkers) - Math.Log(f.Walkers + f.Cull):R}\n");
        sb.Append("#       T     log_Z(T)        F(T)        S(T)        U(T)      Cvp(T) low_pct_i mode_i high_pct_i  Z_fract(T)        V(T) thermal_exp(T)\n");
        foreach (var r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{G(r.T),9} {G(r.LogZ),12} {G(r.F),11} {G(r.S),11} {G(r.U),11} {G(r.Cp),11} {r.LowIndex,9} {r.ModeIndex,6} {r.HighIndex,10} {G(r.ZFraction),11} {G(r.V),11} {G(r.ThermalExpansion),14}\n");
        }
        return sb.ToString();
    }

    private static string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
