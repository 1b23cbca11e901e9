using Nestor.Atoms;
using Nestor.Labelling.Executors;
using Nestor.Labelling.QuantumEspresso;
using Nestor.Testing;

namespace Nestor.Labelling.Tests;

/// <summary>
/// Shared by the real pw.x tests: generates the 2-electron NC PBE pseudo with ld1.x once into a temporary
/// directory and gives the cheap test setting of engines.md (20/80 Ry, MV 0.02 Ry, conv_thr 1e-8 x nat).
/// </summary>
public sealed class QeFixture : IDisposable
{
    public string? PseudoDir { get; }
    public string? SkipReason { get; }
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "nestor-qe-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public QeFixture()
    {
        Directory.CreateDirectory(Root);
        if (ProcessRunner.Which("pw.x") is null || ProcessRunner.Which("ld1.x") is null)
        {
            SkipReason = "pw.x/ld1.x not installed (apt-get install quantum-espresso)";
            return;
        }
        var data = SharedData.Directory;
        var input = data is null ? null : Path.Combine(data, "qe", "Mg.pbe-n-nc.ld1.in");
        if (input is null || !File.Exists(input)) { SkipReason = "reference data qe/Mg.pbe-n-nc.ld1.in not found"; return; }
        PseudoDir = Path.Combine(Root, "pseudo");
        Ld1Pseudopotential.Generate(input, PseudoDir);
    }

    public QeSettings Cheap(bool gamma = false) => new()
    {
        PseudoDir = PseudoDir ?? "",
        Pseudopotentials = new Dictionary<string, string> { ["Mg"] = "Mg.pbe-n-nc.UPF" },
        Masses = new Dictionary<string, double> { ["Mg"] = 24.305 },
        EcutWfc = 20, EcutRho = 80, Smearing = "mv", Degauss = 0.02,
        Gamma = gamma, KSpacing = gamma ? 0 : 0.3,
    };

    public void Require() => Skip.If(SkipReason is not null, SkipReason);

    public LabelContext Context(string name, TimeSpan? limit = null) =>
        new(Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..6]), 1, limit);

    /// <summary>hcp Mg, a = 3.19 A, c = 5.19 A, as in engines.md 1.4 (atom 2 y rounded to 8 decimals).</summary>
    public static Structure Hcp2(double scale = 1.0)
    {
        var cell = new Cell(new Vec3(3.19, 0, 0), new Vec3(-1.595, 2.7626210381, 0), new Vec3(0, 0, 5.19));
        var s = new Structure(["Mg", "Mg"], [0, 0, 0, 0, 1.84174736, 2.595], cell);
        if (scale != 1.0) s.SetCell(cell.Scale(scale), scaleAtoms: true);
        return s;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
