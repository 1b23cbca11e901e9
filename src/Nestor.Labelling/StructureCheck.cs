using System.Globalization;
using Nestor.Atoms;
using Nestor.Atoms.Neighbours;

namespace Nestor.Labelling;

/// <summary>Checks a structure is a sensible labelling request before any program is started.</summary>
public static class StructureCheck
{
    /// <summary>Default smallest allowed interatomic distance (Angstrom).</summary>
    public const double DefaultMinDistance = 0.5;

    /// <summary>
    /// Returns null when the structure can be labelled, else the reason: no atoms, non-finite positions, a
    /// non-periodic structure (plane-wave codes need a cell) or two atoms closer than <paramref name="minDistance"/>.
    /// </summary>
    public static string? Problem(Structure s, double minDistance = DefaultMinDistance)
    {
        if (s.Count == 0) return "the structure has no atoms";
        foreach (var x in s.Positions)
            if (!double.IsFinite(x)) return "a position is not finite";
        if (!s.IsFullyPeriodic) return "the structure is not periodic along all three cell vectors (plane-wave DFT needs a 3D cell)";
        if (!(s.Volume > 1e-6)) return "the cell has zero volume";
        var nl = new NeighbourList(minDistance);
        nl.Build(s);
        var r = nl.R;
        var start = nl.Start;
        var idx = nl.Index;
        for (int i = 0; i < s.Count; i++)
            for (int k = start[i]; k < start[i + 1]; k++)
                if (r[k] < minDistance)
                    return string.Create(CultureInfo.InvariantCulture,
                        $"atoms {i + 1} and {idx[k] + 1} overlap: distance {r[k]:F4} A < {minDistance} A");
        return null;
    }
}
