using System.Runtime.Intrinsics;

namespace Nestor.Atoms;

/// <summary>
/// Permutations that move the selected lanes of a 4-lane vector to the front (a branch-free "compress" for AVX2,
/// which has no compress instruction), indexed by the 4-bit lane mask. Shared by the SIMD loops that pack the hits
/// of a distance test: neighbour-list builds and the pair potentials.
/// </summary>
public static class LanePacking
{
    /// <summary>For 4 ints (Avx.PermuteVar on the ints as floats, or Vector128.Shuffle): element k is the k-th selected lane.</summary>
    public static readonly Vector128<int>[] Int4 = Build(p => Vector128.Create(p[0], p[1], p[2], p[3]));

    /// <summary>For 4 doubles as 8 floats (Avx2.PermuteVar8x32): elements 2k, 2k + 1 hold the k-th selected double.</summary>
    public static readonly Vector256<int>[] Double4 =
        Build(p => Vector256.Create(2 * p[0], 2 * p[0] + 1, 2 * p[1], 2 * p[1] + 1, 2 * p[2], 2 * p[2] + 1, 2 * p[3], 2 * p[3] + 1));

    /// <summary>For every mask, the selected lanes in order, then lane 0 for the rest, turned into a vector.</summary>
    private static T[] Build<T>(Func<int[], T> vector)
    {
        var table = new T[16];
        var p = new int[4];
        for (int mask = 0; mask < 16; mask++)
        {
            int k = 0;
            for (int lane = 0; lane < 4; lane++) if ((mask >> lane & 1) != 0) p[k++] = lane;
            while (k < 4) p[k++] = 0;
            table[mask] = vector(p);
        }
        return table;
    }
}
