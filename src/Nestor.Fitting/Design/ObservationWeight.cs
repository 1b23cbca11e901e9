using System.Globalization;

namespace Nestor.Fitting.Design;

/// <summary>Weights of the energy, force and virial observations of one configuration type.</summary>
public sealed record ObservationWeight(double Energy, double Forces, double Virial)
{
    /// <summary>Parses <c>E:F:V</c>, e.g. <c>30:1:1</c>.</summary>
    public static ObservationWeight Parse(string text)
    {
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length != 3)
            throw new FittingException($"weights '{text}' must be E:F:V, e.g. 30:1:1");
        var v = new double[3];
        for (int i = 0; i < 3; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]) || !(v[i] >= 0) || !double.IsFinite(v[i]))
                throw new FittingException($"weights '{text}': '{parts[i]}' is not a non-negative number");
        return new ObservationWeight(v[0], v[1], v[2]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Energy:G}:{Forces:G}:{Virial:G}");
}
