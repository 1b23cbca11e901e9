using Nestor.Labelling;
using Nestor.Labelling.Castep;
using Nestor.Labelling.QuantumEspresso;
using Nestor.Labelling.Reference;
using Nestor.Potentials;
using Tomlyn;
using Tomlyn.Model;

namespace Nestor.Cli.Commands;

/// <summary>Creates the labeller chosen on the command line from its TOML config or potential spec.</summary>
internal static class LabellerFactory
{
    public static ILabeller Create(string labeller, string? config, string? potential)
    {
        switch (labeller)
        {
            case "reference":
            {
                string? spec = potential;
                if (spec is null && config is not null)
                {
                    var t = ReadToml(config);
                    foreach (var k in t.Keys)
                        if (k != "potential") throw new UserInputException($"{config}: unknown key '{k}' for the reference labeller (known: potential)");
                    spec = t.TryGetValue("potential", out var p) ? p as string : null;
                }
                if (spec is null) throw new UserInputException("the reference labeller needs --potential SPEC (e.g. eam:Mg1.eam.fs) or 'potential = \"...\"' in --config");
                try { return ReferenceLabeller.FromSpec(spec); }
                catch (PotentialException e) { throw new UserInputException(e.Message, e); }
                catch (IOException e) { throw new UserInputException(e.Message, e); }
            }
            case "qe":
            {
                if (config is null) throw new UserInputException("the qe labeller needs --config qe.toml (see nestor label --help and docs/labelling.md)");
                var t = ReadToml(config);
                try
                {
                    return new QeLabeller(QeSettingsReader.FromTable(t, config, Path.GetDirectoryName(Path.GetFullPath(config))!));
                }
                catch (ArgumentException e) { throw new UserInputException(e.Message, e); }
            }
            case "castep":
            {
                var t = config is null ? new TomlTable() : ReadToml(config);
                try { return new CastepLabeller(CastepSettingsReader.FromTable(t, config ?? "castep defaults")); }
                catch (ArgumentException e) { throw new UserInputException(e.Message, e); }
            }
            default:
                throw new UserInputException($"unknown labeller '{labeller}' (known: qe, castep, reference)");
        }
    }

    private static TomlTable ReadToml(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"config file not found: {path}");
        try
        {
            return TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path))
                ?? throw new UserInputException($"{path}: empty TOML document");
        }
        catch (TomlException e)
        {
            throw new UserInputException($"{path}: {e.Message}", e);
        }
    }
}
