using Nestor.Potentials.Ace;

namespace Nestor.Fitting.Ace;

/// <summary>
/// The user parameters of a single-species ACE fitting basis, with ACE1x's <c>acemodel</c> defaults
/// (../shared/docs/ace1-model-spec.md section 12), and the enumeration of its one-particle and product
/// (permutation-invariant) bases:
/// <list type="bullet">
/// <item>one-particle degree deg(n, l) = n + wL l (n &gt;= 1);</item>
/// <item>product functions of order 2..<see cref="Order"/>: sorted multisets of (n, l, m) with sum of degrees
/// &lt;= <see cref="TotalDegree"/>, sum l even, sum m = 0 and an l-tuple that couples to total angular momentum 0;</item>
/// <item>order-1 functions (n, 0, 0), n = 1..<see cref="PureTwoBodyMaxN"/>, which carry the pure-2b self-interaction
/// removal (ACE1x pure2b = delete2b = true);</item>
/// <item>the one-particle basis is every (n, l, m) used by a product function, ordered by (n, l, m).</item>
/// </list>
/// </summary>
public sealed record AceBasisSpec
{
    /// <summary>Maximal correlation order nu (body order nu + 1). ACE1x has no default; the Mg models use 4.</summary>
    public int Order { get; init; } = 4;

    /// <summary>Maximal total degree of a product function. The Mg models use 14.</summary>
    public double TotalDegree { get; init; } = 14;

    /// <summary>Cutoff of the many-body and pair parts (Angstrom).</summary>
    public double Cutoff { get; init; } = 8.2;

    /// <summary>Length scale r0 of the distance transforms (Angstrom); ACE1x takes the element's bond length (Mg: 3.2).</summary>
    public double R0 { get; init; } = 3.2;

    /// <summary>Weight of l in the one-particle degree, n + wL l (ACE1x default 1.5).</summary>
    public double WL { get; init; } = 1.5;

    /// <summary>Agnesi transform powers (p, q) of the many-body radial basis (ACE1x default (2, 4)).</summary>
    public (int P, int Q) Transform { get; init; } = (2, 4);

    /// <summary>Cutoff-factor powers (pin, pcut) of the many-body radial basis in the transformed variable
    /// (ACE1x default envelope (:x, 2, 2): f(y) = (1 + y)^pin (1 - y)^pcut).</summary>
    public (int Pin, int Pcut) Envelope { get; init; } = (2, 2);

    /// <summary>Agnesi transform powers (p, q) of the pair basis (ACE1x default (1, 3)).</summary>
    public (int P, int Q) PairTransform { get; init; } = (1, 3);

    /// <summary>Power p of the pair envelope (r/r0)^-p - ... (ACE1x default (:r, 2)).</summary>
    public int PairEnvelope { get; init; } = 2;

    /// <summary>Number of pair basis functions; null means <see cref="TotalDegree"/> (ACE1x default).</summary>
    public int? PairDegree { get; init; }

    /// <summary>Number of points of the discrete uniform measure on [-1, 1] used to orthonormalise radial bases.</summary>
    public int MeasurePoints { get; init; } = 1000;

    /// <summary>The pair basis size actually used.</summary>
    public int PairBasisSize => PairDegree ?? (int)Math.Floor(TotalDegree + 1e-12);

    /// <summary>Length of the many-body radial basis: floor(totaldegree) + (pin + pcut)(order - 1) (ACE1x, needed by pure2b).</summary>
    public int RadialLength => (int)Math.Floor(TotalDegree + 1e-12) + (Envelope.Pin + Envelope.Pcut) * (Order - 1);

    /// <summary>Checks the parameters; throws <see cref="FittingException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (Order < 2) throw new FittingException($"ACE basis: order must be at least 2, got {Order}");
        if (!(TotalDegree >= 2)) throw new FittingException($"ACE basis: totaldegree must be at least 2, got {TotalDegree}");
        if (!(Cutoff > 0)) throw new FittingException($"ACE basis: cutoff must be positive, got {Cutoff}");
        if (!(R0 > 0 && R0 < Cutoff)) throw new FittingException($"ACE basis: r0 must lie in (0, cutoff), got {R0}");
        if (!(WL > 0)) throw new FittingException($"ACE basis: wL must be positive, got {WL}");
        if (Transform.P < 1 || Transform.Q <= Transform.P) throw new FittingException($"ACE basis: transform needs 1 <= p < q, got ({Transform.P}, {Transform.Q})");
        if (PairTransform.P < 1 || PairTransform.Q <= PairTransform.P) throw new FittingException($"ACE basis: pair transform needs 1 <= p < q, got ({PairTransform.P}, {PairTransform.Q})");
        if (Envelope.Pin < 0 || Envelope.Pcut < 1) throw new FittingException($"ACE basis: envelope powers need pin >= 0 and pcut >= 1, got ({Envelope.Pin}, {Envelope.Pcut})");
        if (PairEnvelope < 1) throw new FittingException($"ACE basis: pair envelope power must be at least 1, got {PairEnvelope}");
        if (PairBasisSize < 1) throw new FittingException($"ACE basis: pair degree must be at least 1, got {PairBasisSize}");
        if (MeasurePoints < 10 * RadialLength) throw new FittingException($"ACE basis: {MeasurePoints} measure points are too few for {RadialLength} radial functions");
    }

    /// <summary>One-particle degree n + wL l.</summary>
    public double Degree(int n, int l) => n + WL * l;

    private bool Admissible(double degree) => degree <= TotalDegree + 1e-10;

    /// <summary>
    /// Enumerates the product basis: one sorted (n, l, m) tuple per product function, orders 1..<see cref="Order"/>.
    /// The order-1 functions are (n, 0, 0) up to the largest radial index the pure-2b removal needs: the radial
    /// product of an order-nu function is (cutoff factor)^nu times a polynomial of degree sum (n - 1), i.e. one cutoff
    /// factor times a polynomial of degree sum (n - 1) + (pin + pcut)(nu - 1).
    /// </summary>
    public List<(int N, int L, int M)[]> EnumerateProducts()
    {
        Validate();
        // candidate one-particle functions, lexicographic in (n, l, m)
        var cand = new List<(int N, int L, int M)>();
        for (int n = 1; Admissible(Degree(n, 0)); n++)
            for (int l = 0; Admissible(Degree(n, l)); l++)
                for (int m = -l; m <= l; m++) cand.Add((n, l, m));
        var result = new List<(int N, int L, int M)[]>();
        var stack = new int[Order];
        int maxN = 0;
        for (int nu = 2; nu <= Order; nu++)
        {
            var found = new List<(int, int, int)[]>();
            Recurse(0, 0, 0.0);
            void Recurse(int depth, int from, double deg)
            {
                if (depth == nu)
                {
                    var t = new (int N, int L, int M)[nu];
                    int sl = 0, sm = 0;
                    for (int a = 0; a < nu; a++) { t[a] = cand[stack[a]]; sl += t[a].L; sm += t[a].M; }
                    if (sm != 0 || (sl & 1) != 0) return;
                    var ls = new int[nu];
                    for (int a = 0; a < nu; a++) ls[a] = t[a].L;
                    if (!ClebschGordan.CanCoupleToZero(ls)) return;
                    found.Add(t);
                    int rad = 0;
                    foreach (var f in t) rad += f.N - 1;
                    maxN = Math.Max(maxN, rad + (Envelope.Pin + Envelope.Pcut) * (nu - 1) + 1);
                    return;
                }
                int left = nu - depth - 1; // each further factor has degree >= 1
                for (int c = from; c < cand.Count; c++)
                {
                    double d = deg + Degree(cand[c].N, cand[c].L);
                    if (!Admissible(d + left)) continue;
                    stack[depth] = c;
                    Recurse(depth + 1, c, d);
                }
            }
            result.AddRange(found);
        }
        if (maxN > RadialLength)
            throw new FittingException($"ACE basis: pure-2b needs {maxN} radial functions, the radial basis has {RadialLength}");
        var order1 = new List<(int N, int L, int M)[]>();
        for (int n = 1; n <= maxN; n++) order1.Add([(n, 0, 0)]);
        order1.AddRange(result);
        return order1;
    }

    /// <summary>
    /// Builds the one-particle basis (every (n, l, m) used, lexicographic) and the product basis over it, in ACE1's
    /// canonical order (by order, then by the sorted index tuple).
    /// </summary>
    public (OneParticleBasis OneParticle, ProductBasis Products) BuildBases()
    {
        var products = EnumerateProducts();
        var used = new SortedSet<(int N, int L, int M)>();
        foreach (var t in products) foreach (var f in t) used.Add(f);
        var list = used.ToList();
        var index = new Dictionary<(int, int, int), int>();
        for (int v = 0; v < list.Count; v++) index[list[v]] = v;
        var one = new OneParticleBasis(list.Select(f => f.N).ToArray(), list.Select(f => f.L).ToArray(), list.Select(f => f.M).ToArray());
        var tuples = products.Select(t => t.Select(f => index[f]).ToArray()).ToList();
        var pb = new ProductBasis(tuples, list.Count, out _);
        return (one, pb);
    }
}
