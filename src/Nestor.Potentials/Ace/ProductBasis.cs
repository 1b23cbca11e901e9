namespace Nestor.Potentials.Ace;

/// <summary>
/// The product (permutation-invariant, "PI") basis of ACE: function k is AA_k = prod_(alpha) A_(i(k, alpha)) over a
/// sorted tuple of one-particle indices of length nu (the correlation order). Functions are kept in ACE1's canonical
/// order: by nu, then lexicographically by the sorted index tuple; coefficient k belongs to function k.
/// </summary>
public sealed class ProductBasis
{
    private readonly int[] _start;   // function k uses _index[_start[k] .. _start[k+1]-1]
    private readonly int[] _index;

    /// <summary>Creates the basis from index tuples (any order inside a tuple); they are sorted into canonical order.</summary>
    /// <param name="tuples">One-particle indices (0-based) of each function.</param>
    /// <param name="oneParticleCount">Number of one-particle functions.</param>
    /// <param name="permutation">Receives, for each canonical position, the position of the function in <paramref name="tuples"/>.</param>
    public ProductBasis(IReadOnlyList<int[]> tuples, int oneParticleCount, out int[] permutation)
    {
        var sorted = new int[tuples.Count][];
        for (int k = 0; k < tuples.Count; k++)
        {
            var t = tuples[k];
            if (t.Length < 1) throw new ArgumentException($"product function {k} has no factors");
            foreach (int i in t)
                if (i < 0 || i >= oneParticleCount)
                    throw new ArgumentException($"product function {k}: one-particle index {i} out of range 0..{oneParticleCount - 1}");
            sorted[k] = [.. t.Order()];
        }
        var order = Enumerable.Range(0, tuples.Count).ToArray();
        Array.Sort(order, (x, y) => Compare(sorted[x], sorted[y]));
        for (int k = 1; k < order.Length; k++)
            if (Compare(sorted[order[k - 1]], sorted[order[k]]) == 0)
                throw new ArgumentException($"product functions {order[k - 1]} and {order[k]} are the same product");
        permutation = order;
        _start = new int[tuples.Count + 1];
        var flat = new List<int>();
        for (int k = 0; k < order.Length; k++)
        {
            flat.AddRange(sorted[order[k]]);
            _start[k + 1] = flat.Count;
        }
        _index = [.. flat];
        OneParticleCount = oneParticleCount;
        MaxOrder = 0;
        for (int k = 0; k < Count; k++) MaxOrder = Math.Max(MaxOrder, _start[k + 1] - _start[k]);
    }

    private static int Compare(int[] a, int[] b)
    {
        if (a.Length != b.Length) return a.Length.CompareTo(b.Length);
        for (int i = 0; i < a.Length; i++)
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        return 0;
    }

    /// <summary>Number of product functions.</summary>
    public int Count => _start.Length - 1;

    /// <summary>Number of one-particle functions the products draw on.</summary>
    public int OneParticleCount { get; }

    /// <summary>Largest correlation order.</summary>
    public int MaxOrder { get; }

    /// <summary>Correlation order of function k.</summary>
    public int Order(int k) => _start[k + 1] - _start[k];

    /// <summary>Sorted one-particle indices of function k.</summary>
    public ReadOnlySpan<int> Factors(int k) => _index.AsSpan(_start[k], _start[k + 1] - _start[k]);

    /// <summary>Number of functions of each order 1..MaxOrder (index 0 unused).</summary>
    public int[] CountByOrder()
    {
        var c = new int[MaxOrder + 1];
        for (int k = 0; k < Count; k++) c[Order(k)]++;
        return c;
    }

    internal int[] Starts => _start;
    internal int[] Indices => _index;
}
