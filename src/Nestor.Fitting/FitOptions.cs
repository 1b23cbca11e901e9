using Nestor.Fitting.Design;
using Nestor.Fitting.Reports;

namespace Nestor.Fitting;

/// <summary>Settings of a linear fit (everything except the basis and the data).</summary>
public sealed record FitOptions
{
    /// <summary>Row weights (default 30:1:1, energy and virial divided by sqrt(N)).</summary>
    public FitWeights Weights { get; init; } = new();

    /// <summary>One-body reference energy (eV) per species; required for every species present.</summary>
    public IReadOnlyDictionary<string, double> E0 { get; init; } = new Dictionary<string, double>();

    /// <summary>The solver.</summary>
    public SolverKind Solver { get; init; } = SolverKind.Blr;

    /// <summary>Ridge parameter lambda for the least-squares solvers (0 = none).</summary>
    public double Ridge { get; init; }

    /// <summary>Smoothness-prior exponent p (ACEpotentials: 4); null = no preconditioner.</summary>
    public double? Smoothness { get; init; } = 4;

    /// <summary>Committee size (BLR only).</summary>
    public int Committee { get; init; }

    /// <summary>Seed of the committee draw.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Threads for assembly and QR (&lt;= 0: all cores).</summary>
    public int Threads { get; init; } = -1;

    /// <summary>Pressure bands of the report.</summary>
    public PressureBands Bands { get; init; } = PressureBands.Default;
}
