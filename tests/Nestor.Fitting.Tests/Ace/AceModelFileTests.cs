using System.Text.Json.Nodes;
using Nestor.Atoms;
using Nestor.Fitting.Ace;
using Nestor.Fitting.Design;
using Nestor.Potentials;
using Nestor.Potentials.Ace;
using Nestor.Testing;

namespace Nestor.Fitting.Tests.Ace;

/// <summary>The nestor-ace-model file: a fitted model saved and loaded as <c>ace:PATH</c> is the same potential.</summary>
public sealed class AceModelFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nestor-acemodel-" + Guid.NewGuid().ToString("N")[..8]);

    public AceModelFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static readonly Dictionary<string, double> E0 = new() { ["Mg"] = -1688.821130128 };

    private static (AceLinearBasis Basis, FitResult Fit, IReadOnlyList<LabelledFrame> Frames) SmallFit()
    {
        var set = FrameSet.Load([SharedData.Require("mg/cycle_1.edb.extxyz")], new LabelKeys(), new FitWeights());
        var frames = set.Frames.Take(14).ToList();
        var basis = new AceLinearBasis("Mg", new AceBasisSpec { Order = 2, TotalDegree = 6, Cutoff = 6.0, R0 = 3.2 });
        var fit = LinearFitter.Fit(basis, frames, [], new FitOptions { E0 = E0, Committee = 4, Seed = 3, Threads = 1 });
        return (basis, fit, frames);
    }

    [SkippableFact]
    public void SavedModelLoadsAsAcePathAndReproducesTheFittedPotential()
    {
        var (basis, fit, frames) = SmallFit();
        string path = Path.Combine(_dir, "small.ace.json");
        var prov = new JsonObject { ["train_files"] = new JsonArray("cycle_1.edb.extxyz"), ["seed"] = 3 };
        AceModelFile.Write(path, basis, fit.Solution.Coefficients, fit.Solution.Committee, E0, prov);
        Assert.False(Directory.EnumerateFiles(_dir, "*.tmp").Any());
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("nestor-ace-model", (string?)json["format"]);
        Assert.Equal(AceModelFile.NestorVersion, (string?)json["provenance"]!["nestor_version"]);
        Assert.Equal(basis.Description, (string?)json["basis"]!["description"]);

        var loaded = (ICommitteePotential)PotentialRegistry.Create("ace:" + path);
        var direct = (ICommitteePotential)fit.Potential;
        Assert.Equal(4, loaded.CommitteeSize);
        Assert.Equal(direct.CommitteeSize, loaded.CommitteeSize);
        // numbers round-trip exactly through the JSON text
        var lm = ((AcePotential)loaded).Model; var dm = ((AcePotential)direct).Model;
        Assert.Equal(dm.E0, lm.E0);
        Assert.Equal(dm.ManyBody!.Coefficients.ToArray(), lm.ManyBody!.Coefficients.ToArray());
        Assert.Equal(dm.ManyBody.Member(2).ToArray(), lm.ManyBody.Member(2).ToArray());
        Assert.Equal(dm.Pair!.Coefficients.ToArray(), lm.Pair!.Coefficients.ToArray());
        Assert.Equal(dm.ManyBody.Radial.Polynomials.A.ToArray(), lm.ManyBody.Radial.Polynomials.A.ToArray());
        foreach (var frame in new[] { frames[0], frames[^1] })
        {
            var s = frame.Structure;
            var a = new PotentialResult(); var b = new PotentialResult();
            var ca = new double[4]; var cb = new double[4];
            direct.ComputeCommittee(s, Quantities.Forces | Quantities.Virial, a, ca);
            loaded.ComputeCommittee(s, Quantities.Forces | Quantities.Virial, b, cb);
            Assert.Equal(a.Energy, b.Energy, 1e-10);
            for (int q = 0; q < 3 * s.Count; q++) Assert.Equal(a.Forces[q], b.Forces[q], 1e-10);
            for (int q = 0; q < 9; q++) Assert.Equal(a.Virial[q], b.Virial[q], 1e-10);
            for (int j = 0; j < 4; j++) Assert.Equal(ca[j], cb[j], 1e-10);
            // the committee spreads: the members are not all the mean
            Assert.True(ca.Max() - ca.Min() > 0);
            // E0 is in the model: the energy is near the DFT energy, not near zero
            Assert.Equal(frame.Energy!.Value / s.Count, b.Energy / s.Count, 0.1);
        }
    }

    [SkippableFact]
    public void MalformedFilesGiveClearErrors()
    {
        var (basis, fit, _) = SmallFit();
        string path = Path.Combine(_dir, "m.ace.json");
        AceModelFile.Write(path, basis, fit.Solution.Coefficients, fit.Solution.Committee, E0);
        var good = JsonNode.Parse(File.ReadAllText(path))!.AsObject();

        string Fail(Action<JsonObject> edit)
        {
            var j = (JsonObject)good.DeepClone();
            edit(j);
            string p = Path.Combine(_dir, "bad.json");
            File.WriteAllText(p, j.ToJsonString());
            return Assert.Throws<PotentialException>(() => PotentialRegistry.Create("ace:" + p)).Message;
        }

        Assert.Contains("unknown format 'nestor-foo'", Fail(j => j["format"] = "nestor-foo"));
        Assert.Contains("unsupported version 7", Fail(j => j["version"] = 7));
        Assert.Contains("unknown element symbol 'Xx'", Fail(j => j["species"] = "Xx"));
        Assert.Contains("$.manybody: missing field 'coefficients'", Fail(j => j["manybody"]!.AsObject().Remove("coefficients")));
        Assert.Contains("$.pair.committee[1]: has 2 coefficients", Fail(j => j["pair"]!["committee"]![1] = new JsonArray(1.0, 2.0)));
        Assert.Contains("committee_size says 4", Fail(j => j["manybody"]!["committee"]!.AsArray().RemoveAt(0)));
        Assert.Contains("$.manybody.radial.transform.type: unknown transform type 'log'", Fail(j => j["manybody"]!["radial"]!["transform"]!["type"] = "log"));
        Assert.Contains("$.e0: expected a finite number", Fail(j => j["e0"] = "x"));
        Assert.Contains("coefficients for", Fail(j => j["manybody"]!["coefficients"]!.AsArray().RemoveAt(0)));
        // out-of-order products are refused rather than silently permuted
        Assert.Contains("canonical order", Fail(j =>
        {
            var pr = j["manybody"]!["products"]!.AsArray();
            var first = pr[0]!.DeepClone();
            pr.RemoveAt(0);
            pr.Add(first);
        }));
        // ACE1.jl files still load through the same style
        var ace1 = SharedData.Require("mg/models/cycle_3_o4_d14.json");
        Assert.IsType<AcePotential>(PotentialRegistry.Create("ace:" + ace1));
    }
}
