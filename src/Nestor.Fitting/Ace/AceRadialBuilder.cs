using Nestor.Potentials.Ace;

namespace Nestor.Fitting.Ace;

/// <summary>
/// Builds ACE1x's radial bases (ace1-model-spec section 12.1): polynomials times a cutoff factor, orthonormalised by
/// the Stieltjes procedure with respect to the discrete uniform measure on the midpoints of the polynomial interval.
/// </summary>
public static class AceRadialBuilder
{
    /// <summary>The many-body radial basis: y = affine-mapped Agnesi(p, q, r0) sending [0, rcut] to [-1, 1], cutoff
    /// factor (1 + y)^pin (1 - y)^pcut inside the orthogonality, no envelope.</summary>
    public static RadialBasis ManyBody(AceBasisSpec spec)
    {
        spec.Validate();
        var agnesi = new Agnesi2Transform(spec.R0, spec.Transform.P, spec.Transform.Q, Agnesi2Transform.DefaultA(spec.Transform.P, spec.Transform.Q), 0.0);
        double x1 = agnesi.Evaluate(0.0, out _), x2 = agnesi.Evaluate(spec.Cutoff, out _);
        var transform = new AffineTransform(agnesi, x1, x2, -1.0, 1.0);
        var polys = Orthonormal(spec.RadialLength, spec.Envelope.Pin, -1.0, spec.Envelope.Pcut, 1.0, spec.MeasurePoints);
        return new RadialBasis(transform, polys, OneEnvelope.Instance, spec.Cutoff);
    }

    /// <summary>The pair radial basis: x = Agnesi(p, q, r0) without affine map, polynomials on [x(rcut), x(0)] with
    /// no cutoff factor, orthonormalised, then multiplied by the polynomial envelope (outside the orthogonality).</summary>
    public static RadialBasis Pair(AceBasisSpec spec)
    {
        spec.Validate();
        var agnesi = new Agnesi2Transform(spec.R0, spec.PairTransform.P, spec.PairTransform.Q,
            Agnesi2Transform.DefaultA(spec.PairTransform.P, spec.PairTransform.Q), 0.0);
        double tl = agnesi.Evaluate(spec.Cutoff, out _), tr = agnesi.Evaluate(0.0, out _);
        var polys = Orthonormal(spec.PairBasisSize, 0, tl, 0, tr, spec.MeasurePoints);
        return new RadialBasis(agnesi, polys, new PolyEnvelope(spec.PairEnvelope, spec.R0, spec.Cutoff), spec.Cutoff);
    }

    /// <summary>The midpoints of [tl, tr] that define the discrete measure (weights 1 / count each).</summary>
    public static double[] MeasurePoints(double tl, double tr, int count)
    {
        var t = new double[count];
        double h = (tr - tl) / count;
        for (int i = 0; i < count; i++) t[i] = tl + (i + 0.5) * h;
        return t;
    }

    /// <summary>
    /// K polynomials times (t - tl)^pl (t - tr)^pr, orthonormal on the discrete measure of <see cref="MeasurePoints"/>,
    /// as three-term recurrence coefficients (Stieltjes).
    /// </summary>
    public static OrthogonalPolynomials Orthonormal(int k, int pl, double tl, int pr, double tr, int points)
    {
        if (k < 1) throw new ArgumentException($"need at least one polynomial, got {k}");
        var t = MeasurePoints(tl, tr, points);
        double w = 1.0 / points;
        var a = new double[k]; var b = new double[k]; var c = new double[k];
        var shape = new OrthogonalPolynomials([1.0], [0.0], [0.0], pl, tl, pr, tr);
        var jm2 = new double[points]; var jm1 = new double[points]; var jn = new double[points];
        double norm = 0;
        for (int i = 0; i < points; i++) { jm1[i] = shape.CutoffFactor(t[i], out _); norm += w * jm1[i] * jm1[i]; }
        norm = Math.Sqrt(norm);
        a[0] = 1 / norm;
        for (int i = 0; i < points; i++) jm1[i] /= norm;
        for (int n = 1; n < k; n++)
        {
            double bb = 0, cc = 0;
            for (int i = 0; i < points; i++) { bb += w * t[i] * jm1[i] * jm1[i]; if (n >= 2) cc += w * t[i] * jm1[i] * jm2[i]; }
            double nn = 0;
            for (int i = 0; i < points; i++) { jn[i] = (t[i] - bb) * jm1[i] - cc * jm2[i]; nn += w * jn[i] * jn[i]; }
            double an = Math.Sqrt(nn);
            for (int i = 0; i < points; i++) jn[i] /= an;
            a[n] = 1 / an; b[n] = -bb / an; c[n] = n >= 2 ? -cc / an : 0.0;
            (jm2, jm1, jn) = (jm1, jn, jm2);
        }
        return new OrthogonalPolynomials(a, b, c, pl, tl, pr, tr);
    }
}
