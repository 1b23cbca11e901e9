using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

using Nestor.Atoms;

namespace Nestor.Potentials;

/// <summary>
/// AVX2 building blocks shared by the pair potentials' SIMD paths (EAM, Lennard-Jones) over a half neighbour list:
/// displacements of the list entries with the pairs inside the cutoff packed into flat arrays, and sums of pair
/// values and pair forces into the atoms. Callers check <see cref="Avx2.IsSupported"/> and <see cref="Fma.IsSupported"/>.
/// </summary>
internal static class PairKernels
{
    /// <summary>
    /// Stage 1: displacements (to dx, dy, dz) and squared distances (r2) of the list entries, four at a time, with the
    /// pairs within the cutoff packed to the front by a permutation; the rest of a row entry by entry, written always
    /// and kept by advancing the count. Pads one vector past the end (atom 0, a distance inside the table) for the
    /// 4-wide stages. Returns the number of pairs kept. A NaN distance counts as within the cutoff, so that a
    /// non-finite position gives a NaN energy rather than a finite wrong one.
    /// </summary>
    internal static unsafe int Displacements(int n, double* pos, double* shifts, int* start, int* index, int* code, double rc2,
        int* pi, int* pj, double* dx, double* dy, double* dz, double* r2, int* row)
    {
        int w = 0;
        var vrc2 = Vector256.Create(rc2);
        ref var perm = ref MemoryMarshal.GetArrayDataReference(LanePacking.Double4);
        ref var perm4 = ref MemoryMarshal.GetArrayDataReference(LanePacking.Int4);
        for (int i = 0; i < n; i++)
        {
            row[i] = w;
            // lane 3 of the loads is the next coordinate in memory (a spare element follows the last triple): unused
            var xi = Avx.LoadVector256(pos + 3 * i);
            var vi = Vector128.Create(i);
            int k = start[i], end = start[i + 1];
            for (; k + 4 <= end; k += 4)
            {
                int* jk = index + k, ck = code + k;
                var d0 = Avx.Subtract(Avx.LoadVector256(pos + 3 * jk[0]), xi) + Avx.LoadVector256(shifts + 3 * ck[0]);
                var d1 = Avx.Subtract(Avx.LoadVector256(pos + 3 * jk[1]), xi) + Avx.LoadVector256(shifts + 3 * ck[1]);
                var d2 = Avx.Subtract(Avx.LoadVector256(pos + 3 * jk[2]), xi) + Avx.LoadVector256(shifts + 3 * ck[2]);
                var d3 = Avx.Subtract(Avx.LoadVector256(pos + 3 * jk[3]), xi) + Avx.LoadVector256(shifts + 3 * ck[3]);
                Transpose(d0, d1, d2, d3, out var x, out var y, out var z, out _);
                var rr = Fma.MultiplyAdd(z, z, Fma.MultiplyAdd(y, y, Avx.Multiply(x, x)));
                // "not >= cutoff" keeps a NaN distance (an atom at a non-finite position), so the energy is NaN, as on
                // the scalar path, instead of silently leaving the pair out
                int hits = Avx.MoveMask(Avx.CompareNotGreaterThanOrEqual(rr, vrc2));
                var p = Unsafe.Add(ref perm, hits);
                Avx.Store(dx + w, Avx2.PermuteVar8x32(x.AsSingle(), p).AsDouble());
                Avx.Store(dy + w, Avx2.PermuteVar8x32(y.AsSingle(), p).AsDouble());
                Avx.Store(dz + w, Avx2.PermuteVar8x32(z.AsSingle(), p).AsDouble());
                Avx.Store(r2 + w, Avx2.PermuteVar8x32(rr.AsSingle(), p).AsDouble());
                Sse2.Store(pj + w, Avx.PermuteVar(Sse2.LoadVector128(jk).AsSingle(), Unsafe.Add(ref perm4, hits)).AsInt32());
                Sse2.Store(pi + w, vi);
                w += BitOperations.PopCount((uint)hits);
            }
            for (; k < end; k++)
            {
                int j = index[k];
                var d = Avx.Subtract(Avx.LoadVector256(pos + 3 * j), xi) + Avx.LoadVector256(shifts + 3 * code[k]);
                double ex = d.ToScalar(), ey = d.GetElement(1), ez = d.GetElement(2);
                double rr = ex * ex + ey * ey + ez * ez;
                dx[w] = ex; dy[w] = ey; dz[w] = ez; r2[w] = rr;
                pi[w] = i; pj[w] = j;
                w += !(rr >= rc2) ? 1 : 0;
            }
        }
        row[n] = w;
        for (int k = w; k < w + 4; k++)
        {
            pi[k] = 0; pj[k] = 0;
            dx[k] = dy[k] = dz[k] = 0;
            r2[k] = 0.25 * rc2;
        }
        return w;
    }

    /// <summary>
    /// Stage 3: the pair values v summed into both atoms: bank[4 j + (k mod 4)] += v[k] for each pair k of row i,
    /// and the row's sum (four lanes at a time) into bank[4 i]. Banks are cleared first.
    /// </summary>
    internal static unsafe void SumToAtoms(int n, int* row, double* v, int* pj, double* bank)
    {
        new Span<double>(bank, 4 * n).Clear();
        var lane = Vector256.Create(0L, 1L, 2L, 3L);
        for (int i = 0; i < n; i++)
        {
            int k0 = row[i], k1 = row[i + 1];
            var sum = Vector256<double>.Zero;
            for (int k = k0; k < k1; k += 4)
            {
                // the last vector of a row reads into the next row (or the padding): mask those lanes
                var inRow = Avx2.CompareGreaterThan(Vector256.Create((long)(k1 - k)), lane).AsDouble();
                sum = Avx.Add(sum, Avx.And(Avx.LoadVector256(v + k), inRow));
            }
            for (int k = k0; k < k1; k++) bank[4 * pj[k] + (k & 3)] += v[k];
            bank[4 * i] += HorizontalSum(sum);
        }
    }

    /// <summary>
    /// Stage 5: each pair force on j (+) into bank (k mod 4), and each row's sum (four lanes at a time) on i (-). A bank
    /// holds 4 doubles per atom (x, y, z, unused) so that a pair's force is added with one vector load and store (four
    /// pairs' forces transposed from the x, y, z arrays); the banks are laid out one after the other (4 n doubles
    /// each) and cleared first. <see cref="ReduceForceBanks"/> adds them into the forces.
    /// </summary>
    internal static unsafe void SumForces(int n, int* row, double* fx, double* fy, double* fz, int* pj, double* bank)
    {
        new Span<double>(bank, 16 * n).Clear();
        var lane = Vector256.Create(0L, 1L, 2L, 3L);
        double* b1 = bank + 4 * n, b2 = bank + 8 * n, b3 = bank + 12 * n;
        for (int i = 0; i < n; i++)
        {
            int k0 = row[i], k1 = row[i + 1];
            var sx = Vector256<double>.Zero; var sy = sx; var sz = sx;
            for (int k = k0; k < k1; k += 4)
            {
                var inRow = Avx2.CompareGreaterThan(Vector256.Create((long)(k1 - k)), lane).AsDouble();
                sx = Avx.Add(sx, Avx.And(Avx.LoadVector256(fx + k), inRow));
                sy = Avx.Add(sy, Avx.And(Avx.LoadVector256(fy + k), inRow));
                sz = Avx.Add(sz, Avx.And(Avx.LoadVector256(fz + k), inRow));
            }
            // blocks of four pairs aligned to k = 0 mod 4, so that lane L goes to bank L; the arrays have a vector of
            // room past the last pair, and lanes outside the row are skipped
            for (int kb = k0 & ~3; kb < k1; kb += 4)
            {
                Transpose(Avx.LoadVector256(fx + kb), Avx.LoadVector256(fy + kb), Avx.LoadVector256(fz + kb), Vector256<double>.Zero,
                    out var f0, out var f1, out var f2, out var f3);
                int* j = pj + kb;
                if (kb >= k0 && kb + 4 <= k1)
                {
                    Add(bank + 4 * j[0], f0); Add(b1 + 4 * j[1], f1); Add(b2 + 4 * j[2], f2); Add(b3 + 4 * j[3], f3);
                }
                else
                {
                    if (kb >= k0) Add(bank + 4 * j[0], f0);
                    if (kb + 1 >= k0 && kb + 1 < k1) Add(b1 + 4 * j[1], f1);
                    if (kb + 2 >= k0 && kb + 2 < k1) Add(b2 + 4 * j[2], f2);
                    if (kb + 3 >= k0 && kb + 3 < k1) Add(b3 + 4 * j[3], f3);
                }
            }
            bank[4 * i] -= HorizontalSum(sx); bank[4 * i + 1] -= HorizontalSum(sy); bank[4 * i + 2] -= HorizontalSum(sz);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Add(double* at, Vector256<double> f) => Avx.Store(at, Avx.Add(Avx.LoadVector256(at), f));
    }

    /// <summary>Adds the four force banks of <see cref="SumForces"/> into <paramref name="force"/> (3 n, x y z per atom).</summary>
    internal static void ReduceForceBanks(int n, double[] bank, double[] force)
    {
        for (int a = 0; a < n; a++)
            for (int c = 0; c < 3; c++)
            {
                int q = 4 * a + c;
                force[3 * a + c] += bank[q] + bank[4 * n + q] + bank[8 * n + q] + bank[12 * n + q];
            }
    }

    /// <summary>
    /// Stage 4 shared by the pair potentials: the pair forces f = fpair d of pairs k .. k + 3 overwrite their
    /// displacements, and the virial sum_pairs d (x) f is accumulated, four lanes per component.
    /// </summary>
    internal struct VirialSums
    {
        private Vector256<double> _xx, _yy, _zz, _xy, _xz, _yz;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe void AddPairForces(double* dxa, double* dya, double* dza, int k, Vector256<double> fpair)
        {
            var dx = Avx.LoadVector256(dxa + k);
            var dy = Avx.LoadVector256(dya + k);
            var dz = Avx.LoadVector256(dza + k);
            var fx = Avx.Multiply(dx, fpair);
            var fy = Avx.Multiply(dy, fpair);
            var fz = Avx.Multiply(dz, fpair);
            _xx = Fma.MultiplyAdd(dx, fx, _xx); _yy = Fma.MultiplyAdd(dy, fy, _yy); _zz = Fma.MultiplyAdd(dz, fz, _zz);
            _xy = Fma.MultiplyAdd(dx, fy, _xy); _xz = Fma.MultiplyAdd(dx, fz, _xz); _yz = Fma.MultiplyAdd(dy, fz, _yz);
            Avx.Store(dxa + k, fx); Avx.Store(dya + k, fy); Avx.Store(dza + k, fz);
        }

        /// <summary>The symmetric virial (row-major 3x3) into <paramref name="v"/>.</summary>
        public readonly void WriteTo(double[] v)
        {
            v[0] = HorizontalSum(_xx); v[4] = HorizontalSum(_yy); v[8] = HorizontalSum(_zz);
            v[1] = v[3] = HorizontalSum(_xy); v[2] = v[6] = HorizontalSum(_xz); v[5] = v[7] = HorizontalSum(_yz);
        }
    }

    /// <summary>4x4 transpose: rows a, b, c, d become columns r0 = (a0, b0, c0, d0), ...</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose(Vector256<double> a, Vector256<double> b, Vector256<double> c, Vector256<double> d,
        out Vector256<double> r0, out Vector256<double> r1, out Vector256<double> r2, out Vector256<double> r3)
    {
        var t0 = Avx.UnpackLow(a, b);   // a0 b0 a2 b2
        var t1 = Avx.UnpackHigh(a, b);  // a1 b1 a3 b3
        var t2 = Avx.UnpackLow(c, d);   // c0 d0 c2 d2
        var t3 = Avx.UnpackHigh(c, d);  // c1 d1 c3 d3
        r0 = Avx.Permute2x128(t0, t2, 0x20);
        r1 = Avx.Permute2x128(t1, t3, 0x20);
        r2 = Avx.Permute2x128(t0, t2, 0x31);
        r3 = Avx.Permute2x128(t1, t3, 0x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double HorizontalSum(Vector256<double> v)
    {
        var h = Sse2.Add(v.GetLower(), v.GetUpper());
        return h.ToScalar() + h.GetElement(1);
    }
}
