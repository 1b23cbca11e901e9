namespace Nestor.Fitting.Solvers;

/// <summary>Settings of Bayesian linear regression.</summary>
public sealed record BlrOptions
{
    /// <summary>Number of committee members drawn from the posterior (0 = none).</summary>
    public int CommitteeSize { get; init; }

    /// <summary>Seed of the committee draw.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Floor of both variances (ACEfit: 1e-8, i.e. (1e-4)^2): sigma^2 = floor + x^2.</summary>
    public double VarianceFloor { get; init; } = 1e-8;

    /// <summary>Convergence of the optimiser: the largest step in ln(x^2) of either hyper-parameter.</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Maximum optimiser iterations per start.</summary>
    public int MaxIterations { get; init; } = 500;
}
