using System.IO.Compression;
using Nestor.Atoms;
using Nestor.Labelling.Castep;
using Nestor.Labelling.QuantumEspresso;

namespace Nestor.Labelling;

/// <summary>One imported output: the labelled structure, or why the file was skipped.</summary>
public sealed record ImportedOutput(string Name, Structure? Structure, string? Error);

/// <summary>
/// Reads finished DFT outputs from past work (files, directories searched recursively, zip archives) into
/// labelled structures: the structure from the output, labels under <see cref="LabelKeys"/>.
/// CASTEP: <c>*.castep</c>. Quantum ESPRESSO: pw.x standard output (<c>*.out</c>, <c>*.pwo</c>, <c>*.log</c> that
/// contain "Program PWSCF"; any file named explicitly). Unreadable or unconverged outputs are reported, not imported.
/// </summary>
public static class OutputImporter
{
    /// <summary>The codes that can be imported.</summary>
    public static readonly IReadOnlyList<string> Codes = ["castep", "qe"];

    /// <summary>Imports every output found under <paramref name="paths"/>, sorted by name within each path.</summary>
    public static List<ImportedOutput> Import(string code, IEnumerable<string> paths, LabelKeys keys)
    {
        if (!Codes.Contains(code)) throw new ArgumentException($"unknown code '{code}' (known: {string.Join(", ", Codes)})");
        var list = new List<ImportedOutput>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var f in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    if (Wanted(code, f, () => File.ReadAllText(f))) list.Add(One(code, File.ReadAllText(f), f, keys));
            }
            else if (File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var zip = ZipFile.OpenRead(path);
                foreach (var e in zip.Entries.Where(e => e.Length > 0).OrderBy(e => e.FullName, StringComparer.Ordinal))
                {
                    string Text() { using var r = new StreamReader(e.Open()); return r.ReadToEnd(); }
                    if (Wanted(code, e.FullName, Text)) list.Add(One(code, Text(), path + ":" + e.FullName, keys));
                }
            }
            else if (File.Exists(path)) list.Add(One(code, File.ReadAllText(path), path, keys));
            else throw new FileNotFoundException($"no such file or directory: {path}", path);
        }
        return list;
    }

    private static bool Wanted(string code, string name, Func<string> text)
    {
        if (code == "castep") return name.EndsWith(".castep", StringComparison.OrdinalIgnoreCase);
        string ext = Path.GetExtension(name).ToLowerInvariant();
        return ext is ".out" or ".pwo" or ".log" && text().Contains("Program PWSCF", StringComparison.Ordinal);
    }

    /// <summary>Parses one output text.</summary>
    public static ImportedOutput One(string code, string text, string name, LabelKeys keys)
    {
        if (text.Length == 0) return new ImportedOutput(name, null, $"{name}: the file is empty");
        try
        {
            if (code == "castep")
            {
                var o = CastepOutputReader.Parse(text, name);
                if (o.StressGPa is null) return new ImportedOutput(name, null, $"{name}: no stress tensor (calculate_stress was off)");
                var s = keys.Apply(o.Structure, o.ToLabel());
                s.Info["source_file"] = name;
                return new ImportedOutput(name, s, null);
            }
            var q = QeOutputParser.Parse(text, name);
            if (q.NotConverged) return new ImportedOutput(name, null, $"{name}: SCF not converged");
            if (q.Structure is null) return new ImportedOutput(name, null, $"{name}: no cell and atomic positions printed");
            if (!q.Complete) return new ImportedOutput(name, null, $"{name}: no converged energy, forces and stress (run with tprnfor and tstress)");
            var st = keys.Apply(q.Structure, q.ToLabel(q.Structure.Volume));
            st.Info["source_file"] = name;
            return new ImportedOutput(name, st, null);
        }
        catch (OutputFormatException e)
        {
            return new ImportedOutput(name, null, e.Message);
        }
    }
}
