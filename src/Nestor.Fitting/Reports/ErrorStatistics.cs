namespace Nestor.Fitting.Reports;

/// <summary>
/// RMSE and MAE of one set of frames. Energies per atom (meV/atom): e_f = (E_pred - E_ref)/N_f, averaged over
/// frames. Forces (eV/A): over every Cartesian component of every atom. Virials (meV/atom): over the 6 Voigt
/// components (xx yy zz yz xz xy) of every frame, each divided by N_f. NaN when the set has no such label.
/// Committee spread (meV/atom): sqrt(mean over frames of (1/K) sum_j ((E_j - E)/N_f)^2), the RMS deviation of the
/// members from the main prediction (the paper's committee_std, per atom), over frames with committee energies.
/// </summary>
public sealed record ErrorStatistics(int Frames, int Atoms,
    int EnergyFrames, double EnergyRmseMevPerAtom, double EnergyMaeMevPerAtom,
    int ForceComponents, double ForcesRmseEvPerA, double ForcesMaeEvPerA,
    int VirialFrames, double VirialRmseMevPerAtom, double VirialMaeMevPerAtom,
    int CommitteeFrames, double CommitteeRmsStdMevPerAtom)
{
    /// <summary>Statistics of the given predictions.</summary>
    public static ErrorStatistics Of(IEnumerable<FramePrediction> predictions)
    {
        int frames = 0, atoms = 0, ne = 0, nfc = 0, nv = 0, nc = 0;
        double e2 = 0, e1 = 0, f2 = 0, f1 = 0, v2 = 0, v1 = 0, c2 = 0;
        foreach (var p in predictions)
        {
            frames++;
            int n = p.Frame.Atoms;
            atoms += n;
            if (p.EnergyReference is double er && p.EnergyPredicted is double ep)
            {
                double d = (ep - er) / n;
                e2 += d * d; e1 += Math.Abs(d); ne++;
                if (p.CommitteeEnergies is { Length: > 0 } ce)
                {
                    double s2 = 0;
                    foreach (double ej in ce) s2 += (ej - ep) / n * ((ej - ep) / n);
                    c2 += s2 / ce.Length; nc++;
                }
            }
            if (p.ForcesReference is { } fr && p.ForcesPredicted is { } fp)
                for (int k = 0; k < fr.Length; k++)
                {
                    double d = fp[k] - fr[k];
                    f2 += d * d; f1 += Math.Abs(d); nfc++;
                }
            if (p.VirialReference is { } vr && p.VirialPredicted is { } vp)
            {
                for (int k = 0; k < 6; k++)
                {
                    double d = (vp[k] - vr[k]) / n;
                    v2 += d * d; v1 += Math.Abs(d);
                }
                nv++;
            }
        }
        static double Rms(double s, int c) => c > 0 ? Math.Sqrt(s / c) : double.NaN;
        static double Mean(double s, int c) => c > 0 ? s / c : double.NaN;
        return new ErrorStatistics(frames, atoms,
            ne, 1000 * Rms(e2, ne), 1000 * Mean(e1, ne),
            nfc, Rms(f2, nfc), Mean(f1, nfc),
            nv, 1000 * Rms(v2, 6 * nv), 1000 * Mean(v1, 6 * nv),
            nc, 1000 * Rms(c2, nc));
    }
}
