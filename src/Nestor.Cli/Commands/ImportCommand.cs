using System.CommandLine;
using Nestor.Atoms.IO;
using Nestor.Labelling;

namespace Nestor.Cli.Commands;

/// <summary><c>nestor import castep|qe PATHS --output FILE</c>: finished DFT outputs to labelled extxyz.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var code = new Argument<string>("code") { Description = "castep (.castep files) or qe (pw.x standard output)" };
        var paths = new Argument<string[]>("paths") { Description = "output files, directories (searched recursively) or zip archives", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output") { Description = "extxyz file to write (atomically)", Required = true };
        var energyKey = new Option<string>("--energy-key") { Description = "info key of the energy (eV)", DefaultValueFactory = _ => "dft_energy" };
        var forcesKey = new Option<string>("--forces-key") { Description = "per-atom key of the forces (eV/A)", DefaultValueFactory = _ => "dft_forces" };
        var virialKey = new Option<string>("--virial-key") { Description = "info key of the virial (eV)", DefaultValueFactory = _ => "dft_virial" };
        var stressKey = new Option<string>("--stress-key") { Description = "info key of the stress (GPa, ASE sign)", DefaultValueFactory = _ => "dft_stress" };
        var cmd = new Command("import", "Read finished DFT outputs (CASTEP .castep, Quantum ESPRESSO pw.x output) into labelled extxyz: " +
            "the structure from the output, labels under the same keys as 'nestor label'. CASTEP energy: the finite-basis-corrected " +
            "total when printed, else the free energy (as the paper's data).");
        cmd.Arguments.Add(code);
        cmd.Arguments.Add(paths);
        foreach (var o in new Option[] { output, energyKey, forcesKey, virialKey, stressKey }) cmd.Options.Add(o);
        cmd.SetAction(p =>
        {
            string c = p.GetValue(code)!;
            if (!OutputImporter.Codes.Contains(c)) throw new UserInputException($"unknown code '{c}' (known: {string.Join(", ", OutputImporter.Codes)})");
            var keys = new LabelKeys(p.GetValue(energyKey)!, p.GetValue(forcesKey)!, p.GetValue(virialKey)!, p.GetValue(stressKey)!);
            List<ImportedOutput> items;
            try { items = OutputImporter.Import(c, p.GetValue(paths)!, keys); }
            catch (FileNotFoundException e) { throw new UserInputException(e.Message, e); }
            catch (InvalidDataException e) { throw new UserInputException(e.Message, e); }
            if (items.Count == 0) throw new UserInputException($"no {c} outputs found in {string.Join(", ", p.GetValue(paths)!)}");
            var good = items.Where(i => i.Structure is not null).Select(i => i.Structure!).ToList();
            string outPath = p.GetValue(output)!;
            ExtXyz.WriteFile(outPath, good);
            foreach (var bad in items.Where(i => i.Error is not null)) Console.Error.WriteLine($"skipped: {bad.Error}");
            Console.Out.WriteLine($"imported {good.Count} of {items.Count} {c} outputs -> {outPath}");
            return good.Count == items.Count ? 0 : 1;
        });
        return cmd;
    }
}
