using Nestor.Atoms;

namespace Nestor.Atoms.Tests;

public class CellTests
{
    [Fact]
    public void VolumeReciprocalAndFractionalRoundTrip()
    {
        var c = Cell.FromParameters(4.0, 5.0, 6.0, 80, 95, 110);
        Assert.Equal(4.0, c.Lengths.X, 12);
        Assert.Equal(110, c.Angles.Z, 10);
        Assert.Equal(95, c.Angles.Y, 10);
        Assert.Equal(80, c.Angles.X, 10);
        var r = c.Reciprocal();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(i == j ? 1.0 : 0.0, c[i].Dot(r[j]), 12);
        var x = new Vec3(1.3, -2.2, 7.1);
        var back = c.ToCartesian(c.ToFractional(x));
        Assert.Equal(0, (back - x).Norm(), 12);
    }

    [Fact]
    public void AspectRatioIsOneForCubeAndHeightsForSkewedCell()
    {
        Assert.Equal(1.0, Cell.Cubic(3.7).MinAspectRatio(), 12);
        // a sheared cell: c tilted along a keeps the heights of a and b... height along c is 5
        var c = new Cell(new Vec3(5, 0, 0), new Vec3(0, 5, 0), new Vec3(4, 0, 5));
        var h = c.Heights();
        Assert.Equal(5, h.Z, 12);
        Assert.Equal(125.0, c.Volume, 12);
        // height of a over the bc face: V / |b x c| = 125 / |(0,5,0) x (4,0,5)| = 125 / sqrt(25^2 + 20^2)
        Assert.Equal(125 / Math.Sqrt(625 + 400), h.X, 12);
        Assert.Equal(h.X / 5.0, c.MinAspectRatio(), 12);
    }

    [Fact]
    public void UnitsMatchTheStatedConstants()
    {
        Assert.Equal(160.21766, Units.EvPerA3InGPa, 4);
        Assert.InRange(Units.TimeUnitFs, 10.1804, 10.1806);
        Assert.Equal(24.305, Elements.Mass(Elements.Number("Mg")), 10);
    }
}
