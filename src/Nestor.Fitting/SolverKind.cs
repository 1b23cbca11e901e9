namespace Nestor.Fitting;

/// <summary>Which solver a fit uses.</summary>
public enum SolverKind
{
    /// <summary>Bayesian linear regression (evidence maximisation, optional committee). ACEpotentials' default.</summary>
    Blr,
    /// <summary>Least squares by QR (optional ridge).</summary>
    LsqQr,
    /// <summary>Least squares by SVD (optional ridge; pseudo-inverse otherwise).</summary>
    LsqSvd,
}
