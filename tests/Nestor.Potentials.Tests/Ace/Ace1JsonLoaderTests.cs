using System.Text.Json.Nodes;
using Nestor.Potentials.Ace;
using Nestor.Testing;

namespace Nestor.Potentials.Tests.Ace;

/// <summary>Malformed, unknown and multi-species model files give clear errors naming what was found and where.</summary>
public sealed class Ace1JsonLoaderTests
{
    private static JsonNode Model()
    {
        var path = SharedData.Require("mg/models/cycle_3_o4_d14.json");
        return JsonNode.Parse(File.ReadAllText(path))!;
    }

    private static PotentialException Fails(JsonNode model) =>
        Assert.Throws<PotentialException>(() => Ace1JsonLoader.Parse(model.ToJsonString(), "test.json"));

    [SkippableFact]
    public void Unknown_component_is_named()
    {
        var m = Model();
        m["IP"]!["components"]!.AsArray().Add(new JsonObject { ["__id__"] = "ACE1_SomethingNew" });
        var e = Fails(m);
        Assert.Contains("test.json", e.Message);
        Assert.Contains("ACE1_SomethingNew", e.Message);
        Assert.Contains("$.IP.components[3]", e.Message);
    }

    [SkippableFact]
    public void Unknown_transform_and_envelope_are_named()
    {
        var m = Model();
        m["IP"]!["components"]![1]!["basis"]!["Pr"]![0]!["envelope"]!["__id__"] = "ACE1_TwoSidedEnvelope";
        Assert.Contains("ACE1_TwoSidedEnvelope", Fails(m).Message);
        m = Model();
        m["IP"]!["components"]![2]!["pibasis"]!["basis1p"]!["J"]!["trans"]!["transforms"]![0]!["__id__"] = "ACE1_PolyTransform";
        Assert.Contains("ACE1_PolyTransform", Fails(m).Message);
    }

    [SkippableFact]
    public void Multi_species_is_refused()
    {
        var m = Model();
        m["IP"]!["components"]![0]!["E0"]!["Al"] = -57.0;
        var e = Fails(m);
        Assert.Contains("single-species", e.Message);
        Assert.Contains("Al", e.Message);
        m = Model();
        m["IP"]!["components"]![1]!["basis"]!["zlist"]!["list"] = new JsonArray(12, 13);
        Assert.Contains("single-species", Fails(m).Message);
        m = Model();
        m["IP"]!["components"]![2]!["pibasis"]!["inner"]![0]![5]!["oneps"]![0]!["nlmz"]![3] = 13;
        Assert.Contains("multi-species", Fails(m).Message);
    }

    [SkippableFact]
    public void Missing_and_mistyped_fields_are_named()
    {
        var m = Model();
        m["IP"]!["components"]![2]!["pibasis"]!["basis1p"]!["J"]!["J"]!.AsObject().Remove("A");
        var e = Fails(m);
        Assert.Contains("missing field 'A'", e.Message);
        Assert.Contains("$.IP.components[2].pibasis.basis1p.J.J", e.Message);
        m = Model();
        m["IP"]!["components"]![1]!["coeffs"]![3] = "x";
        Assert.Contains("$.IP.components[1].coeffs", Fails(m).Message);
        m = Model();
        m["IP"]!["components"]![2]!["coeffs"]![0]!["real"]!.AsArray().RemoveAt(0);
        Assert.Contains("2433 coefficients", Fails(m).Message);
        m = Model();
        m["IP"]!["components"]![2]!["committee"]![0]![7]!.AsArray().RemoveAt(0);
        Assert.Contains("9 members", Fails(m).Message);
        m = Model();
        m["IP"]!["components"]![2]!["pibasis"]!["inner"]![0]![0]!["oneps"]![0]!["nlmz"] = new JsonArray(30, 0, 0, 12);
        Assert.Contains("not in basis1p.spec", Fails(m).Message);
    }

    [Fact]
    public void Invalid_json_and_missing_file()
    {
        var e = Assert.Throws<PotentialException>(() => Ace1JsonLoader.Parse("{\"IP\": [1, 2", "broken.json"));
        Assert.Contains("broken.json", e.Message);
        Assert.Contains("not valid JSON", e.Message);
        var f = Assert.Throws<PotentialException>(() => Ace1JsonLoader.Load("/nonexistent/model.json"));
        Assert.Contains("/nonexistent/model.json", f.Message);
        var g = Assert.Throws<PotentialException>(() => Ace1JsonLoader.Parse("{\"IP\": {\"__id__\": \"JuLIP_EAM\"}}", "eam.json"));
        Assert.Contains("JuLIP_EAM", g.Message);
    }

    [SkippableFact]
    public void Model_without_committee_loads_and_evaluates_the_same_energy()
    {
        var m = Model();
        m["IP"]!["components"]![1]!["committee"] = "nothing";
        m["IP"]!["components"]![2]!["committee"] = "nothing";
        var model = Ace1JsonLoader.Parse(m.ToJsonString(), "nocommittee.json");
        Assert.Equal(0, model.CommitteeSize);
        var frame = RdbFrames.Read(SharedData.Require("mg/cycle_3.rdb.extxyz"))[0];
        var p = new AcePotential(model, "ace:nocommittee.json");
        Assert.Equal(-27042.66753897, PotentialChecks.Energy(p, frame.Structure), 1e-7);
        Assert.Throws<PotentialException>(() => p.ComputeCommittee(frame.Structure, Quantities.Energy, new PotentialResult(), []));
    }

    [SkippableFact]
    public void Shuffled_inner_list_gives_the_same_model()
    {
        // the file's PI functions are in hash order; coefficient order is the canonical sort, so any order loads the same
        var m = Model();
        var inner = m["IP"]!["components"]![2]!["pibasis"]!["inner"]![0]!.AsArray();
        var items = inner.Select(x => x!.DeepClone()).ToList();
        new Random(4).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items));
        inner.Clear();
        foreach (var x in items) inner.Add(x);
        var model = Ace1JsonLoader.Parse(m.ToJsonString(), "shuffled.json");
        var frame = RdbFrames.Read(SharedData.Require("mg/cycle_3.rdb.extxyz"))[0];
        Assert.Equal(-27042.66753897, PotentialChecks.Energy(new AcePotential(model, "x"), frame.Structure), 1e-7);
    }
}
