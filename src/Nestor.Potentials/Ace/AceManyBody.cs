namespace Nestor.Potentials.Ace;

/// <summary>
/// The ACE many-body site energy (ACE1's <c>PIPotential</c>) for one species: radial basis (R_n), angular basis
/// (Y_l^m), one-particle basis (n, l, m) -> A_v, product basis AA_k and coefficients E_i = sum_k c_k Re(AA_k),
/// with an optional committee of coefficient vectors.
/// </summary>
public sealed class AceManyBody
{
    private readonly double[] _coeffs;
    private readonly double[]? _committee; // member-major

    /// <summary>Creates the site energy; <paramref name="committee"/> is member-major (member j at j*K..) or null.</summary>
    public AceManyBody(RadialBasis radial, SphericalHarmonics angular, OneParticleBasis oneParticle,
        ProductBasis products, double[] coefficients, double[]? committee, int committeeSize)
    {
        if (oneParticle.MaxN > radial.Count)
            throw new ArgumentException($"one-particle basis uses n up to {oneParticle.MaxN}, the radial basis has {radial.Count} functions");
        if (oneParticle.MaxL > angular.MaxL)
            throw new ArgumentException($"one-particle basis uses l up to {oneParticle.MaxL}, the spherical harmonics stop at {angular.MaxL}");
        if (products.OneParticleCount != oneParticle.Count)
            throw new ArgumentException("product basis and one-particle basis differ in size");
        if (coefficients.Length != products.Count)
            throw new ArgumentException($"{coefficients.Length} coefficients for {products.Count} product functions");
        if (committee is not null && committee.Length != products.Count * committeeSize)
            throw new ArgumentException($"committee has {committee.Length} numbers, expected {products.Count} x {committeeSize}");
        Radial = radial; Angular = angular; OneParticle = oneParticle; Products = products;
        _coeffs = (double[])coefficients.Clone();
        _committee = committee is null ? null : (double[])committee.Clone();
        CommitteeSize = committee is null ? 0 : committeeSize;
    }

    public RadialBasis Radial { get; }
    public SphericalHarmonics Angular { get; }
    public OneParticleBasis OneParticle { get; }
    public ProductBasis Products { get; }

    /// <summary>Coefficients of the main model, in product-basis order.</summary>
    public ReadOnlySpan<double> Coefficients => _coeffs;

    /// <summary>Number of committee members (0 when none).</summary>
    public int CommitteeSize { get; }

    /// <summary>Coefficients of committee member <paramref name="j"/>.</summary>
    public ReadOnlySpan<double> Member(int j) => _committee.AsSpan(j * Products.Count, Products.Count);

    /// <summary>Cutoff (Angstrom).</summary>
    public double Cutoff => Radial.Cutoff;
}
