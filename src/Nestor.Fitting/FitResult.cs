using Nestor.Fitting.Reports;
using Nestor.Fitting.Solvers;
using Nestor.Potentials;

namespace Nestor.Fitting;

/// <summary>The result of <see cref="LinearFitter.Fit"/>: coefficients (and committee), the potential and the report.</summary>
public sealed record FitResult(LinearSolution Solution, IPotential Potential, FitReport Report);
