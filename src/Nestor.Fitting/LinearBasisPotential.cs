using Nestor.Atoms;
using Nestor.Potentials;

namespace Nestor.Fitting;

/// <summary>
/// Any <see cref="ILinearBasis"/> with fitted coefficients as a potential: E = sum_k c_k B_k, forces and virial by
/// contracting the basis derivatives with c. Generic (it evaluates the whole design row of the structure, so it costs
/// about M times a dedicated implementation); with a committee it implements <see cref="ICommitteePotential"/>.
/// With E0 values the one-body term sum_i E0(species_i) is added to the energy of the model and of every member
/// (it contributes no forces or virial); per-atom energies include E0 of their atom.
/// </summary>
public sealed class LinearBasisPotential : ICommitteePotential
{
    private readonly ILinearBasis _basis;
    private readonly double[] _c;
    private readonly double[][] _committee;
    private readonly Dictionary<string, double>? _e0;
    private readonly string? _spec;

    /// <summary>Creates the potential; every coefficient vector must have the basis length.</summary>
    public LinearBasisPotential(ILinearBasis basis, double[] coefficients, IReadOnlyList<double[]>? committee = null,
        IReadOnlyDictionary<string, double>? e0 = null, string? spec = null)
    {
        _e0 = e0 is null ? null : new Dictionary<string, double>(e0);
        _spec = spec;
        _basis = basis;
        if (coefficients.Length != basis.Length)
            throw new ArgumentException($"{coefficients.Length} coefficients for a basis of {basis.Length} functions");
        _c = (double[])coefficients.Clone();
        _committee = (committee ?? []).Select(m => m.Length == basis.Length ? (double[])m.Clone()
            : throw new ArgumentException($"a committee member has {m.Length} coefficients for {basis.Length} functions")).ToArray();
    }

    /// <summary><c>linear:PATH</c> when read from a model file, otherwise <c>linear:</c> + the basis description (informative only).</summary>
    public string Spec => _spec ?? "linear:" + _basis.Description;
    public double Cutoff => _basis.Cutoff;
    public IReadOnlyList<string>? Species => _basis.Species;
    public int CommitteeSize => _committee.Length;

    /// <summary>The basis.</summary>
    public ILinearBasis Basis => _basis;

    /// <summary>A copy of the coefficients.</summary>
    public double[] Coefficients => (double[])_c.Clone();

    public void Compute(Structure structure, Quantities quantities, PotentialResult result) =>
        ComputeCommittee(structure, quantities, result, []);

    public void ComputeCommittee(Structure s, Quantities q, PotentialResult result, Span<double> committeeEnergies)
    {
        if (committeeEnergies.Length > 0 && committeeEnergies.Length != _committee.Length)
            throw new ArgumentException($"need room for {_committee.Length} committee energies");
        int n = s.Count, m = _basis.Length;
        result.Prepare(n, q);
        var ws = result.GetWorkspace(this, () => new Scratch(_basis.CreateWorkspace()));
        bool wantF = (q & Quantities.Forces) != 0, wantV = (q & Quantities.Virial) != 0, wantA = (q & Quantities.AtomEnergies) != 0;
        ws.Size(n, m);
        _basis.Evaluate(s, ws.Energy, wantF ? ws.Forces.AsSpan(0, 3 * n * m) : [], wantV ? ws.Virial : [],
            wantA ? ws.Sites.AsSpan(0, n * m) : [], ws.Basis);
        double one = 0;
        if (_e0 is not null)
            foreach (var sym in s.Symbols)
                one += _e0.TryGetValue(sym, out double v) ? v : throw new PotentialException($"linear potential: no E0 for {sym}");
        result.Energy = one + Dot(ws.Energy, _c);
        for (int j = 0; j < committeeEnergies.Length; j++) committeeEnergies[j] = one + Dot(ws.Energy, _committee[j]);
        if (wantF)
            for (int r = 0; r < 3 * n; r++) result.Forces[r] = Dot(ws.Forces.AsSpan(r * m, m), _c);
        if (wantA)
            for (int i = 0; i < n; i++)
                result.AtomEnergies[i] = Dot(ws.Sites.AsSpan(i * m, m), _c) + (_e0 is null ? 0 : _e0[s.Symbols[i]]);
        if (wantV)
        {
            ReadOnlySpan<int> map = [0, 4, 8, 5, 2, 1]; // Voigt xx yy zz yz xz xy -> row-major
            var v = result.Virial;
            for (int k = 0; k < 6; k++) v[map[k]] = Dot(ws.Virial.AsSpan(k * m, m), _c);
            v[7] = v[5]; v[6] = v[2]; v[3] = v[1];
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double acc = 0;
        for (int i = 0; i < a.Length; i++) acc += a[i] * b[i];
        return acc;
    }

    private sealed class Scratch(LinearBasisWorkspace basis) : PotentialWorkspace
    {
        public LinearBasisWorkspace Basis { get; } = basis;
        public double[] Energy = [];
        public double[] Forces = [];
        public double[] Virial = [];
        public double[] Sites = [];

        // the bases recompute their neighbours at every call: nothing is cached between evaluations
        public override void Invalidate() { }

        public void Size(int n, int m)
        {
            if (Energy.Length != m) { Energy = new double[m]; Virial = new double[6 * m]; }
            if (Forces.Length < 3 * n * m) Forces = new double[3 * n * m];
            if (Sites.Length < n * m) Sites = new double[n * m];
        }
    }
}
