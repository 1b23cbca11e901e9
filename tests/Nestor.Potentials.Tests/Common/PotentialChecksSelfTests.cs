using Nestor.Atoms;
using Nestor.Potentials;
using Nestor.Testing;
using Xunit.Sdk;

namespace Nestor.Potentials.Tests.Common;

/// <summary>The shared checks must catch a wrong potential: here, forces with a wrong sign and a virial off by 2.</summary>
public class PotentialChecksSelfTests
{
    private sealed class Broken(IPotential inner, bool flipForces, double virialScale) : IPotential
    {
        public string Spec => "broken";
        public double Cutoff => inner.Cutoff;
        public IReadOnlyList<string>? Species => null;
        public void Compute(Structure s, Quantities q, PotentialResult r)
        {
            inner.Compute(s, q, r);
            if (flipForces) for (int k = 0; k < r.Forces.Length; k++) r.Forces[k] = -r.Forces[k];
            for (int k = 0; k < 9; k++) r.Virial[k] *= virialScale;
        }
    }

    [Fact]
    public void ChecksFailOnWrongForcesAndVirial()
    {
        var lj = PotentialRegistry.Create("lj:epsilon=0.1,sigma=2.5,cutoff=6.0");
        var s = RandomStructures.Skewed(11, 8, 20.0, 0.65, 2.2);
        PotentialChecks.ForcesMatchFiniteDifferences(lj, s, 1e-6);
        PotentialChecks.VirialMatchesStrainDerivative(lj, s, 1e-5);
        Assert.ThrowsAny<XunitException>(() => PotentialChecks.ForcesMatchFiniteDifferences(new Broken(lj, true, 1), s, 1e-6));
        Assert.ThrowsAny<XunitException>(() => PotentialChecks.VirialMatchesStrainDerivative(new Broken(lj, false, 2), s, 1e-5));
    }
}
