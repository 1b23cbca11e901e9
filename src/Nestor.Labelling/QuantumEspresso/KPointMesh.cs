using Nestor.Atoms;

namespace Nestor.Labelling.QuantumEspresso;

/// <summary>Monkhorst-Pack mesh from a k-point spacing in 1/A with the 2 pi included (ASE/VASP KSPACING).</summary>
public static class KPointMesh
{
    /// <summary>n_i = max(1, ceil(2 pi |b_i| / spacing)) with b_i the reciprocal vectors without 2 pi.</summary>
    public static int[] FromSpacing(Cell cell, double spacing)
    {
        if (!(spacing > 0)) throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "the k-point spacing must be positive");
        var rec = cell.Reciprocal();
        var n = new int[3];
        for (int i = 0; i < 3; i++)
            n[i] = Math.Max(1, (int)Math.Ceiling(2 * Math.PI * rec[i].Norm() / spacing - 1e-9));
        return n;
    }
}
