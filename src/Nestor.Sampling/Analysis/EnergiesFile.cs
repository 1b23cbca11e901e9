using System.Globalization;

namespace Nestor.Sampling.Analysis;

/// <summary>
/// The contents of a pymatnest-format <c>.energies</c> file: the header
/// <c>n_walkers n_cull nExtraDOF flat_V_prior n_atoms</c> (or the old three-field header) and one
/// <c>iter H V</c> (or <c>iter H</c>) line per culled walker.
/// </summary>
public sealed class EnergiesFile
{
    /// <summary>Number of walkers K.</summary>
    public int Walkers { get; init; }

    /// <summary>Walkers culled per iteration P.</summary>
    public int Cull { get; init; }

    /// <summary>Degrees of freedom whose ideal-gas kinetic energy the analysis adds (3N for MC walks, 0 for MD).</summary>
    public int ExtraDof { get; init; }

    /// <summary>True when the run used a flat volume prior (the analysis then adds N log V to each weight).</summary>
    public bool FlatVPrior { get; init; }

    /// <summary>Number of atoms (0 when the header does not say).</summary>
    public int Atoms { get; init; }

    /// <summary>Iteration number of each sample.</summary>
    public required long[] Iterations { get; init; }

    /// <summary>Enthalpy (the NS energy) of each sample, eV (or the run's energy unit).</summary>
    public required double[] Enthalpies { get; init; }

    /// <summary>Volume of each sample, or null when the file has no volume column.</summary>
    public double[]? Volumes { get; init; }

    /// <summary>Samples in the file (after skipping).</summary>
    public int Count => Enthalpies.Length;

    /// <summary>
    /// Reads a <c>.energies</c> file. <paramref name="skip"/>, <paramref name="lineEnd"/> and
    /// <paramref name="interval"/> select sample lines as ns_analyse's <c>-s</c>, <c>-l</c> and <c>-i</c> do
    /// (counting sample lines from 0, header excluded). Malformed lines are an error naming the file and line.
    /// </summary>
    public static EnergiesFile Read(string path, int skip = 0, int? lineEnd = null, int interval = 1)
    {
        if (!File.Exists(path)) throw new NestedSamplingException($"{path}: file not found");
        if (skip < 0) throw new NestedSamplingException("skip must be >= 0");
        if (interval < 1) throw new NestedSamplingException("interval must be >= 1");
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine() ?? throw new NestedSamplingException($"{path}: empty file (no header line)");
        var h = header.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (h.Length != 3 && h.Length != 5)
            throw new NestedSamplingException($"{path}:1: header must be 'n_walkers n_cull nExtraDOF [flat_V_prior n_atoms]', got {h.Length} fields");
        int walkers = ParseInt(path, 1, "n_walkers", h[0]);
        int cull = ParseInt(path, 1, "n_cull", h[1]);
        int extra = ParseInt(path, 1, "nExtraDOF", h[2]);
        bool flat = false;
        int atoms = 0;
        if (h.Length == 5)
        {
            flat = h[3].ToLowerInvariant() switch
            {
                "t" or "true" => true,
                "f" or "false" => false,
                _ => throw new NestedSamplingException($"{path}:1: flat_V_prior '{h[3]}' is not True or False"),
            };
            atoms = ParseInt(path, 1, "n_atoms", h[4]);
        }
        if (walkers < 1 || cull < 1 || cull >= walkers)
            throw new NestedSamplingException($"{path}:1: need n_walkers >= 1 and 1 <= n_cull < n_walkers (got {walkers}, {cull})");
        if (flat && atoms < 1)
            throw new NestedSamplingException($"{path}:1: flat_V_prior needs n_atoms >= 1");

        var iters = new List<long>();
        var es = new List<double>();
        var vs = new List<double>();
        int fields = 0;
        int sampleLine = -1;
        int lineNo = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            sampleLine++;
            if (sampleLine < skip) continue;
            if (lineEnd is int end && sampleLine >= end) break;
            if ((sampleLine - skip) % interval != 0) continue;
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != 2 && f.Length != 3)
                throw new NestedSamplingException($"{path}:{lineNo}: expected 'iter H V' (3 fields), got {f.Length}");
            if (fields == 0) fields = f.Length;
            else if (fields != f.Length)
                throw new NestedSamplingException($"{path}:{lineNo}: {f.Length} fields, but earlier lines have {fields}");
            iters.Add(ParseLong(path, lineNo, "iter", f[0]));
            es.Add(ParseDouble(path, lineNo, "H", f[1]));
            if (f.Length == 3) vs.Add(ParseDouble(path, lineNo, "V", f[2]));
        }
        if (es.Count == 0) throw new NestedSamplingException($"{path}: no samples after the header");
        if (flat && fields != 3) throw new NestedSamplingException($"{path}: flat_V_prior needs the volume column");
        return new EnergiesFile
        {
            Walkers = walkers, Cull = cull, ExtraDof = extra, FlatVPrior = flat, Atoms = atoms,
            Iterations = [.. iters], Enthalpies = [.. es], Volumes = fields == 3 ? [.. vs] : null,
        };
    }

    private static int ParseInt(string path, int line, string field, string s) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v : throw new NestedSamplingException($"{path}:{line}: {field} '{s}' is not an integer");

    private static long ParseLong(string path, int line, string field, string s) =>
        long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v)
            ? v : throw new NestedSamplingException($"{path}:{line}: {field} '{s}' is not an integer");

    private static double ParseDouble(string path, int line, string field, string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw new NestedSamplingException($"{path}:{line}: {field} '{s}' is not a finite number");
}
