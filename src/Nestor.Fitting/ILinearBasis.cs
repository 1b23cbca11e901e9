using Nestor.Atoms;
using Nestor.Potentials;

namespace Nestor.Fitting;

/// <summary>
/// A linear model E(structure) = sum_k c_k B_k(structure): what the fitting machinery needs from a basis (pair
/// polynomials, EAM-like features, ACE). Implementations are immutable and thread-safe; per-thread scratch lives in
/// the workspace from <see cref="CreateWorkspace"/>, so the design matrix is assembled in parallel over structures.
/// </summary>
public interface ILinearBasis
{
    /// <summary>A one-line description that recreates the basis (style and parameters).</summary>
    string Description { get; }

    /// <summary>Number of basis functions M.</summary>
    int Length { get; }

    /// <summary>Interaction range (Angstrom).</summary>
    double Cutoff { get; }

    /// <summary>The element symbols the basis handles, or null when it accepts any species.</summary>
    IReadOnlyList<string>? Species { get; }

    /// <summary>Creates per-thread scratch for <see cref="Evaluate"/>.</summary>
    LinearBasisWorkspace CreateWorkspace();

    /// <summary>
    /// The derivatives of the energy (eV), the forces (eV/A) and the virial (eV) with respect to each coefficient,
    /// i.e. the design-matrix rows of one structure:
    /// <paramref name="energy"/>[k] = B_k (length M);
    /// <paramref name="forces"/>[(3 i + d) M + k] = -dB_k/dr_{i,d} (3N rows of M, row-major);
    /// <paramref name="virial"/>[v M + k] = virial component v of B_k, v in Voigt order xx yy zz yz xz xy
    /// (6 rows of M; virial = -stress x volume as everywhere in Nestor).
    /// <paramref name="siteEnergies"/>[i M + k] = the share of atom i in B_k (N rows of M, summing to the energy
    /// row; the per-atom projections used for extrapolation grades).
    /// An empty <paramref name="forces"/>, <paramref name="virial"/> or <paramref name="siteEnergies"/> span skips that part.
    /// </summary>
    void Evaluate(Structure structure, Span<double> energy, Span<double> forces, Span<double> virial, Span<double> siteEnergies,
        LinearBasisWorkspace workspace);

    /// <summary>
    /// The diagonal of the smoothness prior / preconditioner P for smoothness exponent <paramref name="p"/>
    /// (ACEpotentials' algebraic prior: P_kk = 1 + degree-based scaling of function k). Length M, all &gt;= 1.
    /// </summary>
    double[] SmoothnessPrior(double p);

    /// <summary>
    /// The potential with these coefficients, optionally a committee of coefficient vectors, and the one-body
    /// reference energies E0 per species that the fit subtracted (added back so the potential gives total energies
    /// comparable with the labels, as ACE1 models do; null = no one-body term).
    /// </summary>
    IPotential ToPotential(double[] coefficients, IReadOnlyList<double[]>? committee = null, IReadOnlyDictionary<string, double>? e0 = null);
}

/// <summary>Per-thread scratch of a <see cref="ILinearBasis"/> (neighbour lists, buffers).</summary>
public abstract class LinearBasisWorkspace
{
}
