using Nestor.Atoms.IO;
using System.CommandLine;
using System.Globalization;
using System.Text;
using Nestor.Sampling;
using Nestor.Sampling.Analysis;

namespace Nestor.Cli.Commands;

/// <summary><c>nestor analyse PREFIX.energies</c>: ns_analyse's thermodynamics, Cp peaks, CSV and plots.</summary>
public static class AnalyseCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var cmd = new Command("analyse",
            "Thermodynamics from a nested-sampling .energies file (the same quantities and formulas as pymatnest's ns_analyse):\n" +
            "log Z, F, U, S, Cp, V and thermal expansion on a temperature grid, Cp peaks (transitions), and the temperature of\n" +
            "each trajectory sample. Writes PREFIX.analysis.csv, PREFIX.analysis.Cp.png, PREFIX.analysis.V.png and, when\n" +
            "PREFIX.traj.extxyz exists, PREFIX.traj_temperatures.csv.");
        var file = new Argument<string>("energies") { Description = "the .energies file (nestor sample or pymatnest)" };
        var tmin = new Option<double?>("--tmin", "-M") { Description = "lowest temperature (K with the default kB)", Required = true };
        var tmax = new Option<double?>("--tmax") { Description = "highest temperature", Required = true };
        var dt = new Option<double?>("--dt", "-D") { Description = "temperature step", Required = true };
        var kb = new Option<double?>("--kb", "-k") { Description = $"Boltzmann constant (default {ThermoAnalysis.DefaultKB} eV/K as ns_analyse; 1 for reduced units)" };
        var skip = new Option<int?>("--skip", "-s") { Description = "sample lines to skip at the start" };
        var lineEnd = new Option<int?>("--line-end", "-l") { Description = "last sample line + 1 (0-based)" };
        var interval = new Option<int?>("--interval", "-i") { Description = "use every this many lines" };
        var dp = new Option<double?>("--delta-pressure", "-P") { Description = "reweight to pressure + dP (eV/A^3; meant for flat-V-prior runs)" };
        var minProm = new Option<double?>("--peak-prominence") { Description = "smallest Cp peak prominence as a fraction of the Cp range (default 0.05)" };
        var noPlots = new Option<bool>("--no-plots") { Description = "do not draw the PNG plots" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "do not print the table" };
        foreach (var o in new Option[] { tmin, tmax, dt, kb, skip, lineEnd, interval, dp, minProm, noPlots, quiet }) cmd.Add(o);
        cmd.Add(file);
        cmd.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            double kB = parse.GetValue(kb) ?? ThermoAnalysis.DefaultKB;
            int every = parse.GetValue(interval) ?? 1;
            EnergiesFile data;
            ThermoAnalysis analysis;
            double[] grid;
            try
            {
                data = EnergiesFile.Read(path, parse.GetValue(skip) ?? 0, parse.GetValue(lineEnd), every);
                analysis = new ThermoAnalysis(data, kB, parse.GetValue(dp) ?? 0, every);
                grid = ThermoAnalysis.Grid(parse.GetValue(tmin)!.Value, parse.GetValue(tmax)!.Value, parse.GetValue(dt)!.Value);
            }
            catch (NestedSamplingException e) { throw new UserInputException(e.Message, e); }
            var rows = analysis.Run(grid);
            string prefix = path.EndsWith(".energies", StringComparison.Ordinal) ? path[..^".energies".Length] : path;
            if (!parse.GetValue(quiet)) Console.Write(AnalysisOutput.Table(data, rows));
            AnalysisOutput.WriteCsv(prefix + ".analysis.csv", rows);
            var t = rows.Select(r => r.T).ToArray();
            var cp = rows.Select(r => r.Cp).ToArray();
            var peaks = CpPeakFinder.Find(t, cp, parse.GetValue(minProm) ?? 0.05);
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"# {data.Count} samples, {data.Walkers} walkers, n_cull {data.Cull}, nExtraDOF {data.ExtraDof}; lowest H {analysis.HMin:G10}\n");
            if (peaks.Count == 0) sb.Append("# no Cp peak inside the temperature grid\n");
            foreach (var p in peaks)
                sb.Append(CultureInfo.InvariantCulture, $"# Cp peak at T = {p.T:G6} (width {p.Width:G4}, Cp {p.Cp:G6} = {p.Cp / kB / Math.Max(1, data.Atoms):G4} kB per atom)\n");
            sb.Append(CultureInfo.InvariantCulture, $"# wrote {prefix}.analysis.csv");
            if (!parse.GetValue(noPlots))
            {
                bool kelvin = kB == ThermoAnalysis.DefaultKB;
                string tLabel = kelvin ? "T (K)" : "T (energy / kB units)";
                Plots.Line(prefix + ".analysis.Cp.png", t, cp, tLabel, kelvin ? "Cp (eV/K)" : "Cp (kB units)", "Heat capacity");
                if (data.Volumes is not null) Plots.Line(prefix + ".analysis.V.png", t, rows.Select(r => r.V).ToArray(), tLabel, "V (A^3)", "Volume");
                sb.Append(CultureInfo.InvariantCulture, $", {prefix}.analysis.Cp.png{(data.Volumes is not null ? $", {prefix}.analysis.V.png" : "")}");
            }
            string traj = prefix + ".traj.extxyz";
            if (File.Exists(traj))
            {
                List<TrajectoryEnergies.Frame> frames;
                try { frames = TrajectoryEnergies.Read(traj); }
                catch (NestedSamplingException e) { throw new UserInputException(e.Message, e); }
                var temps = SampleTemperatures.Assign(rows, frames.Select(f => f.NsEnergy).ToArray(), data.ExtraDof, kB);
                var csv = new StringBuilder("frame,iter,config_n_global,ns_energy,T\n");
                for (int i = 0; i < frames.Count; i++)
                    csv.Append(CultureInfo.InvariantCulture, $"{frames[i].Index},{frames[i].Iteration},{frames[i].GlobalIndex},{frames[i].NsEnergy:R},{temps[i]:R}\n");
                AtomicFile.WriteAllText(prefix + ".traj_temperatures.csv", csv.ToString());
                sb.Append(CultureInfo.InvariantCulture, $", {prefix}.traj_temperatures.csv ({frames.Count} frames; NaN = outside the grid)");
            }
            string snapshot = prefix + ".snapshot.json";
            if (File.Exists(snapshot))
            {
                try
                {
                    var phases = FinalWalkers.Phases(snapshot);
                    sb.Append("\n# final walkers (Steinhardt q4/q6 per atom, majority): ")
                      .Append(string.Join(", ", phases.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Value} {kv.Key.ToString().ToLowerInvariant()}")));
                }
                catch (NestedSamplingException e) { throw new UserInputException(e.Message, e); }
            }
            Console.WriteLine(sb.ToString());
            return 0;
        });
        return cmd;
    }
}
