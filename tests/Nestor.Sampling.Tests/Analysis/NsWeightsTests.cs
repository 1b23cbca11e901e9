using Nestor.Sampling.Analysis;

namespace Nestor.Sampling.Tests.Analysis;

public class NsWeightsTests
{
    [Fact]
    public void SingleCullMatchesClosedForm()
    {
        int k = 50;
        var logA = NsWeights.LogA(200, k, 1);
        for (int n = 0; n < 200; n++)
        {
            // X_n = (K/(K+1))^(n+1), a_n = X_n/(K+1)
            double expected = (n + 1) * Math.Log(k / (k + 1.0)) - Math.Log(k + 1.0);
            Assert.Equal(expected, logA[n], 10);
        }
    }

    [Fact]
    public void WeightsAreDifferencesOfPriorVolumes()
    {
        foreach (int p in new[] { 1, 3, 7 })
        {
            int k = 40;
            var logA = NsWeights.LogA(100, k, p);
            for (int n = 0; n < 99; n++)
            {
                double xn = Math.Exp(NsWeights.LogX(n, k, p)), xn1 = Math.Exp(NsWeights.LogX(n + 1, k, p));
                Assert.Equal(xn - xn1, Math.Exp(logA[n]), 12);
            }
        }
    }
}
