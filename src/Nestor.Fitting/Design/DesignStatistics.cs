namespace Nestor.Fitting.Design;

/// <summary>Size and cost of a design-matrix assembly.</summary>
public sealed record DesignStatistics(int Rows, int Cols, long MatrixBytes, double AssemblySeconds, long PeakWorkingSetBytes, int Threads)
{
    public override string ToString() => System.FormattableString.Invariant(
        $"{Rows} x {Cols} ({MatrixBytes / 1048576.0:F1} MiB), assembled in {AssemblySeconds:F2} s on {Threads} threads, peak working set {PeakWorkingSetBytes / 1048576.0:F0} MiB");
}
