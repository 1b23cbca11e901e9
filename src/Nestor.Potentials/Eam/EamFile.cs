namespace Nestor.Potentials.Eam;

/// <summary>
/// The tables of a LAMMPS setfl (<c>eam/alloy</c>) or Finnis-Sinclair (<c>eam/fs</c>) file, as read, before
/// interpolation. Units: eV, Angstrom. Tables are 0-based here: value k of a density or pair table belongs to
/// r = k dr, value k of an embedding table to rho = k drho.
/// </summary>
public sealed class EamFile
{
    internal EamFile(string path, EamFormat format, string[] elements, double[] masses, int nrho, double drho,
        int nr, double dr, double cutoff, double[][] embedding, double[][] density, double[][] rPhi)
    {
        Path = path; Format = format; Elements = elements; Masses = masses;
        Nrho = nrho; Drho = drho; Nr = nr; Dr = dr; Cutoff = cutoff;
        Embedding = embedding; Density = density; RPhi = rPhi;
    }

    /// <summary>The file the tables came from.</summary>
    public string Path { get; }

    /// <summary>The file format.</summary>
    public EamFormat Format { get; }

    /// <summary>Element names in file order.</summary>
    public IReadOnlyList<string> Elements { get; }

    /// <summary>Masses (amu) per element, as given in the file.</summary>
    public IReadOnlyList<double> Masses { get; }

    /// <summary>Number of embedding-function values.</summary>
    public int Nrho { get; }

    /// <summary>Density spacing of the embedding tables.</summary>
    public double Drho { get; }

    /// <summary>Number of values of the density and pair tables.</summary>
    public int Nr { get; }

    /// <summary>Distance spacing of the density and pair tables (Angstrom).</summary>
    public double Dr { get; }

    /// <summary>Interaction cutoff (Angstrom).</summary>
    public double Cutoff { get; }

    /// <summary>F(rho) per element (eV), <see cref="Nrho"/> values each.</summary>
    public IReadOnlyList<double[]> Embedding { get; }

    /// <summary>
    /// Density tables, <see cref="Nr"/> values each. Alloy: one per element (the density an atom of that element
    /// gives its neighbours). Finnis-Sinclair: one per ordered element pair, index I * n + J for the J-th table of
    /// element I's block, which LAMMPS uses as the density an atom of element I gives an atom of element J.
    /// </summary>
    public IReadOnlyList<double[]> Density { get; }

    /// <summary>r * phi(r) (eV Angstrom) per unordered element pair, index I (I + 1) / 2 + J for J &lt;= I.</summary>
    public IReadOnlyList<double[]> RPhi { get; }

    /// <summary>
    /// The density an atom of element <paramref name="source"/> gives an atom of element <paramref name="target"/>.
    /// </summary>
    public double[] DensityTable(int source, int target) =>
        Format == EamFormat.Alloy ? Density[source] : Density[source * Elements.Count + target];

    /// <summary>The r * phi table of an element pair (either order).</summary>
    public double[] RPhiTable(int a, int b) => a >= b ? RPhi[a * (a + 1) / 2 + b] : RPhi[b * (b + 1) / 2 + a];

    /// <summary>Reads a file; see <see cref="EamFileReader"/>.</summary>
    public static EamFile Read(string path, EamFormat format) => EamFileReader.Read(path, format);

    /// <summary>
    /// The format implied by a file name: <c>*.fs</c> is Finnis-Sinclair; <c>*.alloy</c> and <c>*.setfl</c> are
    /// setfl. Null when the name does not tell.
    /// </summary>
    public static EamFormat? FormatFromFileName(string path)
    {
        string name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".fs", StringComparison.Ordinal)) return EamFormat.FinnisSinclair;
        if (name.EndsWith(".alloy", StringComparison.Ordinal) || name.EndsWith(".setfl", StringComparison.Ordinal)) return EamFormat.Alloy;
        return null;
    }
}
