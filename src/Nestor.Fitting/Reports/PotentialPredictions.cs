using Nestor.Fitting.Design;
using Nestor.Potentials;

namespace Nestor.Fitting.Reports;

/// <summary>
/// Predictions of any <see cref="IPotential"/> on labelled frames (in parallel over frames), for reporting a model
/// that is not a linear fit of ours (e.g. an imported ACE1 model) on the same frames and with the same statistics.
/// Energies are reported minus sum E0 on both sides, so the E0 convention of the potential cancels only if it
/// uses the same E0 values.
/// </summary>
public static class PotentialPredictions
{
    /// <summary>Evaluates energy, forces and virial of every frame that has the corresponding labels.</summary>
    public static IReadOnlyList<FramePrediction> Of(IPotential potential, IReadOnlyList<LabelledFrame> frames,
        IReadOnlyDictionary<string, double> e0, int maxThreads = -1)
    {
        var list = new FramePrediction[frames.Count];
        var opts = new ParallelOptions { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : Environment.ProcessorCount };
        Parallel.For(0, frames.Count, opts, () => new PotentialResult(), (f, _, res) =>
        {
            var fr = frames[f];
            var s = fr.Structure;
            double eref = 0;
            foreach (var sym in s.Symbols)
                eref += e0.TryGetValue(sym, out double v) ? v : throw new FittingException($"{fr.Where}: no E0 for {sym}");
            potential.Compute(s, Quantities.Forces | Quantities.Virial, res);
            var w = res.Virial;
            double[] voigt = [w[0], w[4], w[8], 0.5 * (w[5] + w[7]), 0.5 * (w[2] + w[6]), 0.5 * (w[1] + w[3])];
            list[f] = new FramePrediction(fr,
                fr.Energy - eref, fr.Energy is null ? null : res.Energy - eref,
                fr.Forces, fr.Forces is null ? null : (double[])res.Forces.Clone(),
                fr.Virial, fr.Virial is null ? null : voigt);
            return res;
        }, _ => { });
        return list;
    }
}
