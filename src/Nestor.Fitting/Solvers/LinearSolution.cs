namespace Nestor.Fitting.Solvers;

/// <summary>Fitted coefficients, optionally with a committee, and how they were obtained.</summary>
public sealed class LinearSolution
{
    /// <summary>Creates a solution.</summary>
    public LinearSolution(string solver, double[] coefficients, IReadOnlyList<double[]>? committee = null, BlrResult? bayes = null)
    {
        Solver = solver;
        Coefficients = coefficients;
        Committee = committee ?? [];
        Bayes = bayes;
    }

    /// <summary>Short description of the solver and its settings (e.g. <c>blr</c>, <c>lsq:qr</c>, <c>lsq:svd,ridge=1e-6</c>).</summary>
    public string Solver { get; }

    /// <summary>The coefficients of the basis (in the basis's own units, after undoing any preconditioner).</summary>
    public double[] Coefficients { get; }

    /// <summary>Committee members (each the length of <see cref="Coefficients"/>); empty when there is none.</summary>
    public IReadOnlyList<double[]> Committee { get; }

    /// <summary>Hyper-parameters and diagnostics of Bayesian linear regression, or null for other solvers.</summary>
    public BlrResult? Bayes { get; }
}
