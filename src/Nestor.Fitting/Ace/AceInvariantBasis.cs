using MathNet.Numerics.LinearAlgebra;
using Nestor.Potentials.Ace;

namespace Nestor.Fitting.Ace;

/// <summary>
/// The rotation- and permutation-invariant many-body basis B = A2B Re(AA) over a product basis (ACE1's
/// <c>RPIBasis</c>, ace1-model-spec 12.3, 12.5, 12.6). For each class (nn, ll) of order nu &gt;= 2 (a sorted tuple of
/// (n, l)), every coupling tree of the l's to total angular momentum 0 (<see cref="ClebschGordan.Paths"/>) gives an
/// invariant over the m-tuples; each m-tuple is mapped to its sorted product function and coefficients that land on
/// the same product function are added (this is the permutation symmetrisation). An SVD of the class's mapped
/// invariants keeps an orthonormal basis of their span (relative singular-value threshold 1e-7): one row per
/// independent invariant. Then the pure-2b self-interaction (the value with a single neighbour, a radial function
/// prod_a R_(n_a)(r) times a constant) is subtracted through order-1 columns A_(n00), so every row vanishes for one
/// neighbour. Order-1 rows are not kept (delete2b).
/// </summary>
public sealed class AceInvariantBasis
{
    private readonly int[] _rowStart, _col;
    private readonly double[] _val;
    private readonly int[] _rowOrder;

    /// <summary>Relative singular-value threshold for the rank of a class (ACE1 uses rtol = 1e-7).</summary>
    public const double RankTolerance = 1e-7;

    /// <summary>Builds the invariant basis of <paramref name="products"/> over <paramref name="oneParticle"/>, with the
    /// pure-2b removal expressed in the radial polynomials of <paramref name="radial"/> (orthonormal on the discrete
    /// measure of <paramref name="measurePoints"/> points).</summary>
    public AceInvariantBasis(OneParticleBasis oneParticle, ProductBasis products, OrthogonalPolynomials radial, int measurePoints)
    {
        OneParticle = oneParticle; Products = products;
        var op = oneParticle;
        var pIndex = new Dictionary<string, int>(products.Count);
        for (int k = 0; k < products.Count; k++) pIndex[Key(products.Factors(k))] = k;
        var order1 = new Dictionary<int, int>(); // n -> product index of the order-1 function (n, 0, 0)
        for (int k = 0; k < products.Count; k++)
            if (products.Order(k) == 1) { int v = products.Factors(k)[0]; if (op.L[v] == 0) order1[op.N[v]] = k; }

        // classes: sorted (n, l) tuples of the order >= 2 functions, in order of first appearance
        var classes = new List<(int N, int L)[]>();
        var seen = new HashSet<string>();
        for (int k = 0; k < products.Count; k++)
        {
            if (products.Order(k) < 2) continue;
            var f = products.Factors(k);
            var nl = new (int N, int L)[f.Length];
            for (int a = 0; a < f.Length; a++) nl[a] = (op.N[f[a]], op.L[f[a]]);
            Array.Sort(nl);
            if (seen.Add(string.Join(";", nl))) classes.Add(nl);
        }

        // radial measure for the pure-2b projection
        var t = AceRadialBuilder.MeasurePoints(radial.Tl, radial.Tr, measurePoints);
        int kr = radial.Count;
        var jv = new double[measurePoints * kr];
        var dj = new double[kr];
        for (int i = 0; i < measurePoints; i++) radial.Evaluate(t[i], jv.AsSpan(i * kr, kr), dj);
        // a generic direction for the (direction-independent) single-neighbour angular constant
        var sh = new SphericalHarmonics(Math.Max(op.MaxL, 0));
        var yRe = new double[sh.Count]; var yIm = new double[sh.Count];
        var scratch = new double[2 * sh.ScratchLength];
        sh.Evaluate(0.3713906763541037, -0.5570860145311556, 0.7427813527082074, yRe, yIm, [], [], scratch);

        var rowStart = new List<int> { 0 }; var cols = new List<int>(); var vals = new List<double>();
        var rowOrder = new List<int>(); var classOf = new List<int>();
        var perOrder = new int[products.MaxOrder + 1];
        MaxPureTwoBodyResidual = 0;
        for (int ci = 0; ci < classes.Count; ci++)
        {
            var nl = classes[ci];
            int nu = nl.Length;
            var ls = nl.Select(x => x.L).ToArray();
            var paths = ClebschGordan.Paths(ls);
            if (paths.Count == 0) continue;
            // all m-tuples with sum 0, mapped to product functions
            var local = new Dictionary<int, int>(); var localCols = new List<int>();
            var entries = new List<(int Col, double[] C)>();
            var ms = new int[nu];
            var idx = new int[nu];
            EnumerateM(0, 0);
            void EnumerateM(int a, int sum)
            {
                if (a == nu)
                {
                    if (sum != 0) return;
                    for (int b = 0; b < nu; b++)
                    {
                        int v = op.IndexOf(nl[b].N, nl[b].L, ms[b]);
                        if (v < 0) return; // the product basis does not hold this function
                        idx[b] = v;
                    }
                    var sorted = (int[])idx.Clone(); Array.Sort(sorted);
                    if (!pIndex.TryGetValue(Key(sorted), out int k)) return;
                    if (!local.TryGetValue(k, out int lc)) { lc = localCols.Count; local[k] = lc; localCols.Add(k); }
                    var c = new double[paths.Count];
                    for (int p = 0; p < paths.Count; p++) c[p] = ClebschGordan.Invariant(ls, ms, paths[p]);
                    entries.Add((lc, c));
                    return;
                }
                for (int m = -nl[a].L; m <= nl[a].L; m++) { ms[a] = m; EnumerateM(a + 1, sum + m); }
            }
            if (localCols.Count == 0) continue;
            var mat = Matrix<double>.Build.Dense(paths.Count, localCols.Count);
            foreach (var (col, c) in entries)
                for (int p = 0; p < paths.Count; p++) mat[p, col] += c[p];
            var svd = mat.Svd(true);
            var s = svd.S;
            if (s.Count == 0 || s[0] == 0) continue;
            int rank = 0;
            while (rank < s.Count && s[rank] > RankTolerance * s[0]) rank++;
            // single-neighbour radial product (the same for the whole class) projected on the radial basis
            var proj = new double[kr];
            double resid = 0, norm = 0;
            for (int i = 0; i < measurePoints; i++)
            {
                double prod = 1;
                foreach (var (n, _) in nl) prod *= jv[i * kr + n - 1];
                for (int n = 0; n < kr; n++) proj[n] += prod * jv[i * kr + n] / measurePoints;
            }
            for (int i = 0; i < measurePoints; i++)
            {
                double prod = 1;
                foreach (var (n, _) in nl) prod *= jv[i * kr + n - 1];
                double fit = 0;
                for (int n = 0; n < kr; n++) fit += proj[n] * jv[i * kr + n];
                resid += (prod - fit) * (prod - fit); norm += prod * prod;
            }
            double relResid = Math.Sqrt(resid / Math.Max(norm, 1e-300));
            MaxPureTwoBodyResidual = Math.Max(MaxPureTwoBodyResidual, relResid);
            if (relResid > 1e-9)
                throw new FittingException($"ACE basis: the radial product of class {string.Join(" ", nl)} is not in the span of the {kr} radial functions (relative residual {relResid:G3}); the radial basis is too short for pure-2b");
            for (int r = 0; r < rank; r++)
            {
                var row = svd.VT.Row(r);
                // make the sign deterministic: largest-magnitude entry positive
                int big = 0;
                for (int j = 1; j < row.Count; j++) if (Math.Abs(row[j]) > Math.Abs(row[big]) + 1e-12) big = j;
                double sign = row[big] < 0 ? -1 : 1;
                double omegaRe = 0;
                for (int j = 0; j < localCols.Count; j++)
                {
                    double a = sign * row[j];
                    if (Math.Abs(a) < 1e-14) continue;
                    int k = localCols[j];
                    cols.Add(k); vals.Add(a);
                    // angular constant: Re sum_k a_k prod_alpha Y(d)
                    double pr = 1, pi = 0;
                    foreach (int v in products.Factors(k))
                    {
                        int y = SphericalHarmonics.Index(op.L[v], op.M[v]);
                        (pr, pi) = (pr * yRe[y] - pi * yIm[y], pr * yIm[y] + pi * yRe[y]);
                    }
                    omegaRe += a * pr;
                }
                // subtract omega prod_a R_(n_a) = sum_n q_n A_(n00) (single neighbour: A_(n00) = R_n Y_00)
                double y00 = yRe[0];
                for (int n = 0; n < kr; n++)
                {
                    double q = omegaRe * proj[n] / y00;
                    if (Math.Abs(q) < 1e-15) continue;
                    if (!order1.TryGetValue(n + 1, out int k1))
                    {
                        if (Math.Abs(q) > 1e-10)
                            throw new FittingException($"ACE basis: pure-2b needs the order-1 function (n = {n + 1}), which the product basis lacks");
                        continue;
                    }
                    cols.Add(k1); vals.Add(-q);
                }
                rowStart.Add(cols.Count);
                rowOrder.Add(nu);
                classOf.Add(ci);
                perOrder[nu]++;
            }
        }
        _rowStart = [.. rowStart]; _col = [.. cols]; _val = [.. vals]; _rowOrder = [.. rowOrder];
        CountByOrder = perOrder;
        ClassCount = classes.Count;
        ClassesWithInvariants = classOf.Distinct().Count();
    }

    private static string Key(ReadOnlySpan<int> t) => string.Join(",", t.ToArray());

    /// <summary>Builds the invariant basis of a specification (its one-particle, product and radial bases).</summary>
    public static AceInvariantBasis Build(AceBasisSpec spec)
    {
        var (op, pb) = spec.BuildBases();
        var radial = AceRadialBuilder.ManyBody(spec);
        return new AceInvariantBasis(op, pb, radial.Polynomials, spec.MeasurePoints);
    }

    public OneParticleBasis OneParticle { get; }
    public ProductBasis Products { get; }

    /// <summary>Number of invariant basis functions (rows of A2B).</summary>
    public int Count => _rowOrder.Length;

    /// <summary>Number of invariants of each correlation order (index = order).</summary>
    public int[] CountByOrder { get; }

    /// <summary>Number of (nn, ll) classes of order &gt;= 2 in the product basis.</summary>
    public int ClassCount { get; }

    /// <summary>Number of classes with at least one invariant.</summary>
    public int ClassesWithInvariants { get; }

    /// <summary>Largest relative residual of a radial product against the radial basis (pure-2b exactness).</summary>
    public double MaxPureTwoBodyResidual { get; }

    /// <summary>Correlation order of invariant <paramref name="row"/>.</summary>
    public int Order(int row) => _rowOrder[row];

    /// <summary>Product-basis columns and coefficients of invariant <paramref name="row"/>.</summary>
    public (ReadOnlyMemory<int> Columns, ReadOnlyMemory<double> Values) Row(int row) =>
        (_col.AsMemory(_rowStart[row], _rowStart[row + 1] - _rowStart[row]), _val.AsMemory(_rowStart[row], _rowStart[row + 1] - _rowStart[row]));

    /// <summary>B = A2B x: the invariant values from product values <paramref name="productValues"/> (Re AA).</summary>
    public void Apply(ReadOnlySpan<double> productValues, Span<double> invariants)
    {
        for (int r = 0; r < Count; r++)
        {
            double s = 0;
            for (int q = _rowStart[r]; q < _rowStart[r + 1]; q++) s += _val[q] * productValues[_col[q]];
            invariants[r] = s;
        }
    }

    /// <summary>c_PI = A2B^T c_B: product-basis coefficients (what the evaluator and ACE1 files hold) of invariant
    /// coefficients <paramref name="invariantCoefficients"/>.</summary>
    public double[] ToProductCoefficients(ReadOnlySpan<double> invariantCoefficients)
    {
        if (invariantCoefficients.Length != Count) throw new ArgumentException($"{invariantCoefficients.Length} coefficients for {Count} invariants");
        var c = new double[Products.Count];
        for (int r = 0; r < Count; r++)
            for (int q = _rowStart[r]; q < _rowStart[r + 1]; q++) c[_col[q]] += _val[q] * invariantCoefficients[r];
        return c;
    }

    /// <summary>A2B as a dense matrix (rows: invariants, columns: product functions).</summary>
    public Matrix<double> ToDense()
    {
        var m = Matrix<double>.Build.Dense(Count, Products.Count);
        for (int r = 0; r < Count; r++)
            for (int q = _rowStart[r]; q < _rowStart[r + 1]; q++) m[r, _col[q]] += _val[q];
        return m;
    }
}
