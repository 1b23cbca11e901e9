namespace Nestor.Fitting.Reports;

/// <summary>Errors of one set (train or test): overall, by <c>config_type</c> and by pressure band.</summary>
public sealed record SetReport(ErrorStatistics Overall,
    IReadOnlyList<(string ConfigType, ErrorStatistics Errors)> ByConfigType,
    IReadOnlyList<(string Band, ErrorStatistics Errors)> ByPressure)
{
    /// <summary>Computes the breakdowns (config types sorted by name; frames without a type under "(none)"; empty bands left out).</summary>
    public static SetReport Of(IReadOnlyList<FramePrediction> predictions, PressureBands bands)
    {
        var byType = predictions.GroupBy(p => p.Frame.ConfigType ?? "(none)")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, ErrorStatistics.Of(g))).ToList();
        var names = bands.Names;
        var byBand = predictions.GroupBy(p => bands.Of(bands.PressureOf(p.Frame)))
            .OrderBy(g => names.ToList().IndexOf(g.Key))
            .Select(g => (g.Key, ErrorStatistics.Of(g))).ToList();
        return new SetReport(ErrorStatistics.Of(predictions), byType, byBand);
    }
}
