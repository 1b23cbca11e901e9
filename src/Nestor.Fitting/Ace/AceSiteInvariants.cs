using Nestor.Potentials.Ace;

namespace Nestor.Fitting.Ace;

/// <summary>
/// Straightforward evaluation of the invariant basis at one site: A_v = sum_j R_n(r_j) Y_l^m(R_j / r_j),
/// AA_k = prod A, B = A2B Re(AA). Reference path for tests and for energy rows; not the hot loop of the evaluator.
/// Not thread-safe (holds scratch); make one per thread.
/// </summary>
public sealed class AceSiteInvariants
{
    private readonly AceInvariantBasis _basis;
    private readonly RadialBasis _radial;
    private readonly SphericalHarmonics _sh;
    private readonly double[] _p, _dp, _yRe, _yIm, _scratch, _aRe, _aIm, _aa;

    /// <summary>Creates the evaluator for <paramref name="basis"/> with the radial basis its n index into.</summary>
    public AceSiteInvariants(AceInvariantBasis basis, RadialBasis radial)
    {
        if (basis.OneParticle.MaxN > radial.Count)
            throw new ArgumentException($"one-particle basis uses n up to {basis.OneParticle.MaxN}, the radial basis has {radial.Count}");
        _basis = basis; _radial = radial;
        _sh = new SphericalHarmonics(Math.Max(basis.OneParticle.MaxL, 0));
        _p = new double[radial.Count]; _dp = new double[radial.Count];
        _yRe = new double[_sh.Count]; _yIm = new double[_sh.Count]; _scratch = new double[2 * _sh.ScratchLength];
        _aRe = new double[basis.OneParticle.Count]; _aIm = new double[basis.OneParticle.Count];
        _aa = new double[basis.Products.Count];
    }

    /// <summary>Number of invariants.</summary>
    public int Count => _basis.Count;

    /// <summary>Fills <paramref name="invariants"/> (length <see cref="Count"/>) for neighbours at R_j = (dx, dy, dz)[j]
    /// relative to the centre; when <paramref name="products"/> is non-empty it receives Re(AA) as well.</summary>
    public void Evaluate(ReadOnlySpan<double> dx, ReadOnlySpan<double> dy, ReadOnlySpan<double> dz, Span<double> invariants, Span<double> products = default)
    {
        var op = _basis.OneParticle;
        Array.Clear(_aRe); Array.Clear(_aIm);
        for (int j = 0; j < dx.Length; j++)
        {
            double r = Math.Sqrt(dx[j] * dx[j] + dy[j] * dy[j] + dz[j] * dz[j]);
            if (r >= _radial.Cutoff) continue;
            _radial.Evaluate(r, _p, _dp);
            _sh.Evaluate(dx[j], dy[j], dz[j], _yRe, _yIm, [], [], _scratch);
            for (int v = 0; v < op.Count; v++)
            {
                double rn = _p[op.N[v] - 1];
                int y = SphericalHarmonics.Index(op.L[v], op.M[v]);
                _aRe[v] += rn * _yRe[y]; _aIm[v] += rn * _yIm[y];
            }
        }
        var pb = _basis.Products;
        for (int k = 0; k < pb.Count; k++)
        {
            double pr = 1, pi = 0;
            foreach (int v in pb.Factors(k)) (pr, pi) = (pr * _aRe[v] - pi * _aIm[v], pr * _aIm[v] + pi * _aRe[v]);
            _aa[k] = pr;
        }
        if (products.Length > 0) _aa.CopyTo(products);
        _basis.Apply(_aa, invariants);
    }
}
