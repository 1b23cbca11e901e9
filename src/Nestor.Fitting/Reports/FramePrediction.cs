using Nestor.Fitting.Design;

namespace Nestor.Fitting.Reports;

/// <summary>
/// Reference and predicted labels of one frame (either may be absent together): energies without the one-body
/// references (eV), forces (eV/A, 3 per atom), virials (eV, Voigt xx yy zz yz xz xy).
/// </summary>
public sealed record FramePrediction(LabelledFrame Frame,
    double? EnergyReference, double? EnergyPredicted,
    double[]? ForcesReference, double[]? ForcesPredicted,
    double[]? VirialReference, double[]? VirialPredicted)
{
    /// <summary>Per-frame predictions from a design matrix and coefficients (unweighted: targets and A c divided by the row weights).</summary>
    public static IReadOnlyList<FramePrediction> FromDesign(DesignMatrix d, double[] coefficients)
    {
        var pred = d.Predict(coefficients);
        var target = d.Targets();
        int nf = d.Frames.Count;
        var er = new double?[nf]; var ep = new double?[nf];
        var fr = new double[]?[nf]; var fp = new double[]?[nf];
        var vr = new double[]?[nf]; var vp = new double[]?[nf];
        for (int r = 0; r < d.Rows; r++)
        {
            int f = d.Frame[r], c = d.Component[r];
            switch (d.Kind[r])
            {
                case RowKind.Energy: er[f] = target[r]; ep[f] = pred[r]; break;
                case RowKind.Force:
                    fr[f] ??= new double[3 * d.Frames[f].Atoms]; fp[f] ??= new double[3 * d.Frames[f].Atoms];
                    fr[f]![c] = target[r]; fp[f]![c] = pred[r]; break;
                default:
                    vr[f] ??= new double[6]; vp[f] ??= new double[6];
                    vr[f]![c] = target[r]; vp[f]![c] = pred[r]; break;
            }
        }
        var list = new FramePrediction[nf];
        for (int f = 0; f < nf; f++) list[f] = new FramePrediction(d.Frames[f], er[f], ep[f], fr[f], fp[f], vr[f], vp[f]);
        return list;
    }
}
