namespace Nestor.Potentials.Ace;

/// <summary>
/// ACE1's <c>AffineT</c>: y(r) = y1 + (x(r) - x1) (y2 - y1)/(x2 - x1) for an inner transform x.
/// </summary>
public sealed class AffineTransform : IRadialTransform
{
    private readonly double _slope;

    /// <summary>Creates the affine map of <paramref name="inner"/> sending x1 to y1 and x2 to y2.</summary>
    public AffineTransform(IRadialTransform inner, double x1, double x2, double y1, double y2)
    {
        if (x1 == x2) throw new ArgumentException("affine transform needs x1 != x2");
        Inner = inner; X1 = x1; X2 = x2; Y1 = y1; Y2 = y2;
        _slope = (y2 - y1) / (x2 - x1);
    }

    public IRadialTransform Inner { get; }
    public double X1 { get; }
    public double X2 { get; }
    public double Y1 { get; }
    public double Y2 { get; }

    public double Evaluate(double r, out double dtdr)
    {
        double x = Inner.Evaluate(r, out double dx);
        dtdr = _slope * dx;
        return Y1 + (x - X1) * _slope;
    }
}
