using Nestor.Atoms.IO;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Nestor.Fitting.Design;

namespace Nestor.Fitting.Reports;

/// <summary>
/// The fit report: train and test errors (overall, by config_type, by pressure band), the basis, solver and
/// hyper-parameters, the design-matrix size and cost, and the skipped frames. Written as text, as
/// <c>&lt;out&gt;.report.json</c> (format documented in docs/fitting.md) and as parity plots.
/// </summary>
public sealed class FitReport
{
    /// <summary>Creates the report from predictions on the training and test frames.</summary>
    public FitReport(string basis, int parameters, string solver, IReadOnlyList<FramePrediction> train, IReadOnlyList<FramePrediction> test,
        PressureBands? bands = null, IReadOnlyDictionary<string, double>? solverFigures = null, DesignStatistics? design = null,
        IReadOnlyList<SkippedFrame>? skipped = null, IReadOnlyDictionary<string, double>? timings = null,
        IReadOnlyList<string>? dropped = null)
    {
        Basis = basis; Parameters = parameters; Solver = solver;
        TrainPredictions = train; TestPredictions = test;
        Bands = bands ?? PressureBands.Default;
        Train = SetReport.Of(train, Bands);
        Test = SetReport.Of(test, Bands);
        SolverFigures = solverFigures ?? new Dictionary<string, double>();
        Design = design;
        Skipped = skipped ?? [];
        Timings = timings ?? new Dictionary<string, double>();
        Dropped = dropped ?? [];
    }

    public string Basis { get; }
    public int Parameters { get; }
    public string Solver { get; }
    public PressureBands Bands { get; }
    public IReadOnlyList<FramePrediction> TrainPredictions { get; }
    public IReadOnlyList<FramePrediction> TestPredictions { get; }
    public SetReport Train { get; }
    public SetReport Test { get; }
    public IReadOnlyDictionary<string, double> SolverFigures { get; }
    public DesignStatistics? Design { get; }
    public IReadOnlyList<SkippedFrame> Skipped { get; }
    public IReadOnlyDictionary<string, double> Timings { get; }

    /// <summary>Observations dropped from used frames (<see cref="MissingLabelPolicy.UseAvailable"/>).</summary>
    public IReadOnlyList<string> Dropped { get; }

    /// <summary>A plain-text table of the errors.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"basis: {Basis} ({Parameters} parameters)");
        sb.AppendLine($"solver: {Solver}");
        foreach (var (k, v) in SolverFigures) sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {k} = {v:G6}"));
        if (Design is not null) sb.AppendLine($"design matrix: {Design}");
        if (Skipped.Count > 0) sb.AppendLine($"skipped frames: {Skipped.Count} (listed in the JSON report)");
        if (Dropped.Count > 0) sb.AppendLine($"dropped observations: {Dropped.Count} (listed in the JSON report)");
        foreach (var (name, set) in new[] { ("train", Train), ("test", Test) })
        {
            sb.AppendLine();
            sb.AppendLine($"{name}: {set.Overall.Frames} frames" + (set.Overall.CommitteeFrames > 0
                ? string.Create(CultureInfo.InvariantCulture, $", committee RMS spread {set.Overall.CommitteeRmsStdMevPerAtom:F3} meV/atom") : ""));
            sb.AppendLine($"  {"group",-28} {"frames",7} {"E rmse",9} {"E mae",9} {"F rmse",9} {"F mae",9} {"V rmse",9} {"V mae",9}");
            sb.AppendLine($"  {"",-28} {"",7} {"meV/at",9} {"meV/at",9} {"eV/A",9} {"eV/A",9} {"meV/at",9} {"meV/at",9}");
            Row(sb, "all", set.Overall);
            foreach (var (ct, e) in set.ByConfigType) Row(sb, ct, e);
            foreach (var (band, e) in set.ByPressure) Row(sb, band + " GPa", e);
        }
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string name, ErrorStatistics e) =>
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"  {Trim(name),-28} {e.Frames,7} {e.EnergyRmseMevPerAtom,9:F3} {e.EnergyMaeMevPerAtom,9:F3} {e.ForcesRmseEvPerA,9:F4} {e.ForcesMaeEvPerA,9:F4} {e.VirialRmseMevPerAtom,9:F3} {e.VirialMaeMevPerAtom,9:F3}"));

    private static string Trim(string s) => s.Length <= 28 ? s : s[..27] + "~";

    /// <summary>Writes the machine-readable report atomically (temporary file, then rename).</summary>
    public void WriteJson(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        AtomicFile.Write(path, fs =>
        {
            using (var w = new Utf8JsonWriter(fs, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("format", "nestor-fit-report");
                w.WriteNumber("version", 1);
                w.WriteString("basis", Basis);
                w.WriteNumber("n_parameters", Parameters);
                w.WriteString("solver", Solver);
                w.WriteStartObject("solver_figures");
                foreach (var (k, v) in SolverFigures) Num(w, k, v);
                w.WriteEndObject();
                w.WriteStartObject("units");
                w.WriteString("energy", "meV/atom"); w.WriteString("forces", "eV/A"); w.WriteString("virial", "meV/atom"); w.WriteString("pressure", "GPa");
                w.WriteEndObject();
                w.WriteString("pressure_source", Bands.InfoKey is null ? "reference virial tr(W)/3V" : $"info key {Bands.InfoKey} x {Bands.InfoScale:R}, else reference virial");
                WriteSet(w, "train", Train);
                WriteSet(w, "test", Test);
                if (Design is not null)
                {
                    w.WriteStartObject("design_matrix");
                    w.WriteNumber("rows", Design.Rows); w.WriteNumber("cols", Design.Cols); w.WriteNumber("bytes", Design.MatrixBytes);
                    Num(w, "assembly_seconds", Design.AssemblySeconds); w.WriteNumber("peak_working_set_bytes", Design.PeakWorkingSetBytes);
                    w.WriteNumber("threads", Design.Threads);
                    w.WriteEndObject();
                }
                w.WriteStartObject("timings_seconds");
                foreach (var (k, v) in Timings) Num(w, k, v);
                w.WriteEndObject();
                w.WriteStartArray("skipped_frames");
                foreach (var s in Skipped)
                {
                    w.WriteStartObject();
                    w.WriteString("file", s.Source); w.WriteNumber("frame", s.Index); w.WriteString("reason", s.Reason);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("dropped_observations");
                foreach (var d in Dropped) w.WriteStringValue(d);
                w.WriteEndArray();
                w.WriteEndObject();
            }
        });
    }

    private static void WriteSet(Utf8JsonWriter w, string name, SetReport set)
    {
        w.WriteStartObject(name);
        WriteStats(w, set.Overall);
        w.WriteStartObject("by_config_type");
        foreach (var (ct, e) in set.ByConfigType) { w.WriteStartObject(ct); WriteStats(w, e); w.WriteEndObject(); }
        w.WriteEndObject();
        w.WriteStartObject("by_pressure_gpa");
        foreach (var (band, e) in set.ByPressure) { w.WriteStartObject(band); WriteStats(w, e); w.WriteEndObject(); }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteStats(Utf8JsonWriter w, ErrorStatistics e)
    {
        w.WriteNumber("n_frames", e.Frames);
        w.WriteNumber("n_atoms", e.Atoms);
        Num(w, "energy_rmse_mev_per_atom", e.EnergyRmseMevPerAtom);
        Num(w, "energy_mae_mev_per_atom", e.EnergyMaeMevPerAtom);
        Num(w, "forces_rmse_ev_per_a", e.ForcesRmseEvPerA);
        Num(w, "forces_mae_ev_per_a", e.ForcesMaeEvPerA);
        Num(w, "virial_rmse_mev_per_atom", e.VirialRmseMevPerAtom);
        Num(w, "virial_mae_mev_per_atom", e.VirialMaeMevPerAtom);
        w.WriteNumber("n_energy_frames", e.EnergyFrames);
        w.WriteNumber("n_force_components", e.ForceComponents);
        w.WriteNumber("n_virial_frames", e.VirialFrames);
        Num(w, "committee_rms_std_mev_per_atom", e.CommitteeRmsStdMevPerAtom);
        w.WriteNumber("n_committee_frames", e.CommitteeFrames);
    }

    private static void Num(Utf8JsonWriter w, string k, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(k, v); else w.WriteNull(k);
    }
}
