using System.Text.Json.Serialization;

namespace Nestor.Sampling;

/// <summary>
/// Every setting of a nested-sampling run. Names follow pymatnest's where one exists (in the doc comment);
/// units are eV, Angstrom, GPa, K; step sizes are in pymatnest's units (see each one).
/// </summary>
public sealed record NestedSamplingOptions
{
    /// <summary>Potential spec (e.g. <c>eam:Mg1.eam.fs</c>); recorded in the run record.</summary>
    public string Potential { get; init; } = "";

    /// <summary>Atoms: element symbol and count per species, e.g. [("Mg", 16)] (pymatnest <c>start_species</c>).</summary>
    public IReadOnlyList<SpeciesCount> Atoms { get; init; } = [];

    /// <summary>Pressure in GPa (pymatnest <c>MC_cell_P</c>, which is in eV/A^3). Must be 0 with a fixed cell.</summary>
    public double PressureGPa { get; init; }

    /// <summary>Number of walkers K (<c>n_walkers</c>).</summary>
    public int Walkers { get; init; } = 0;

    /// <summary>Walkers culled per iteration P (<c>n_cull</c>).</summary>
    public int Cull { get; init; } = 1;

    /// <summary>
    /// Model calls per walker lifetime (pymatnest <c>n_model_calls_expected</c>). With <see cref="ParallelWalks"/>
    /// equal to <see cref="Cull"/> every clone is walked this many calls; with more parallel walks the length of each
    /// walk is reduced by pymatnest's formula so that a walker still receives this many calls on average.
    /// </summary>
    public int WalkLength { get; init; } = 0;

    /// <summary>Walks per iteration (pymatnest: number of MPI ranks). Values above <see cref="Cull"/> add extra walks of random walkers, as pymatnest's parallel scheme intended.</summary>
    public int ParallelWalks { get; init; } = 0;

    /// <summary>Stop after this many iterations (0: no limit; one of this and <see cref="ConvergeDownToT"/> is needed).</summary>
    public long NIter { get; init; }

    /// <summary>Stop when the remaining phase space no longer matters at this temperature, K (<c>converge_down_to_T</c>; 0: off).</summary>
    public double ConvergeDownToT { get; init; }

    /// <summary>Boltzmann constant in eV/K used for the convergence test and T estimate (<c>kB</c>).</summary>
    public double KB { get; init; } = 8.617333262e-5;

    /// <summary>Random seed (<c>delta_random_seed</c>).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Atom moves (<c>atom_algorithm</c>).</summary>
    public AtomAlgorithm AtomAlgorithm { get; init; } = AtomAlgorithm.MD;

    /// <summary>MC atom move kind (single-atom sweeps or all-atom moves).</summary>
    public McAtomMove McAtomMove { get; init; } = McAtomMove.SingleAtom;

    /// <summary>Relative weight of atom moves (<c>n_atom_steps</c>).</summary>
    public double AtomSteps { get; init; } = 1;

    /// <summary>Relative weight of cell volume moves (<c>n_cell_volume_steps</c>).</summary>
    public double VolumeSteps { get; init; } = 1;

    /// <summary>Relative weight of cell shear moves (<c>n_cell_shear_steps</c>).</summary>
    public double ShearSteps { get; init; } = 1;

    /// <summary>Relative weight of cell stretch moves (<c>n_cell_stretch_steps</c>).</summary>
    public double StretchSteps { get; init; } = 1;

    /// <summary>MD steps or MC sweeps per atom move (<c>atom_traj_len</c>); an atom move costs this many model calls.</summary>
    public int AtomTrajLength { get; init; } = 8;

    /// <summary>Initial MD time step in ASE time units, about 10.18 fs (<c>MD_atom_timestep</c>).</summary>
    public double MdTimestep { get; init; } = 0.1;

    /// <summary>Largest MD time step (<c>MD_atom_timestep_max</c>).</summary>
    public double MdTimestepMax { get; init; } = 2.0;

    /// <summary>Angle range (rad) of the Givens rotations of the velocity direction (<c>atom_velo_rej_free_perturb_angle</c>).</summary>
    public double VelocityPerturbAngle { get; init; } = 0.3;

    /// <summary>Resample velocities after every MD trajectory, rejection-free in the current energy shell (<c>MD_atom_velo_post_perturb</c>).</summary>
    public bool VelocityPostPerturb { get; init; } = true;

    /// <summary>MC atom step in units of (N max_volume_per_atom)^(1/3) (<c>MC_atom_step_size</c>).</summary>
    public double McAtomStep { get; init; } = 1.0;

    /// <summary>Largest MC atom step, same units (<c>MC_atom_step_size_max</c>).</summary>
    public double McAtomStepMax { get; init; } = 1.0;

    /// <summary>Volume step, A^3 per atom (<c>MC_cell_volume_per_atom_step_size</c>; default max_volume_per_atom/20).</summary>
    public double? VolumeStep { get; init; }

    /// <summary>Largest volume step, A^3 per atom (default max_volume_per_atom/2).</summary>
    public double? VolumeStepMax { get; init; }

    /// <summary>Shear step in units of (N max_volume_per_atom)^(1/3) (<c>MC_cell_shear_step_size</c>).</summary>
    public double ShearStep { get; init; } = 0.1;

    /// <summary>Largest shear step, same units.</summary>
    public double ShearStepMax { get; init; } = 1.0;

    /// <summary>Stretch step, log strain (<c>MC_cell_stretch_step_size</c>).</summary>
    public double StretchStep { get; init; } = 0.1;

    /// <summary>Largest stretch step.</summary>
    public double StretchStepMax { get; init; } = 1.0;

    /// <summary>Smallest allowed cell height over V^(1/3) (<c>MC_cell_min_aspect_ratio</c>; pymatnest's default 0.8, melting needs 0.65).</summary>
    public double MinAspectRatio { get; init; } = 0.8;

    /// <summary>Largest volume per atom, A^3 (<c>max_volume_per_atom</c>): the prior's upper bound.</summary>
    public double MaxVolumePerAtom { get; init; } = 1000;

    /// <summary>Smallest volume per atom, A^3 (<c>min_volume_per_atom</c>).</summary>
    public double MinVolumePerAtom { get; init; } = 1;

    /// <summary>Flat volume prior instead of V^N (<c>MC_cell_flat_V_prior</c>); pymatnest calls it untrustworthy.</summary>
    public bool FlatVPrior { get; init; }

    /// <summary>KEmax = 1.5 N kB T for this T, K (<c>KEmax_max_T</c>; &lt;= 0: 1.5 P N max_volume_per_atom).</summary>
    public double KEmaxMaxT { get; init; } = -1;

    /// <summary>Atom mass in amu for all atoms (pymatnest uses 1.0; thermodynamics do not depend on it).</summary>
    public double Mass { get; init; } = 1.0;

    /// <summary>Shape randomisation rounds for the initial cells (<c>cell_shape_equil_steps</c>).</summary>
    public int CellShapeEquilSteps { get; init; } = 1000;

    /// <summary>Smallest interatomic distance of random initial configurations, A (fork's <c>min_nn_dis</c>; 0: off).</summary>
    public double MinInitialDistance { get; init; }

    /// <summary>Fixed cell (row-major 9 numbers, A) for constant-volume runs, or null for variable cell.</summary>
    public double[]? FixedCell { get; init; }

    /// <summary>Retune step sizes every this many iterations (0: K/P, pymatnest's default).</summary>
    public int AdjustStepInterval { get; init; }

    /// <summary>Multiplicative step-size change when tuning (<c>MC_adjust_step_factor</c>).</summary>
    public double StepFactor { get; init; } = 1.5;

    /// <summary>Trial moves per tuning round (pymatnest: 200).</summary>
    public int TuningTrials { get; init; } = 200;

    /// <summary>Write a culled walker to the trajectory every this many culled samples (<c>traj_interval</c>; 0: no trajectory).</summary>
    public int TrajInterval { get; init; } = 100;

    /// <summary>Snapshot every this many iterations (<c>snapshot_interval</c>; 0: only time-based and at the end).</summary>
    public int SnapshotInterval { get; init; } = 1000;

    /// <summary>Snapshot at least every this many seconds (<c>snapshot_time</c>; 0: off).</summary>
    public double SnapshotSeconds { get; init; } = 600;

    /// <summary>Relative random perturbation of H that breaks ties (<c>random_energy_perturbation</c>).</summary>
    public double EnergyPerturbation { get; init; } = 1e-12;

    /// <summary>Reproduce pymatnest master's extra walk of one random walker every iteration (for like-for-like comparisons only).</summary>
    public bool PymatnestExtraWalk { get; init; }

    /// <summary>Lag (iterations) of the finite-difference temperature estimate (<c>T_estimate_finite_diff_lag</c>).</summary>
    public int TEstimateLag { get; init; } = 1000;

    /// <summary>Threads used (0: all cores). Does not change the output.</summary>
    [JsonIgnore]
    public int Threads { get; init; }

    /// <summary>Total number of atoms.</summary>
    [JsonIgnore]
    public int AtomCount => Atoms.Sum(a => a.Count);

    /// <summary>Pressure in eV/A^3.</summary>
    [JsonIgnore]
    public double Pressure => PressureGPa * Nestor.Atoms.Units.GPa;

    /// <summary>True for a constant-volume run.</summary>
    [JsonIgnore]
    public bool IsFixedCell => FixedCell is not null;

    /// <summary>Walks per iteration after defaults (at least <see cref="Cull"/>).</summary>
    [JsonIgnore]
    public int EffectiveParallelWalks => Math.Max(Cull, ParallelWalks);

    /// <summary>Checks every setting; throws <see cref="NestedSamplingException"/> naming the bad one.</summary>
    public void Validate()
    {
        static void Need(bool ok, string msg) { if (!ok) throw new NestedSamplingException(msg); }
        Need(Atoms.Count > 0 && Atoms.All(a => a.Count > 0), "atoms: give at least one species with a positive count (e.g. Mg:16)");
        foreach (var a in Atoms)
            Need(Nestor.Atoms.Elements.TryNumber(a.Symbol, out _), $"atoms: unknown element '{a.Symbol}'");
        Need(Walkers >= 2, $"walkers must be >= 2 (got {Walkers})");
        Need(Cull >= 1 && 2 * Cull <= Walkers, $"n_cull must be between 1 and walkers/2 (got {Cull})");
        Need(ParallelWalks >= 0 && EffectiveParallelWalks <= Walkers / 2, $"parallel walks must be <= walkers/2 (got {ParallelWalks})");
        Need(WalkLength >= 1, $"walk length (model calls per walk) must be >= 1 (got {WalkLength})");
        Need(NIter > 0 || ConvergeDownToT > 0, "give n_iter or converge_down_to_T");
        Need(NIter >= 0 && ConvergeDownToT >= 0, "n_iter and converge_down_to_T must not be negative");
        Need(KB > 0, "kB must be positive");
        Need(AtomSteps >= 0 && VolumeSteps >= 0 && ShearSteps >= 0 && StretchSteps >= 0, "step ratios must not be negative");
        Need(AtomSteps > 0 || (!IsFixedCell && VolumeSteps + ShearSteps + StretchSteps > 0), "no moves: all step ratios are zero");
        Need(AtomTrajLength >= 1, "atom_traj_len must be >= 1");
        Need(MdTimestep > 0 && MdTimestepMax >= MdTimestep, "MD timestep must be positive and <= its maximum");
        Need(McAtomStep > 0 && McAtomStepMax >= McAtomStep, "MC atom step must be positive and <= its maximum");
        Need(ShearStep > 0 && ShearStepMax >= ShearStep, "shear step must be positive and <= its maximum");
        Need(StretchStep > 0 && StretchStepMax >= StretchStep, "stretch step must be positive and <= its maximum");
        Need(VolumeStep is null || VolumeStep > 0, "volume step must be positive");
        Need(MinAspectRatio > 0 && MinAspectRatio <= 1, "min aspect ratio must be in (0, 1]");
        Need(MaxVolumePerAtom > MinVolumePerAtom && MinVolumePerAtom > 0, "need 0 < min_volume_per_atom < max_volume_per_atom");
        Need(Mass > 0, "mass must be positive");
        Need(StepFactor > 1, "step factor must be > 1");
        Need(TuningTrials >= 10, "tuning trials must be >= 10");
        Need(TrajInterval >= 0 && SnapshotInterval >= 0 && SnapshotSeconds >= 0, "intervals must not be negative");
        Need(MinInitialDistance >= 0, "minimum initial distance must not be negative");
        Need(PressureGPa >= 0, "pressure must not be negative");
        if (IsFixedCell)
        {
            Need(FixedCell!.Length == 9, "fixed cell needs 9 numbers");
            Need(PressureGPa == 0, "a fixed cell (constant volume) run takes no pressure");
        }
        if (AtomAlgorithm == AtomAlgorithm.MD && AtomSteps > 0)
            Need(KEmaxMaxT > 0 || PressureGPa > 0, "MD atom moves need KEmax_max_T > 0 when the pressure is 0");
    }
}

/// <summary>An element and how many atoms of it.</summary>
public sealed record SpeciesCount(string Symbol, int Count);
