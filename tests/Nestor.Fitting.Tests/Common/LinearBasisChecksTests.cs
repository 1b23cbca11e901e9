using Nestor.Atoms;
using Nestor.Fitting.Bases;
using Nestor.Testing;
using Xunit.Sdk;

namespace Nestor.Fitting.Tests.Common;

public class LinearBasisChecksTests
{
    [Fact]
    public void PairBasisPassesFunctionByFunction() =>
        LinearBasisChecks.All(new PairPolynomialBasis(["Mg"], 6, 6.0, 3.2), RandomStructures.Skewed(21, 5, 15.0, 0.65, 1.9));

    [Fact]
    public void EamLikeBasisPassesFunctionByFunction() =>
        LinearBasisChecks.All(new EamLikeBasis("Mg", 5, 4, [1.0, 3.0], 6.0, 3.2), RandomStructures.Skewed(22, 5, 15.0, 0.65, 1.9));

    /// <summary>A basis whose virial rows have the wrong sign must fail the checks.</summary>
    private sealed class WrongVirial(ILinearBasis inner) : ILinearBasis
    {
        public string Description => inner.Description;
        public int Length => inner.Length;
        public double Cutoff => inner.Cutoff;
        public IReadOnlyList<string>? Species => inner.Species;
        public LinearBasisWorkspace CreateWorkspace() => inner.CreateWorkspace();
        public void Evaluate(Structure s, Span<double> e, Span<double> f, Span<double> v, Span<double> a, LinearBasisWorkspace ws)
        {
            inner.Evaluate(s, e, f, v, a, ws);
            for (int k = 0; k < v.Length; k++) v[k] = -v[k];
        }
        public double[] SmoothnessPrior(double p) => inner.SmoothnessPrior(p);
        public Nestor.Potentials.IPotential ToPotential(double[] c, IReadOnlyList<double[]>? committee = null, IReadOnlyDictionary<string, double>? e0 = null) =>
            new LinearBasisPotential(this, c, committee, e0);
    }

    [Fact]
    public void ChecksCatchAWrongVirial() =>
        Assert.ThrowsAny<XunitException>(() => LinearBasisChecks.All(new WrongVirial(new PairPolynomialBasis(["Mg"], 4, 6.0, 3.2)),
            RandomStructures.Skewed(23, 4, 15.0, 0.65, 1.9)));
}
