using Nestor.Atoms;
using Nestor.Fitting.Bases;
using Nestor.Potentials;
using Nestor.Testing;

namespace Nestor.Fitting.Tests.Design;

/// <summary>Random Mg cells labelled by a known pair model (plus E0), written into info/arrays like the Mg data.</summary>
internal static class SyntheticFrames
{
    public const double E0 = -1688.821130128;
    public static readonly PairPolynomialBasis Basis = new(["Mg"], 6, 6.5, 3.2);

    public static double[] TrueCoefficients()
    {
        var rng = new Random(42);
        return Enumerable.Range(0, Basis.Length).Select(k => (rng.NextDouble() - 0.5) / (1 + k)).ToArray();
    }

    public static List<(Structure, string, int)> Make(int count, int seed, double[] c)
    {
        var pot = Basis.ToPotential(c);
        var list = new List<(Structure, string, int)>();
        for (int f = 0; f < count; f++)
        {
            int n = 3 + (f % 4);
            var s = RandomStructures.Skewed(seed + f, n, 16 + 2 * (f % 5), 0.65, 1.9);
            var r = new PotentialResult();
            pot.Compute(s, Quantities.Forces | Quantities.Virial, r);
            s.Info["dft_energy"] = r.Energy + n * E0;
            s.Info["dft_virial"] = (double[])r.Virial.Clone();
            s.Info["config_type"] = f % 2 == 0 ? "even" : "odd";
            s.Arrays["dft_forces"] = PerAtomArray.Real("dft_forces", 3, (double[])r.Forces.Clone());
            list.Add((s, "synthetic.xyz", f));
        }
        return list;
    }
}
