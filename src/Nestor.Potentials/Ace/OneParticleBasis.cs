namespace Nestor.Potentials.Ace;

/// <summary>
/// The one-particle basis phi_v(R) = P_(n_v)(r) Y_(l_v)^(m_v)(R/r) of an ACE model (single neighbour species): the list
/// of (n, l, m) with n 1-based into the radial basis. The atomic base is A_v = sum over neighbours of phi_v.
/// </summary>
public sealed class OneParticleBasis
{
    private readonly int[] _n, _l, _m;

    /// <summary>Creates the basis from parallel lists of n (1-based), l and m.</summary>
    public OneParticleBasis(IReadOnlyList<int> n, IReadOnlyList<int> l, IReadOnlyList<int> m)
    {
        if (n.Count != l.Count || n.Count != m.Count) throw new ArgumentException("n, l and m lists differ in length");
        _n = [.. n]; _l = [.. l]; _m = [.. m];
        var seen = new HashSet<(int, int, int)>();
        for (int v = 0; v < _n.Length; v++)
        {
            if (_n[v] < 1 || _l[v] < 0 || Math.Abs(_m[v]) > _l[v])
                throw new ArgumentException($"one-particle function {v}: invalid (n, l, m) = ({_n[v]}, {_l[v]}, {_m[v]})");
            if (!seen.Add((_n[v], _l[v], _m[v])))
                throw new ArgumentException($"one-particle function {v}: (n, l, m) = ({_n[v]}, {_l[v]}, {_m[v]}) appears twice");
        }
    }

    /// <summary>Number of one-particle functions.</summary>
    public int Count => _n.Length;

    /// <summary>Radial index n (1-based) per function.</summary>
    public ReadOnlySpan<int> N => _n;
    /// <summary>Degree l per function.</summary>
    public ReadOnlySpan<int> L => _l;
    /// <summary>Order m per function.</summary>
    public ReadOnlySpan<int> M => _m;

    /// <summary>Largest n.</summary>
    public int MaxN => _n.Length == 0 ? 0 : _n.Max();

    /// <summary>Largest l.</summary>
    public int MaxL => _l.Length == 0 ? 0 : _l.Max();

    /// <summary>The index of (n, l, m), or -1.</summary>
    public int IndexOf(int n, int l, int m)
    {
        for (int v = 0; v < _n.Length; v++)
            if (_n[v] == n && _l[v] == l && _m[v] == m) return v;
        return -1;
    }
}
