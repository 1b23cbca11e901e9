namespace Nestor.Fitting.Ace;

/// <summary>
/// Clebsch-Gordan coefficients C^(J M)_(l1 m1 l2 m2) = &lt;l1 m1 l2 m2 | J M&gt; (Condon-Shortley convention, Racah's
/// formula) for the small integer angular momenta of ACE, and the coupling trees that make rotation invariants.
/// </summary>
public static class ClebschGordan
{
    private static readonly double[] Fact = BuildFactorials(80);

    private static double[] BuildFactorials(int n)
    {
        var f = new double[n + 1];
        f[0] = 1;
        for (int i = 1; i <= n; i++) f[i] = f[i - 1] * i;
        return f;
    }

    /// <summary>&lt;l1 m1 l2 m2 | J M&gt;; zero when the selection rules fail.</summary>
    public static double Coefficient(int l1, int m1, int l2, int m2, int j, int m)
    {
        if (m1 + m2 != m) return 0;
        if (Math.Abs(m1) > l1 || Math.Abs(m2) > l2 || Math.Abs(m) > j) return 0;
        if (j < Math.Abs(l1 - l2) || j > l1 + l2) return 0;
        if (l1 + l2 + j + 1 >= Fact.Length) throw new ArgumentOutOfRangeException(nameof(j), "angular momenta too large");
        double pre = Math.Sqrt((2 * j + 1) * Fact[l1 + l2 - j] * Fact[l1 - l2 + j] * Fact[-l1 + l2 + j] / Fact[l1 + l2 + j + 1]);
        pre *= Math.Sqrt(Fact[j + m] * Fact[j - m] * Fact[l1 - m1] * Fact[l1 + m1] * Fact[l2 - m2] * Fact[l2 + m2]);
        int kmin = Math.Max(0, Math.Max(l2 - j - m1, l1 - j + m2));
        int kmax = Math.Min(l1 + l2 - j, Math.Min(l1 - m1, l2 + m2));
        double sum = 0;
        for (int k = kmin; k <= kmax; k++)
        {
            double d = Fact[k] * Fact[l1 + l2 - j - k] * Fact[l1 - m1 - k] * Fact[l2 + m2 - k] * Fact[j - l2 + m1 + k] * Fact[j - l1 - m2 + k];
            sum += ((k & 1) == 0 ? 1.0 : -1.0) / d;
        }
        return pre * sum;
    }

    /// <summary>Whether the angular momenta <paramref name="ls"/> can couple to total angular momentum 0.</summary>
    public static bool CanCoupleToZero(ReadOnlySpan<int> ls) => Paths(ls).Count > 0;

    /// <summary>
    /// The coupling trees of <paramref name="ls"/> to total 0: l1 and l2 couple to L2, L2 and l3 to L3, ...,
    /// L_(nu-1) = l_nu, which couples with l_nu to 0. Each path lists L2..L_(nu-1) (empty for nu &lt;= 2).
    /// The invariants of the paths form an orthonormal basis of the rotation invariants of the tensor product.
    /// </summary>
    public static List<int[]> Paths(ReadOnlySpan<int> ls)
    {
        var res = new List<int[]>();
        int nu = ls.Length;
        if (nu == 0) return res;
        if (nu == 1) { if (ls[0] == 0) res.Add([]); return res; }
        var arr = ls.ToArray();
        var path = new int[nu - 2];
        Walk(1, arr[0]);
        return res;

        void Walk(int next, int current)
        {
            if (next == nu - 1)
            {
                if (current == arr[nu - 1]) res.Add((int[])path.Clone());
                return;
            }
            for (int l = Math.Abs(current - arr[next]); l <= current + arr[next]; l++)
            {
                path[next - 1] = l;
                Walk(next + 1, l);
            }
        }
    }

    /// <summary>
    /// The coefficient of prod_a Y_(l_a)^(m_a) in the invariant of coupling path <paramref name="path"/> (from
    /// <see cref="Paths"/>); zero unless sum m = 0.
    /// </summary>
    public static double Invariant(ReadOnlySpan<int> ls, ReadOnlySpan<int> ms, ReadOnlySpan<int> path)
    {
        int nu = ls.Length;
        int msum = 0;
        for (int a = 0; a < nu; a++) msum += ms[a];
        if (msum != 0) return 0;
        if (nu == 1) return ls[0] == 0 ? 1 : 0;
        double c = 1;
        int curL = ls[0], curM = ms[0];
        for (int a = 1; a < nu - 1; a++)
        {
            int nl = path[a - 1], nm = curM + ms[a];
            c *= Coefficient(curL, curM, ls[a], ms[a], nl, nm);
            if (c == 0) return 0;
            curL = nl; curM = nm;
        }
        return c * Coefficient(curL, curM, ls[nu - 1], ms[nu - 1], 0, 0);
    }
}
