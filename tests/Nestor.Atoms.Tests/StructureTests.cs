using Nestor.Atoms;
using Nestor.Atoms.Build;

namespace Nestor.Atoms.Tests;

public class StructureTests
{
    [Fact]
    public void WrapKeepsFractionalCoordinatesInUnitIntervalAndImagesEquivalent()
    {
        var s = Lattices.Hcp("Mg", 3.2, 5.2, 2, 2, 1);
        var before = s.Clone();
        for (int i = 0; i < s.Count; i++) s.SetPosition(i, s.GetPosition(i) + s.Cell.A * (i - 2) - s.Cell.C * 3 + new Vec3(0.01, 0, 0));
        s.Wrap();
        var f = s.GetFractional();
        Assert.All(f, x => Assert.True(x >= -1e-12 && x < 1.0, $"fractional {x} outside [0, 1)"));
        for (int i = 0; i < s.Count; i++)
        {
            var d = s.Cell.ToFractional(s.GetPosition(i) - before.GetPosition(i) - new Vec3(0.01, 0, 0));
            Assert.Equal(Math.Round(d.X), d.X, 9);
            Assert.Equal(Math.Round(d.Y), d.Y, 9);
            Assert.Equal(Math.Round(d.Z), d.Z, 9);
        }
    }

    [Fact]
    public void RepeatScalesCellAndKeepsAtomOrderPerImage()
    {
        var s = Lattices.FccCubic("Al", 4.05);
        s.Arrays["tag"] = PerAtomArray.Integer("tag", 1, [1, 2, 3, 4]);
        s.Info["energy"] = -1.5;
        var r = s.Repeat(2, 3, 1);
        Assert.Equal(24, r.Count);
        Assert.Equal(6 * s.Volume, r.Volume, 9);
        Assert.Equal([1L, 2, 3, 4, 1, 2, 3, 4], r.Arrays["tag"].Integers!.Take(8));
        Assert.Equal(26.9815385, r.Masses[23], 9);
        Assert.Equal(-1.5, (double)r.Info["energy"]);
    }

    [Fact]
    public void PermuteMovesEveryPerAtomQuantity()
    {
        var s = new Structure(["Mg", "Al", "Si"], [0, 0, 0, 1, 0, 0, 0, 2, 0], Cell.Cubic(10));
        s.Velocities = [1, 1, 1, 2, 2, 2, 3, 3, 3];
        s.Arrays["q"] = PerAtomArray.Real("q", 1, [0.1, 0.2, 0.3]);
        var p = s.Permute([2, 0, 1]);
        Assert.Equal(["Si", "Mg", "Al"], p.Symbols);
        Assert.Equal([14, 12, 13], p.Numbers);
        Assert.Equal(2.0, p.Positions[1]);
        Assert.Equal(3.0, p.Velocities![0]);
        Assert.Equal([0.3, 0.1, 0.2], p.Arrays["q"].Reals!);
    }

    [Fact]
    public void CloneIsDeepAndSetCellCanScaleAtoms()
    {
        var s = Lattices.BccCubic("Fe", 2.87);
        s.Info["stress"] = new double[9];
        var c = s.Clone();
        c.Positions[3] = 99;
        ((double[])c.Info["stress"])[0] = 5;
        Assert.NotEqual(99, s.Positions[3]);
        Assert.Equal(0, ((double[])s.Info["stress"])[0]);
        s.SetCell(Cell.Cubic(3.0), scaleAtoms: true);
        Assert.Equal(1.5, s.Positions[3], 12);
        s.SetCell(Cell.Cubic(4.0), scaleAtoms: false);
        Assert.Equal(1.5, s.Positions[3], 12);
    }

    [Fact]
    public void BadInputIsRejectedWithAReason()
    {
        var e = Assert.Throws<ArgumentException>(() => new Structure(["Mg", "Qq"], new double[6], Cell.Cubic(5)));
        Assert.Contains("Qq", e.Message);
        Assert.Throws<ArgumentException>(() => new Structure(["Mg"], new double[4], Cell.Cubic(5)));
        Assert.Throws<ArgumentException>(() => new Structure(["Mg"], new double[3], Cell.Empty, periodic: true));
    }
}
