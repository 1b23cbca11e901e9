using Nestor.Atoms;
using Nestor.Potentials.Ace;
using Nestor.Testing;

namespace Nestor.Potentials.Tests.Ace;

/// <summary>The reference values of docs ace1-model-spec.md section 13.3 (cycle-3 model).</summary>
public sealed class AceReferenceTests
{
    internal static readonly Lazy<AceModel?> Cycle3 = new(() =>
        SharedData.Directory is null ? null : Ace1JsonLoader.Load(Path.Combine(SharedData.Directory, "mg/models/cycle_3_o4_d14.json")));

    internal static AceModel RequireCycle3()
    {
        SharedData.Require("mg/models/cycle_3_o4_d14.json");
        return Cycle3.Value!;
    }

    internal static AcePotential Potential(AceModel m) => new(m, "ace:cycle_3_o4_d14.json");

    [SkippableFact]
    public void Counts_match_the_released_model()
    {
        var m = RequireCycle3();
        Assert.Equal("Mg", m.Symbol);
        Assert.Equal(-1688.821130128, m.E0);
        Assert.Equal(10, m.CommitteeSize);
        Assert.Equal(14, m.Pair!.Basis.Count);
        var ace = m.ManyBody!;
        Assert.Equal(125, ace.OneParticle.Count);
        Assert.Equal(24, ace.Radial.Count);
        Assert.Equal(4, ace.Angular.MaxL);
        Assert.Equal(2434, ace.Products.Count);
        Assert.Equal(new[] { 0, 23, 247, 984, 1180 }, ace.Products.CountByOrder());
        Assert.Equal(8.2, m.Cutoff);
    }

    [SkippableFact]
    public void Frame_0_energy_parts_forces_virial_and_committee()
    {
        var m = RequireCycle3();
        var frame = RdbFrames.Read(SharedData.Require("mg/cycle_3.rdb.extxyz"))[0];
        var s = frame.Structure;
        var pot = Potential(m);
        var r = new PotentialResult();
        var committee = new double[10];
        pot.ComputeCommittee(s, Quantities.All, r, committee);
        Assert.Equal(-27042.66753897, r.Energy, 1e-7);
        Assert.Equal(-27042.66753896, frame.ImpliedEnergy, 1e-7);
        // parts: pair-only and ACE-only models built from the same pieces
        var pairOnly = new AcePotential(new AceModel("Mg", 12, 0.0, m.Pair, null), "pair");
        var aceOnly = new AcePotential(new AceModel("Mg", 12, 0.0, null, m.ManyBody), "ace");
        var rp = new PotentialResult(); pairOnly.Compute(s, Quantities.Energy, rp);
        var ra = new PotentialResult(); aceOnly.Compute(s, Quantities.Energy, ra);
        Assert.Equal(-27.5701837676, rp.Energy, 1e-9);
        Assert.Equal(6.0407268430, ra.Energy, 1e-9);
        Assert.Equal(-27021.1380820480, r.Energy - rp.Energy - ra.Energy, 1e-8);
        double[] f1 = [0.1218365360, 0.0049729041, -0.2423823136], f16 = [0.2746451562, -0.3577981313, -0.1606917789];
        for (int d = 0; d < 3; d++)
        {
            Assert.Equal(f1[d], r.Forces[d], 1e-8);
            Assert.Equal(f16[d], r.Forces[45 + d], 1e-8);
        }
        double[] w = [-2.6228153887, 0.6128595869, -0.8291150753, 0.6128595869, -0.5127252633, -3.6806593748,
            -0.8291150753, -3.6806593748, -3.7817010432];
        for (int k = 0; k < 9; k++) Assert.Equal(w[k], r.Virial[k], 1e-8);
        double[] c = [-27042.67072312, -27042.67142180, -27042.66672944, -27042.66454090, -27042.66941095,
            -27042.66626827, -27042.67096051, -27042.66406329, -27042.66727631, -27042.66978807];
        for (int j = 0; j < 10; j++) Assert.Equal(c[j], committee[j], 1e-7);
        Assert.Equal(0.0026247390025, CommitteeSpread.PerCell(r.Energy, committee), 1e-9);
        Assert.Equal(0.0026247390025 / 16, CommitteeSpread.PerAtom(r.Energy, committee, 16), 1e-10);
        // per-atom energies sum to the total
        Assert.Equal(r.Energy, r.AtomEnergies.Sum(), 1e-8);
    }

    [SkippableTheory]
    [InlineData(2.5, -0.62894103260459, 0.92199707457829, 5.731217388307e-1, -1.195509836398, 1.548490157999, -6.244593712004e-1, 9.7443564756e-1, 3.695479424589e-1, -1.8940205716)]
    [InlineData(3.2, -0.31770698229610, 0.875, 1.268030910267, -1.336143004912, 1.127771353256e-1, 6.715349464293e-1, 8.2801817093e-1, -9.894638604753e-2, -1.0115724890e-1)]
    [InlineData(5.0, 0.40310612523045, 0.75947106725574, 1.100336647399, 1.471097026227, 6.985536154104e-1, 1.563885987198e-1, -6.5791331504e-1, -4.824031221942e-2, 3.3040071019e-3)]
    [InlineData(8.0, 0.97880805598580, 0.61890243902439, 2.758666668144e-3, 8.955567367923e-3, 2.121513913110e-2, 2.909512499090, -2.8183405736e-2, -1.064334564263e-3, 1.0677580717e-2)]
    public void Radial_and_pair_values(double r, double y, double x, double r1, double r2, double r3, double r23, double dr1, double v, double dv)
    {
        var m = RequireCycle3();
        var ace = m.ManyBody!;
        Assert.Equal(y, ace.Radial.Transform.Evaluate(r, out _), 1e-13);
        Assert.Equal(x, m.Pair!.Basis.Transform.Evaluate(r, out _), 1e-13);
        var p = new double[24]; var dp = new double[24];
        ace.Radial.Evaluate(r, p, dp);
        Assert.Equal(r1, p[0], 1e-11 * Math.Max(1, Math.Abs(r1)));
        Assert.Equal(r2, p[1], 1e-11 * Math.Max(1, Math.Abs(r2)));
        Assert.Equal(r3, p[2], 1e-11 * Math.Max(1, Math.Abs(r3)));
        Assert.Equal(r23, p[22], 1e-11 * Math.Max(1, Math.Abs(r23)));
        Assert.Equal(dr1, dp[0], 1e-9);
        var pp = new double[14]; var pdp = new double[14];
        Assert.Equal(v, m.Pair.Evaluate(r, out double dvdr, pp, pdp), 1e-12);
        Assert.Equal(dv, dvdr, 1e-9);
    }

    [Fact]
    public void Spherical_harmonics_spot_values()
    {
        var sh = new SphericalHarmonics(4);
        var re = new double[25]; var im = new double[25];
        var gr = new double[75]; var gi = new double[75];
        sh.Evaluate(0.48 * 2.5, -0.6 * 2.5, 0.64 * 2.5, re, im, gr, gi, new double[sh.ScratchLength]);
        void Check(int l, int m, double r, double i)
        {
            int t = SphericalHarmonics.Index(l, m);
            Assert.Equal(r, re[t], 1e-14);
            Assert.Equal(i, im[t], 1e-14);
        }
        Check(0, 0, 0.28209479177387814, 0);
        Check(1, 0, 0.31270560761786875, 0);
        Check(1, 1, -0.16583719174624106, 0.20729648968280123);
        Check(1, -1, 0.16583719174624106, 0.20729648968280123);
        Check(2, 1, -0.2373268697230477, 0.29665858715380955);
        Check(4, -3, -0.3266826490906338, 0.15918857900602934);
    }

    [Fact]
    public void Spherical_harmonic_gradients_match_finite_differences_also_on_the_pole()
    {
        var sh = new SphericalHarmonics(4);
        var scratch = new double[sh.ScratchLength];
        foreach (var p in new[] { new Vec3(0.3, -1.1, 0.7), new Vec3(0, 0, 1.7), new Vec3(0, 0, -0.9), new Vec3(1e-9, 0, 2) })
        {
            var re = new double[25]; var im = new double[25]; var gr = new double[75]; var gi = new double[75];
            sh.Evaluate(p.X, p.Y, p.Z, re, im, gr, gi, scratch);
            Assert.All(gr.Concat(gi), v => Assert.True(double.IsFinite(v)));
            const double h = 1e-6;
            for (int d = 0; d < 3; d++)
            {
                var rp = new double[25]; var ip = new double[25]; var rm = new double[25]; var imm = new double[25];
                var q = new double[3] { p.X, p.Y, p.Z }; q[d] += h;
                sh.Evaluate(q[0], q[1], q[2], rp, ip, [], [], scratch);
                q[d] -= 2 * h;
                sh.Evaluate(q[0], q[1], q[2], rm, imm, [], [], scratch);
                for (int t = 0; t < 25; t++)
                {
                    Assert.Equal((rp[t] - rm[t]) / (2 * h), gr[3 * t + d], 1e-7);
                    Assert.Equal((ip[t] - imm[t]) / (2 * h), gi[3 * t + d], 1e-7);
                }
            }
        }
    }

    [SkippableTheory]
    [InlineData(2, -3377.7277670996, -0.085506843626, 0.0, -0.1716743551, 0.0, 0.0)]
    [InlineData(3, -5066.8307074770, -0.251492162084, -0.1158249309540, -0.2066292665, -0.2335577436, -0.0346011472)]
    [InlineData(4, -6756.2361357413, -0.510314649000, -0.4413005802796, -0.1476292910, -0.1991296270, -0.0492989652)]
    public void Clusters(int atoms, double total, double pair, double ace, double fx, double fy, double fz)
    {
        var m = RequireCycle3();
        double[] all = [0, 0, 0, 3.1, 0, 0, 1.2, 2.7, 0.4, 1.0, 0.9, 2.8];
        var s = new Structure(Enumerable.Repeat("Mg", atoms).ToArray(), all.AsSpan(0, 3 * atoms), Cell.Cubic(100));
        var r = new PotentialResult();
        Potential(m).Compute(s, Quantities.Forces, r);
        Assert.Equal(total, r.Energy, 1e-9);
        Assert.Equal(fx, r.Forces[0], 1e-9);
        Assert.Equal(fy, r.Forces[1], 1e-9);
        Assert.Equal(fz, r.Forces[2], 1e-9);
        var rp = new PotentialResult();
        new AcePotential(new AceModel("Mg", 12, 0.0, m.Pair, null), "pair").Compute(s, Quantities.Energy, rp);
        var ra = new PotentialResult();
        new AcePotential(new AceModel("Mg", 12, 0.0, null, m.ManyBody), "ace").Compute(s, Quantities.Energy, ra);
        Assert.Equal(pair, rp.Energy, 1e-11);
        Assert.Equal(ace, ra.Energy, 1e-11);
    }
}

/// <summary>The SIMD (structure-of-arrays) paths agree with the scalar reference paths.</summary>
public sealed class AceSimdPathTests
{
    [SkippableFact]
    public void Radial_basis_soa_equals_scalar()
    {
        var m = AceReferenceTests.RequireCycle3();
        foreach (var basis in new[] { m.ManyBody!.Radial, m.Pair!.Basis })
        {
            double[] r = [0.3, 1.9, 2.5, 3.2, 4.4, 5.0, 6.7, 8.0, 8.1999, 8.2, 9.0, 16.4];
            int k = basis.Count, s = r.Length;
            var p = new double[k * s]; var dp = new double[k * s];
            basis.EvaluateSoA(r, p, dp, s);
            var q = new double[k]; var dq = new double[k];
            for (int a = 0; a < s; a++)
            {
                basis.Evaluate(r[a], q, dq);
                for (int n = 0; n < k; n++)
                {
                    Assert.Equal(q[n], p[n * s + a], 1e-14 * Math.Max(1, Math.Abs(q[n])));
                    Assert.Equal(dq[n], dp[n * s + a], 1e-14 * Math.Max(1, Math.Abs(dq[n])));
                }
            }
        }
    }

    [Fact]
    public void Spherical_harmonics_half4_and_half_equal_full()
    {
        var sh = new SphericalHarmonics(4);
        var rng = new Random(9);
        const int s = 8;
        var x = new double[s]; var y = new double[s]; var z = new double[s];
        for (int a = 0; a < s; a++) { x[a] = rng.NextDouble() - 0.5; y[a] = rng.NextDouble() - 0.5; z[a] = rng.NextDouble() - 0.5; }
        x[3] = 0; y[3] = 0; z[3] = 2.0; // the pole
        int nh = sh.HalfCount;
        var re = new double[nh * s]; var im = new double[nh * s]; var gr = new double[3 * nh * s]; var gi = new double[3 * nh * s];
        for (int a = 0; a < s; a += 4)
            sh.EvaluateHalf4(System.Runtime.Intrinsics.Vector256.Create<double>(x.AsSpan(a, 4)), System.Runtime.Intrinsics.Vector256.Create<double>(y.AsSpan(a, 4)),
                System.Runtime.Intrinsics.Vector256.Create<double>(z.AsSpan(a, 4)), re, im, gr, gi, s, a);
        var fr = new double[25]; var fi = new double[25]; var fgr = new double[75]; var fgi = new double[75];
        var hr = new double[nh]; var hi = new double[nh]; var hgr = new double[3 * nh]; var hgi = new double[3 * nh];
        var scratch = new double[sh.ScratchLength];
        for (int a = 0; a < s; a++)
        {
            sh.Evaluate(x[a], y[a], z[a], fr, fi, fgr, fgi, scratch);
            sh.EvaluateHalf(x[a], y[a], z[a], hr, hi, hgr, hgi, scratch);
            for (int l = 0; l <= 4; l++)
                for (int m = 0; m <= l; m++)
                {
                    int j = SphericalHarmonics.HalfIndex(l, m), t = SphericalHarmonics.Index(l, m);
                    Assert.Equal(fr[t], re[j * s + a], 1e-14); Assert.Equal(fi[t], im[j * s + a], 1e-14);
                    Assert.Equal(fr[t], hr[j], 1e-14); Assert.Equal(fi[t], hi[j], 1e-14);
                    for (int d = 0; d < 3; d++)
                    {
                        Assert.Equal(fgr[3 * t + d], gr[(3 * j + d) * s + a], 1e-13);
                        Assert.Equal(fgi[3 * t + d], gi[(3 * j + d) * s + a], 1e-13);
                        Assert.Equal(fgr[3 * t + d], hgr[3 * j + d], 1e-13);
                    }
                }
        }
    }
}
