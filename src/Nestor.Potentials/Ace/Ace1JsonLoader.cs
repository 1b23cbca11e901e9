using System.Text.Json;
using Nestor.Atoms;

namespace Nestor.Potentials.Ace;

/// <summary>
/// Loads an ACE1.jl / ACEpotentials.jl JSON model (<c>JuLIP_SumIP</c> of <c>JuLIP_OneBody</c>, <c>ACE1_PolyPairPot</c>
/// and <c>ACE1_PIPotential</c>, with or without committee) into an <see cref="AceModel"/>. Only single-species models
/// are accepted. A file whose top-level object has a <c>format</c> key is Nestor's own format
/// (<see cref="NestorAceModelFile"/>). Anything unexpected (unknown <c>__id__</c>, a missing or mistyped field, inconsistent sizes) is a
/// <see cref="PotentialException"/> naming the file and the JSON path.
/// </summary>
public static class Ace1JsonLoader
{
    /// <summary>Loads the model in <paramref name="path"/>.</summary>
    public static AceModel Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PotentialException($"ace: cannot read model file '{path}': {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses model JSON text; <paramref name="source"/> names it in error messages.</summary>
    public static AceModel Parse(string json, string source)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 }); }
        catch (JsonException e)
        {
            throw new PotentialException($"ace: {source} is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}): {e.Message}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("format", out _))
                return NestorAceModelFile.Read(doc.RootElement, source);
            var ctx = new Ctx(source);
            var root = new Node(doc.RootElement, "$", ctx);
            var ip = root.Get("IP");
            var components = new List<Node>();
            switch (ip.Id())
            {
                case "JuLIP_SumIP":
                    components.AddRange(ip.Get("components").Items());
                    break;
                case "JuLIP_OneBody" or "ACE1_PolyPairPot" or "ACE1_PIPotential":
                    components.Add(ip);
                    break;
                default:
                    throw ip.Error($"unknown potential __id__ '{ip.Id()}' (known: JuLIP_SumIP, JuLIP_OneBody, ACE1_PolyPairPot, ACE1_PIPotential)");
            }
            double? e0 = null; string? e0Symbol = null;
            PairPotential? pair = null; AceManyBody? many = null;
            int? z = null;
            Node? zSource = null;
            void Species(int zz, Node where)
            {
                if (z is null) { z = zz; zSource = where; return; }
                if (z != zz) throw where.Error($"species Z={zz} differs from Z={z} at {zSource!.Value.Path}: multi-species models are not supported");
            }
            foreach (var c in components)
            {
                switch (c.Id())
                {
                    case "JuLIP_OneBody":
                    {
                        if (e0 is not null) throw c.Error("a second JuLIP_OneBody component");
                        var map = c.Get("E0");
                        var entries = map.Properties().ToList();
                        if (entries.Count != 1)
                            throw map.Error($"has {entries.Count} species ({string.Join(", ", entries.Select(p => p.Name))}): only single-species models are supported");
                        e0Symbol = entries[0].Name;
                        if (!Elements.TryNumber(e0Symbol, out int ze)) throw map.Error($"unknown element symbol '{e0Symbol}'");
                        e0 = entries[0].Value.Number();
                        Species(ze, map);
                        break;
                    }
                    case "ACE1_PolyPairPot":
                        if (pair is not null) throw c.Error("a second ACE1_PolyPairPot component");
                        pair = ReadPair(c, Species);
                        break;
                    case "ACE1_PIPotential":
                        if (many is not null) throw c.Error("a second ACE1_PIPotential component");
                        many = ReadManyBody(c, Species);
                        break;
                    default:
                        throw c.Error($"unknown component __id__ '{c.Id()}' (known: JuLIP_OneBody, ACE1_PolyPairPot, ACE1_PIPotential)");
                }
            }
            if (z is null) throw ip.Error("no component names a species");
            string symbol = Elements.Symbol(z.Value);
            try
            {
                return new AceModel(symbol, z.Value, e0 ?? 0.0, pair, many);
            }
            catch (ArgumentException e)
            {
                throw ip.Error(e.Message);
            }
        }
    }

    private static PairPotential ReadPair(Node c, Action<int, Node> species)
    {
        var basis = c.Get("basis");
        basis.Expect("ACE1_PolyPairBasis");
        var zl = ReadZList(basis.Get("zlist"), species);
        var pr = basis.Get("Pr").Items().ToList();
        if (pr.Count != zl * zl) throw basis.Get("Pr").Error($"has {pr.Count} radial bases, expected {zl * zl}");
        var radial = ReadTransformedPolys(pr[0]);
        var coeffs = c.Get("coeffs").Numbers();
        var (committee, size) = ReadArrayCommittee(c.Get("committee"), radial.Count);
        try { return new PairPotential(radial, coeffs, committee, size); }
        catch (ArgumentException e) { throw c.Error(e.Message); }
    }

    private static (double[]? Committee, int Size) ReadArrayCommittee(Node node, int nbasis)
    {
        if (node.IsString(out var s))
        {
            if (s == "nothing") return (null, 0);
            throw node.Error($"expected a committee or \"nothing\", found the string '{s}'");
        }
        node.Expect("ACE_ArrayOfNumber");
        var size = node.Get("size").Numbers();
        if (size.Length != 2 || size[0] != nbasis)
            throw node.Get("size").Error($"expected [{nbasis}, members], found [{string.Join(", ", size)}]");
        int members = (int)size[1];
        var real = node.Get("real").Numbers();
        if (real.Length != nbasis * members) throw node.Get("real").Error($"has {real.Length} numbers, expected {nbasis} x {members}");
        // column-major [nbasis, members]: member j owns real[j*nbasis .. ], i.e. already member-major
        return (real, members);
    }

    private static int ReadZList(Node zlist, Action<int, Node> species)
    {
        zlist.Expect("JuLIP_SZList");
        var list = zlist.Get("list").Numbers();
        if (list.Length != 1)
            throw zlist.Get("list").Error($"has {list.Length} species ({string.Join(", ", list)}): only single-species models are supported");
        species((int)list[0], zlist);
        return 1;
    }

    private static RadialBasis ReadTransformedPolys(Node node)
    {
        node.Expect("ACE1_TransformedPolys");
        var j = node.Get("J");
        j.Expect("ACE1_OrthPolyBasis");
        OrthogonalPolynomials polys;
        try
        {
            polys = new OrthogonalPolynomials(j.Get("A").Numbers(), j.Get("B").Numbers(), j.Get("C").Numbers(),
                j.Get("pl").Int(), j.Get("tl").Number(), j.Get("pr").Int(), j.Get("tr").Number());
        }
        catch (ArgumentException e) { throw j.Error(e.Message); }
        var transform = ReadTransform(node.Get("trans"));
        var env = node.Get("envelope");
        IRadialEnvelope envelope = env.Id() switch
        {
            "ACE1_OneEnvelope" => OneEnvelope.Instance,
            "ACE1_PolyEnvelope" => Wrap(env, () => new PolyEnvelope(env.Get("p").Int(), env.Get("r0").Number(), env.Get("rcut").Number())),
            _ => throw env.Error($"unknown envelope __id__ '{env.Id()}' (known: ACE1_OneEnvelope, ACE1_PolyEnvelope)"),
        };
        double ru = node.Get("ru").Number();
        return Wrap(node, () => new RadialBasis(transform, polys, envelope, ru));
    }

    private static IRadialTransform ReadTransform(Node t)
    {
        switch (t.Id())
        {
            case "ACE1_Agnesi2Transform":
                return Wrap(t, () => new Agnesi2Transform(t.Get("r0").Number(), t.Get("p").Int(), t.Get("q").Int(), t.Get("a").Number(), t.Get("rin").Number()));
            case "ACE1_AffineT":
            {
                var inner = ReadTransform(t.Get("t"));
                var xy = t.Get("xy").Numbers();
                if (xy.Length != 4) throw t.Get("xy").Error($"expected 4 numbers [x1, x2, y1, y2], found {xy.Length}");
                return Wrap(t, () => new AffineTransform(inner, xy[0], xy[1], xy[2], xy[3]));
            }
            case "ACE1_MultiTransform":
            {
                var zl = t.Get("zlist");
                zl.Expect("JuLIP_SZList");
                var list = zl.Get("list").Numbers();
                if (list.Length != 1) throw zl.Error($"has {list.Length} species: only single-species models are supported");
                var ts = t.Get("transforms").Items().ToList();
                if (ts.Count != 1) throw t.Get("transforms").Error($"has {ts.Count} transforms, expected 1 for one species");
                return ReadTransform(ts[0]);
            }
            default:
                throw t.Error($"unknown transform __id__ '{t.Id()}' (known: ACE1_Agnesi2Transform, ACE1_AffineT, ACE1_MultiTransform)");
        }
    }

    private static AceManyBody ReadManyBody(Node c, Action<int, Node> species)
    {
        var pib = c.Get("pibasis");
        pib.Expect("ACE1_PIBasis");
        var b1 = pib.Get("basis1p");
        b1.Expect("ACE1_BasicPSH1pBasis");
        ReadZList(b1.Get("zlist"), species);
        var sh = b1.Get("SH");
        sh.Expect("ACE1_SHBasis");
        var angular = Wrap(sh, () => new SphericalHarmonics(sh.Get("maxL").Int()));
        var radial = ReadTransformedPolys(b1.Get("J"));
        // one-particle spec: nlmz with z = 0 placeholders
        var spec = b1.Get("spec").Items().ToList();
        var n = new List<int>(); var l = new List<int>(); var m = new List<int>();
        var lookup = new Dictionary<(int, int, int), int>();
        foreach (var f in spec)
        {
            f.Expect("ACE1_PSH1pBasisFcn");
            var nlmz = f.Get("nlmz").Ints();
            if (nlmz.Length != 4) throw f.Get("nlmz").Error($"expected [n, l, m, z], found {nlmz.Length} numbers");
            if (!lookup.TryAdd((nlmz[0], nlmz[1], nlmz[2]), n.Count)) throw f.Error($"(n, l, m) = ({nlmz[0]}, {nlmz[1]}, {nlmz[2]}) appears twice");
            n.Add(nlmz[0]); l.Add(nlmz[1]); m.Add(nlmz[2]);
        }
        var oneParticle = Wrap(b1.Get("spec"), () => new OneParticleBasis(n, l, m));
        // PI functions (hash order in the file)
        var inner = pib.Get("inner").Items().ToList();
        if (inner.Count != 1) throw pib.Get("inner").Error($"has {inner.Count} centre species: only single-species models are supported");
        var fns = inner[0].Items().ToList();
        var tuples = new List<int[]>(fns.Count);
        foreach (var f in fns)
        {
            f.Expect("ACE1_PIBasisFcn");
            var z0 = f.Get("z0");
            species(z0.Get("z").Int(), z0);
            var ones = f.Get("oneps").Items().ToList();
            if (ones.Count == 0) throw f.Get("oneps").Error("is empty");
            var t = new int[ones.Count];
            for (int a = 0; a < ones.Count; a++)
            {
                var nlmz = ones[a].Get("nlmz").Ints();
                if (nlmz.Length != 4) throw ones[a].Get("nlmz").Error($"expected [n, l, m, z], found {nlmz.Length} numbers");
                species(nlmz[3], ones[a].Get("nlmz"));
                if (!lookup.TryGetValue((nlmz[0], nlmz[1], nlmz[2]), out t[a]))
                    throw ones[a].Error($"(n, l, m) = ({nlmz[0]}, {nlmz[1]}, {nlmz[2]}) is not in basis1p.spec");
            }
            tuples.Add(t);
        }
        var products = Wrap(inner[0], () => new ProductBasis(tuples, oneParticle.Count, out _));
        // coefficients (already in canonical order)
        var coeffNodes = c.Get("coeffs").Items().ToList();
        if (coeffNodes.Count != 1) throw c.Get("coeffs").Error($"has {coeffNodes.Count} species blocks, expected 1");
        var cn = coeffNodes[0];
        double[] coeffs;
        if (cn.Kind == JsonValueKind.Array) coeffs = cn.Numbers();
        else
        {
            cn.Expect("ACE_ArrayOfNumber");
            coeffs = cn.Get("real").Numbers();
        }
        if (coeffs.Length != products.Count) throw cn.Error($"has {coeffs.Length} coefficients for {products.Count} product functions");
        // committee: [species][basis][member]
        double[]? committee = null; int members = 0;
        var com = c.Get("committee");
        if (com.IsString(out var cs))
        {
            if (cs != "nothing") throw com.Error($"expected a committee or \"nothing\", found the string '{cs}'");
        }
        else
        {
            var blocks = com.Items().ToList();
            if (blocks.Count != 1) throw com.Error($"has {blocks.Count} species blocks, expected 1");
            var rows = blocks[0].Items().ToList();
            if (rows.Count != products.Count) throw blocks[0].Error($"has {rows.Count} rows for {products.Count} product functions");
            for (int k = 0; k < rows.Count; k++)
            {
                var row = rows[k].Numbers();
                if (k == 0)
                {
                    members = row.Length;
                    if (members == 0) throw rows[0].Error("is empty");
                    committee = new double[members * products.Count];
                }
                else if (row.Length != members) throw rows[k].Error($"has {row.Length} members, row 0 has {members}");
                for (int j = 0; j < members; j++) committee![j * products.Count + k] = row[j];
            }
        }
        return Wrap(c, () => new AceManyBody(radial, angular, oneParticle, products, coeffs, committee, members));
    }

    private static T Wrap<T>(Node where, Func<T> make)
    {
        try { return make(); }
        catch (ArgumentException e) { throw where.Error(e.Message); }
    }

    private sealed record Ctx(string Source);

    /// <summary>A JSON element with its path, for error messages.</summary>
    private readonly struct Node(JsonElement e, string path, Ctx ctx)
    {
        public JsonElement E { get; } = e;
        public string Path { get; } = path;

        public JsonValueKind Kind => E.ValueKind;

        public PotentialException Error(string what) => new($"ace: {ctx.Source}: {Path}: {what}");

        public Node Get(string name)
        {
            if (E.ValueKind != JsonValueKind.Object) throw Error($"expected an object with field '{name}', found {E.ValueKind}");
            if (!E.TryGetProperty(name, out var v)) throw Error($"missing field '{name}'");
            return new Node(v, Path + "." + name, ctx);
        }

        public string Id()
        {
            if (E.ValueKind != JsonValueKind.Object) throw Error($"expected an object with __id__, found {E.ValueKind}");
            if (!E.TryGetProperty("__id__", out var v) || v.ValueKind != JsonValueKind.String) throw Error("missing string field '__id__'");
            return v.GetString()!;
        }

        public void Expect(string id)
        {
            string found = Id();
            if (found != id) throw Error($"expected __id__ '{id}', found '{found}'");
        }

        public IEnumerable<Node> Items()
        {
            if (E.ValueKind != JsonValueKind.Array) throw Error($"expected an array, found {E.ValueKind}");
            int i = 0;
            var list = new List<Node>();
            foreach (var x in E.EnumerateArray()) list.Add(new Node(x, $"{Path}[{i++}]", ctx));
            return list;
        }

        public IEnumerable<(string Name, Node Value)> Properties()
        {
            if (E.ValueKind != JsonValueKind.Object) throw Error($"expected an object, found {E.ValueKind}");
            var list = new List<(string, Node)>();
            foreach (var p in E.EnumerateObject()) list.Add((p.Name, new Node(p.Value, Path + "." + p.Name, ctx)));
            return list;
        }

        public bool IsString(out string s)
        {
            s = E.ValueKind == JsonValueKind.String ? E.GetString()! : "";
            return E.ValueKind == JsonValueKind.String;
        }

        public double Number()
        {
            if (E.ValueKind != JsonValueKind.Number || !E.TryGetDouble(out double v) || !double.IsFinite(v))
                throw Error($"expected a finite number, found {Describe()}");
            return v;
        }

        public int Int()
        {
            double v = Number();
            if (v != Math.Floor(v) || Math.Abs(v) > int.MaxValue) throw Error($"expected an integer, found {v}");
            return (int)v;
        }

        public double[] Numbers()
        {
            if (E.ValueKind != JsonValueKind.Array) throw Error($"expected an array of numbers, found {Describe()}");
            var r = new double[E.GetArrayLength()];
            int i = 0;
            foreach (var x in E.EnumerateArray())
            {
                if (x.ValueKind != JsonValueKind.Number || !x.TryGetDouble(out r[i]) || !double.IsFinite(r[i]))
                    throw Error($"entry {i} is not a finite number ({x.ValueKind})");
                i++;
            }
            return r;
        }

        public int[] Ints()
        {
            var d = Numbers();
            var r = new int[d.Length];
            for (int i = 0; i < d.Length; i++)
            {
                if (d[i] != Math.Floor(d[i]) || Math.Abs(d[i]) > int.MaxValue) throw Error($"entry {i} = {d[i]} is not an integer");
                r[i] = (int)d[i];
            }
            return r;
        }

        private string Describe() => E.ValueKind switch
        {
            JsonValueKind.String => $"the string '{E.GetString()}'",
            JsonValueKind.Number => E.GetRawText(),
            _ => E.ValueKind.ToString(),
        };
    }
}
