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
    /// <summary>Energies of the committee members (eV, without the one-body references, like <see cref="EnergyPredicted"/>), or null.</summary>
    public double[]? CommitteeEnergies { get; init; }

    /// <summary>
    /// Per-frame predictions from a design matrix and coefficients (unweighted: targets and A c divided by the row
    /// weights), with the committee's energies when a committee is given.
    /// </summary>
    public static IReadOnlyList<FramePrediction> FromDesign(DesignMatrix d, double[] coefficients, IReadOnlyList<double[]>? committee = null)
    {
        committee ??= [];
        var pred = d.Predict(coefficients);
        var target = d.Targets();
        int nf = d.Frames.Count;
        var er = new double?[nf]; var ep = new double?[nf];
        var fr = new double[]?[nf]; var fp = new double[]?[nf];
        var vr = new double[]?[nf]; var vp = new double[]?[nf];
        var ce = new double[]?[nf];
        for (int r = 0; r < d.Rows; r++)
        {
            int f = d.Frame[r], c = d.Component[r];
            switch (d.Kind[r])
            {
                case RowKind.Energy:
                    er[f] = target[r]; ep[f] = pred[r];
                    if (committee.Count > 0)
                    {
                        var row = d.A.AsSpan((int)((long)r * d.Cols), d.Cols);
                        var e = new double[committee.Count];
                        for (int j = 0; j < e.Length; j++)
                        {
                            double acc = 0;
                            for (int k = 0; k < d.Cols; k++) acc += row[k] * committee[j][k];
                            e[j] = acc / d.Weight[r];
                        }
                        ce[f] = e;
                    }
                    break;
                case RowKind.Force:
                    fr[f] ??= new double[3 * d.Frames[f].Atoms]; fp[f] ??= new double[3 * d.Frames[f].Atoms];
                    fr[f]![c] = target[r]; fp[f]![c] = pred[r]; break;
                default:
                    vr[f] ??= new double[6]; vp[f] ??= new double[6];
                    vr[f]![c] = target[r]; vp[f]![c] = pred[r]; break;
            }
        }
        var list = new FramePrediction[nf];
        for (int f = 0; f < nf; f++) list[f] = new FramePrediction(d.Frames[f], er[f], ep[f], fr[f], fp[f], vr[f], vp[f]) { CommitteeEnergies = ce[f] };
        return list;
    }
}
