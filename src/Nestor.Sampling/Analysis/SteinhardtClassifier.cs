using Nestor.Atoms;

namespace Nestor.Sampling.Analysis;

/// <summary>The crystal structure names the classifier knows.</summary>
public enum LocalStructure
{
    /// <summary>Face-centred cubic.</summary>
    Fcc,
    /// <summary>Hexagonal close packed.</summary>
    Hcp,
    /// <summary>Body-centred cubic.</summary>
    Bcc,
    /// <summary>None of the above within the tolerance.</summary>
    Other,
}

/// <summary>
/// Steinhardt bond-orientational order: per atom q_l over its nearest neighbours (12 for close packing, 14 for bcc),
/// q_l^2 = (1/Nb^2) sum_jk P_l(r_ij . r_ik) (the addition theorem form of 4 pi/(2l+1) sum_m |q_lm|^2). Each atom is
/// named after the nearest reference point in (q4, q6): fcc (0.1909, 0.5745), hcp (0.0972, 0.4848) with 12
/// neighbours, bcc (0.0364, 0.5107) with 14; "other" when none is within the tolerance.
/// </summary>
public static class SteinhardtClassifier
{
    private static readonly (LocalStructure S, int Nb, double Q4, double Q6)[] References =
    [
        (LocalStructure.Fcc, 12, 0.19094, 0.57452),
        (LocalStructure.Hcp, 12, 0.09722, 0.48476),
        (LocalStructure.Bcc, 14, 0.03637, 0.51069),
    ];

    /// <summary>q4 and q6 of atom <paramref name="i"/> over its <paramref name="neighbours"/> nearest neighbours.</summary>
    public static (double Q4, double Q6) Order(Structure s, int i, int neighbours)
    {
        var dirs = Nearest(s, i, neighbours);
        double s4 = 0, s6 = 0;
        foreach (var a in dirs)
            foreach (var b in dirs)
            {
                double x = a.Dot(b);
                double x2 = x * x;
                s4 += (35 * x2 * x2 - 30 * x2 + 3) / 8;
                s6 += (231 * x2 * x2 * x2 - 315 * x2 * x2 + 105 * x2 - 5) / 16;
            }
        double n2 = (double)dirs.Count * dirs.Count;
        return (Math.Sqrt(Math.Max(0, s4 / n2)), Math.Sqrt(Math.Max(0, s6 / n2)));
    }

    /// <summary>Classifies every atom (periodic structures).</summary>
    public static LocalStructure[] ClassifyAtoms(Structure s, double tolerance = 0.06)
    {
        var result = new LocalStructure[s.Count];
        for (int i = 0; i < s.Count; i++)
        {
            var best = LocalStructure.Other;
            double bestD = tolerance;
            foreach (var r in References)
            {
                var (q4, q6) = Order(s, i, r.Nb);
                double d = Math.Sqrt((q4 - r.Q4) * (q4 - r.Q4) + (q6 - r.Q6) * (q6 - r.Q6));
                if (d < bestD) { bestD = d; best = r.S; }
            }
            result[i] = best;
        }
        return result;
    }

    /// <summary>The structure most atoms have, or Other when fewer than <paramref name="majority"/> of the atoms agree.</summary>
    public static LocalStructure Classify(Structure s, double majority = 0.5, double tolerance = 0.06)
    {
        var atoms = ClassifyAtoms(s, tolerance);
        var top = atoms.GroupBy(a => a).OrderByDescending(g => g.Count()).First();
        return top.Key != LocalStructure.Other && top.Count() >= majority * s.Count ? top.Key : LocalStructure.Other;
    }

    private static List<Vec3> Nearest(Structure s, int i, int count)
    {
        var cell = s.Cell;
        var h = cell.Heights();
        double r = 2.0 * Math.Cbrt(cell.Volume / s.Count);
        var found = new List<(double D, Vec3 V)>();
        while (true)
        {
            found.Clear();
            int ma = (int)Math.Ceiling(r / h.X), mb = (int)Math.Ceiling(r / h.Y), mc = (int)Math.Ceiling(r / h.Z);
            var ri = s.GetPosition(i);
            for (int j = 0; j < s.Count; j++)
            {
                var d0 = s.GetPosition(j) - ri;
                var f = cell.ToFractional(d0);
                d0 -= cell.ToCartesian(new Vec3(Math.Round(f.X), Math.Round(f.Y), Math.Round(f.Z)));
                for (int a = -ma; a <= ma; a++)
                for (int b = -mb; b <= mb; b++)
                for (int c = -mc; c <= mc; c++)
                {
                    var d = d0 + cell.A * a + cell.B * b + cell.C * c;
                    double len = d.Norm();
                    if (len > 1e-8 && len <= r) found.Add((len, d * (1 / len)));
                }
            }
            if (found.Count >= count) break;
            r *= 1.5;
        }
        found.Sort((x, y) => x.D.CompareTo(y.D));
        return found.Take(count).Select(x => x.V).ToList();
    }
}
