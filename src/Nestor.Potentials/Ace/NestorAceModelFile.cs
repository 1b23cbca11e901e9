using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Nestor.Atoms;

namespace Nestor.Potentials.Ace;

/// <summary>
/// Nestor's own JSON format for ACE models (<c>"format": "nestor-ace-model"</c>, version 1), documented in docs/ace.md:
/// the evaluator's representation written out explicitly (radial bases as recurrence coefficients, transform and
/// envelope; one-particle (n, l, m) list; product tuples; coefficients and member-major committee), plus free
/// <c>basis</c> and <c>provenance</c> objects that the loader keeps but does not interpret. <see cref="Ace1JsonLoader"/>
/// dispatches here when the top-level object has a <c>format</c> key.
/// </summary>
public static class NestorAceModelFile
{
    /// <summary>The value of the top-level <c>format</c> key.</summary>
    public const string Format = "nestor-ace-model";

    /// <summary>Writes <paramref name="model"/> atomically (temporary file in the same folder, then rename).</summary>
    /// <param name="basis">Basis parameters (free JSON object, may be null).</param>
    /// <param name="provenance">Fit provenance (free JSON object, may be null).</param>
    public static void Write(string path, AceModel model, JsonObject? basis = null, JsonObject? provenance = null)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var fs = File.Create(tmp))
            using (var w = new Utf8JsonWriter(fs, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("format", Format);
                w.WriteNumber("version", 1);
                w.WriteString("species", model.Symbol);
                w.WriteNumber("e0", model.E0);
                w.WriteNumber("cutoff", model.Cutoff);
                w.WriteNumber("committee_size", model.CommitteeSize);
                if (basis is not null) { w.WritePropertyName("basis"); basis.WriteTo(w); }
                if (provenance is not null) { w.WritePropertyName("provenance"); provenance.WriteTo(w); }
                if (model.Pair is { } pair)
                {
                    w.WriteStartObject("pair");
                    WriteRadial(w, "radial", pair.Basis);
                    WriteNumbers(w, "coefficients", pair.Coefficients);
                    w.WriteStartArray("committee");
                    for (int j = 0; j < pair.CommitteeSize; j++) WriteNumbers(w, null, pair.Member(j));
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                if (model.ManyBody is { } mb)
                {
                    w.WriteStartObject("manybody");
                    WriteRadial(w, "radial", mb.Radial);
                    w.WriteNumber("max_l", mb.Angular.MaxL);
                    w.WriteStartArray("one_particle");
                    for (int v = 0; v < mb.OneParticle.Count; v++)
                    {
                        w.WriteStartArray();
                        w.WriteNumberValue(mb.OneParticle.N[v]); w.WriteNumberValue(mb.OneParticle.L[v]); w.WriteNumberValue(mb.OneParticle.M[v]);
                        w.WriteEndArray();
                    }
                    w.WriteEndArray();
                    w.WriteStartArray("products");
                    for (int k = 0; k < mb.Products.Count; k++)
                    {
                        w.WriteStartArray();
                        foreach (int i in mb.Products.Factors(k)) w.WriteNumberValue(i);
                        w.WriteEndArray();
                    }
                    w.WriteEndArray();
                    WriteNumbers(w, "coefficients", mb.Coefficients);
                    w.WriteStartArray("committee");
                    for (int j = 0; j < mb.CommitteeSize; j++) WriteNumbers(w, null, mb.Member(j));
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    private static void WriteNumbers(Utf8JsonWriter w, string? name, ReadOnlySpan<double> x)
    {
        if (name is null) w.WriteStartArray(); else w.WriteStartArray(name);
        foreach (double v in x) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static void WriteRadial(Utf8JsonWriter w, string name, RadialBasis r)
    {
        w.WriteStartObject(name);
        w.WriteNumber("cutoff", r.Cutoff);
        WriteTransform(w, "transform", r.Transform);
        var p = r.Polynomials;
        w.WriteStartObject("polynomials");
        WriteNumbers(w, "a", p.A); WriteNumbers(w, "b", p.B); WriteNumbers(w, "c", p.C);
        w.WriteNumber("pl", p.Pl); w.WriteNumber("tl", p.Tl); w.WriteNumber("pr", p.Pr); w.WriteNumber("tr", p.Tr);
        w.WriteEndObject();
        w.WriteStartObject("envelope");
        switch (r.Envelope)
        {
            case OneEnvelope: w.WriteString("type", "one"); break;
            case PolyEnvelope e: w.WriteString("type", "poly"); w.WriteNumber("p", e.P); w.WriteNumber("r0", e.R0); w.WriteNumber("rcut", e.Rcut); break;
            default: throw new PotentialException($"{Format}: cannot write envelope {r.Envelope.GetType().Name}");
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteTransform(Utf8JsonWriter w, string name, IRadialTransform t)
    {
        w.WriteStartObject(name);
        switch (t)
        {
            case Agnesi2Transform a:
                w.WriteString("type", "agnesi2");
                w.WriteNumber("r0", a.R0); w.WriteNumber("p", a.P); w.WriteNumber("q", a.Q); w.WriteNumber("a", a.A); w.WriteNumber("rin", a.Rin);
                break;
            case AffineTransform f:
                w.WriteString("type", "affine");
                w.WriteNumber("x1", f.X1); w.WriteNumber("x2", f.X2); w.WriteNumber("y1", f.Y1); w.WriteNumber("y2", f.Y2);
                WriteTransform(w, "inner", f.Inner);
                break;
            default: throw new PotentialException($"{Format}: cannot write transform {t.GetType().Name}");
        }
        w.WriteEndObject();
    }

    /// <summary>Reads a model from a parsed document whose root has <c>format</c> = <see cref="Format"/>.</summary>
    public static AceModel Read(JsonElement root, string source)
    {
        var r = new N(root, "$", source);
        string format = r.Get("format").Str();
        if (format != Format) throw r.Get("format").Error($"unknown format '{format}' (known: {Format})");
        int version = r.Get("version").Int();
        if (version != 1) throw r.Get("version").Error($"unsupported version {version} (this Nestor reads version 1)");
        var symN = r.Get("species");
        string symbol = symN.Str();
        if (!Elements.TryNumber(symbol, out int z)) throw symN.Error($"unknown element symbol '{symbol}'");
        double e0 = r.Get("e0").Num();
        int size = r.Get("committee_size").Int();
        if (size < 0) throw r.Get("committee_size").Error("must not be negative");
        PairPotential? pair = null; AceManyBody? many = null;
        if (r.Has("pair"))
        {
            var p = r.Get("pair");
            var radial = ReadRadial(p.Get("radial"));
            var coeffs = p.Get("coefficients").Nums();
            var com = ReadCommittee(p.Get("committee"), radial.Count, size);
            pair = p.Wrap(() => new PairPotential(radial, coeffs, com, size));
        }
        if (r.Has("manybody"))
        {
            var m = r.Get("manybody");
            var radial = ReadRadial(m.Get("radial"));
            var angular = m.Get("max_l").Wrap(() => new SphericalHarmonics(m.Get("max_l").Int()));
            var n = new List<int>(); var l = new List<int>(); var mm = new List<int>();
            foreach (var f in m.Get("one_particle").Items())
            {
                var t = f.Ints();
                if (t.Length != 3) throw f.Error($"expected [n, l, m], found {t.Length} numbers");
                n.Add(t[0]); l.Add(t[1]); mm.Add(t[2]);
            }
            var one = m.Get("one_particle").Wrap(() => new OneParticleBasis(n, l, mm));
            var tuples = m.Get("products").Items().Select(x => x.Ints()).ToList();
            var products = m.Get("products").Wrap(() => new ProductBasis(tuples, one.Count, out int[] perm)
                .CheckCanonical(perm));
            var coeffs = m.Get("coefficients").Nums();
            var com = ReadCommittee(m.Get("committee"), products.Count, size);
            many = m.Wrap(() => new AceManyBody(radial, angular, one, products, coeffs, com, size));
        }
        return r.Wrap(() => new AceModel(symbol, z, e0, pair, many));
    }

    private static ProductBasis CheckCanonical(this ProductBasis b, int[] perm)
    {
        for (int k = 0; k < perm.Length; k++)
            if (perm[k] != k) throw new ArgumentException($"product function {perm[k]} is out of canonical order (by order, then by sorted index tuple); expected it at position {k}");
        return b;
    }

    private static double[]? ReadCommittee(N node, int count, int size)
    {
        var members = node.Items().ToList();
        if (members.Count != size) throw node.Error($"has {members.Count} members, committee_size says {size}");
        if (size == 0) return null;
        var flat = new double[count * size];
        for (int j = 0; j < size; j++)
        {
            var x = members[j].Nums();
            if (x.Length != count) throw members[j].Error($"has {x.Length} coefficients, expected {count}");
            x.CopyTo(flat, j * count);
        }
        return flat;
    }

    private static RadialBasis ReadRadial(N node)
    {
        var t = ReadTransform(node.Get("transform"));
        var p = node.Get("polynomials");
        var polys = p.Wrap(() => new OrthogonalPolynomials(p.Get("a").Nums(), p.Get("b").Nums(), p.Get("c").Nums(),
            p.Get("pl").Int(), p.Get("tl").Num(), p.Get("pr").Int(), p.Get("tr").Num()));
        var e = node.Get("envelope");
        string type = e.Get("type").Str();
        IRadialEnvelope env = type switch
        {
            "one" => OneEnvelope.Instance,
            "poly" => e.Wrap(() => new PolyEnvelope(e.Get("p").Int(), e.Get("r0").Num(), e.Get("rcut").Num())),
            _ => throw e.Get("type").Error($"unknown envelope type '{type}' (known: one, poly)"),
        };
        return node.Wrap(() => new RadialBasis(t, polys, env, node.Get("cutoff").Num()));
    }

    private static IRadialTransform ReadTransform(N t)
    {
        string type = t.Get("type").Str();
        return type switch
        {
            "agnesi2" => t.Wrap(() => (IRadialTransform)new Agnesi2Transform(t.Get("r0").Num(), t.Get("p").Int(), t.Get("q").Int(), t.Get("a").Num(), t.Get("rin").Num())),
            "affine" => t.Wrap(() => (IRadialTransform)new AffineTransform(ReadTransform(t.Get("inner")), t.Get("x1").Num(), t.Get("x2").Num(), t.Get("y1").Num(), t.Get("y2").Num())),
            _ => throw t.Get("type").Error($"unknown transform type '{type}' (known: agnesi2, affine)"),
        };
    }

    /// <summary>A JSON element with its path, for error messages.</summary>
    private readonly struct N(JsonElement e, string path, string source)
    {
        public PotentialException Error(string what) => new($"ace: {source}: {path}: {what}");

        public bool Has(string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out _);

        public N Get(string name)
        {
            if (e.ValueKind != JsonValueKind.Object) throw Error($"expected an object with field '{name}', found {e.ValueKind}");
            if (!e.TryGetProperty(name, out var v)) throw Error($"missing field '{name}'");
            return new N(v, path + "." + name, source);
        }

        public string Str() => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error($"expected a string, found {e.ValueKind}");

        public double Num() => e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) && double.IsFinite(v)
            ? v : throw Error($"expected a finite number, found {(e.ValueKind == JsonValueKind.Number ? e.GetRawText() : e.ValueKind.ToString())}");

        public int Int()
        {
            double v = Num();
            if (v != Math.Floor(v) || Math.Abs(v) > int.MaxValue) throw Error(string.Create(CultureInfo.InvariantCulture, $"expected an integer, found {v}"));
            return (int)v;
        }

        public IEnumerable<N> Items()
        {
            if (e.ValueKind != JsonValueKind.Array) throw Error($"expected an array, found {e.ValueKind}");
            var list = new List<N>();
            int i = 0;
            foreach (var x in e.EnumerateArray()) list.Add(new N(x, $"{path}[{i++}]", source));
            return list;
        }

        public double[] Nums() => Items().Select(x => x.Num()).ToArray();

        public int[] Ints() => Items().Select(x => x.Int()).ToArray();

        public T Wrap<T>(Func<T> make)
        {
            try { return make(); }
            catch (ArgumentException ex) { throw Error(ex.Message); }
        }
    }
}
