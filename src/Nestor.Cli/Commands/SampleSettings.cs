using System.Globalization;
using Nestor.Sampling;

namespace Nestor.Cli.Commands;

/// <summary>
/// The settings of <c>nestor sample</c>: one table shared by the command-line flags and the TOML keys, so every
/// setting has both. Values are parsed from text with errors naming the flag or key.
/// </summary>
public static class SampleSettings
{
    /// <summary>One setting: TOML key, flag, help text and how it changes the options.</summary>
    public sealed record Setting(string Key, string Flag, string Help, Func<NestedSamplingOptions, string, string, NestedSamplingOptions> Apply);

    private static double D(string where, string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw new UserInputException($"{where}: '{s}' is not a finite number");

    private static int I(string where, string s) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw new UserInputException($"{where}: '{s}' is not an integer");

    private static long L(string where, string s) =>
        long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : throw new UserInputException($"{where}: '{s}' is not an integer");

    private static bool B(string where, string s) => s.Trim().ToLowerInvariant() switch
    {
        "true" or "t" or "yes" or "1" => true,
        "false" or "f" or "no" or "0" => false,
        _ => throw new UserInputException($"{where}: '{s}' is not true or false"),
    };

    /// <summary>Parses "Mg:16" or "Mg:14,Al:2".</summary>
    public static List<SpeciesCount> ParseAtoms(string where, string s)
    {
        var list = new List<SpeciesCount>();
        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = part.Split(':');
            if (f.Length != 2) throw new UserInputException($"{where}: '{part}' is not SYMBOL:COUNT (e.g. Mg:16)");
            list.Add(new SpeciesCount(f[0].Trim(), I(where, f[1].Trim())));
        }
        if (list.Count == 0) throw new UserInputException($"{where}: no atoms given (e.g. Mg:16)");
        return list;
    }

    /// <summary>Parses a cell: "A" (cube), "a b c" (orthorhombic) or 9 numbers (rows a, b, c).</summary>
    public static double[] ParseCell(string where, string s)
    {
        var f = s.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(x => D(where, x)).ToArray();
        return f.Length switch
        {
            1 => [f[0], 0, 0, 0, f[0], 0, 0, 0, f[0]],
            3 => [f[0], 0, 0, 0, f[1], 0, 0, 0, f[2]],
            9 => f,
            _ => throw new UserInputException($"{where}: give 1 (cube edge), 3 (a b c) or 9 numbers, got {f.Length}"),
        };
    }

    /// <summary>Every setting. Keys follow pymatnest's names where one exists.</summary>
    public static readonly Setting[] All =
    [
        new("potential", "--potential", "potential spec, e.g. eam:Mg1.eam.fs or lj:epsilon=0.1,sigma=2.5,cutoff=10,shift=true", (o, w, s) => o with { Potential = s }),
        new("atoms", "--atoms", "atoms as SYMBOL:COUNT[,SYMBOL:COUNT], e.g. Mg:16", (o, w, s) => o with { Atoms = ParseAtoms(w, s) }),
        new("pressure", "--pressure", "pressure, GPa (pymatnest MC_cell_P is in eV/A^3)", (o, w, s) => o with { PressureGPa = D(w, s) }),
        new("n_walkers", "--walkers", "number of walkers K", (o, w, s) => o with { Walkers = I(w, s) }),
        new("n_cull", "--n-cull", "walkers culled per iteration (default 1)", (o, w, s) => o with { Cull = I(w, s) }),
        new("n_model_calls_expected", "--walk-length", "model calls per walker lifetime (pymatnest n_model_calls_expected)", (o, w, s) => o with { WalkLength = I(w, s) }),
        new("parallel_walks", "--parallel-walks", "walks per iteration (pymatnest: MPI ranks; default: the thread count, at least n_cull)", (o, w, s) => o with { ParallelWalks = I(w, s) }),
        new("n_iter", "--n-iter", "stop after this many iterations", (o, w, s) => o with { NIter = L(w, s) }),
        new("converge_down_to_T", "--converge-down-to-T", "stop when the remaining phase space no longer matters at this T (K)", (o, w, s) => o with { ConvergeDownToT = D(w, s) }),
        new("seed", "--seed", "random seed (default 1)", (o, w, s) => o with { Seed = L(w, s) }),
        new("cell", "--cell", "fixed cell for a constant-volume run: A, \"a b c\" or 9 numbers (A)", (o, w, s) => o with { FixedCell = ParseCell(w, s) }),
        new("threads", "--threads", "threads (default: all cores); does not change the output", (o, w, s) => o with { Threads = I(w, s) }),
        new("atom_algorithm", "--atom-algorithm", "MD or MC (default MD)", (o, w, s) => o with
        {
            AtomAlgorithm = s.Trim().ToUpperInvariant() switch
            {
                "MD" => AtomAlgorithm.MD, "MC" => AtomAlgorithm.MC,
                _ => throw new UserInputException($"{w}: '{s}' is not MD or MC"),
            },
        }),
        new("mc_atom_move", "--mc-atom-move", "single (single-atom sweeps, default) or all (all-atom moves)", (o, w, s) => o with
        {
            McAtomMove = s.Trim().ToLowerInvariant() switch
            {
                "single" => McAtomMove.SingleAtom, "all" => McAtomMove.AllAtoms,
                _ => throw new UserInputException($"{w}: '{s}' is not single or all"),
            },
        }),
        new("n_atom_steps", "--atom-steps", "relative weight of atom moves (default 1)", (o, w, s) => o with { AtomSteps = D(w, s) }),
        new("n_cell_volume_steps", "--volume-steps", "relative weight of volume moves (default 1)", (o, w, s) => o with { VolumeSteps = D(w, s) }),
        new("n_cell_shear_steps", "--shear-steps", "relative weight of shear moves (default 1)", (o, w, s) => o with { ShearSteps = D(w, s) }),
        new("n_cell_stretch_steps", "--stretch-steps", "relative weight of stretch moves (default 1)", (o, w, s) => o with { StretchSteps = D(w, s) }),
        new("atom_traj_len", "--atom-traj-len", "MD steps (or MC sweeps) per atom move (default 8)", (o, w, s) => o with { AtomTrajLength = I(w, s) }),
        new("MD_atom_timestep", "--md-timestep", "initial MD time step, ASE time units (default 0.1)", (o, w, s) => o with { MdTimestep = D(w, s) }),
        new("MD_atom_timestep_max", "--md-timestep-max", "largest MD time step (default 2.0)", (o, w, s) => o with { MdTimestepMax = D(w, s) }),
        new("MD_atom_velo_post_perturb", "--velocity-post-perturb", "resample velocities after each MD trajectory (default true)", (o, w, s) => o with { VelocityPostPerturb = B(w, s) }),
        new("atom_velo_rej_free_perturb_angle", "--velocity-perturb-angle", "rotation angle range of the velocity resampling, rad (default 0.3)", (o, w, s) => o with { VelocityPerturbAngle = D(w, s) }),
        new("MC_atom_step_size", "--mc-atom-step", "MC atom step in units of (N Vmax)^(1/3) (default 1.0)", (o, w, s) => o with { McAtomStep = D(w, s) }),
        new("MC_atom_step_size_max", "--mc-atom-step-max", "largest MC atom step, same units (default 1.0)", (o, w, s) => o with { McAtomStepMax = D(w, s) }),
        new("MC_cell_volume_per_atom_step_size", "--volume-step", "volume step, A^3/atom (default Vmax/20)", (o, w, s) => o with { VolumeStep = D(w, s) }),
        new("MC_cell_volume_per_atom_step_size_max", "--volume-step-max", "largest volume step, A^3/atom (default Vmax/2)", (o, w, s) => o with { VolumeStepMax = D(w, s) }),
        new("MC_cell_shear_step_size", "--shear-step", "shear step in units of (N Vmax)^(1/3) (default 0.1)", (o, w, s) => o with { ShearStep = D(w, s) }),
        new("MC_cell_shear_step_size_max", "--shear-step-max", "largest shear step (default 1.0)", (o, w, s) => o with { ShearStepMax = D(w, s) }),
        new("MC_cell_stretch_step_size", "--stretch-step", "stretch step, log strain (default 0.1)", (o, w, s) => o with { StretchStep = D(w, s) }),
        new("MC_cell_stretch_step_size_max", "--stretch-step-max", "largest stretch step (default 1.0)", (o, w, s) => o with { StretchStepMax = D(w, s) }),
        new("MC_cell_min_aspect_ratio", "--min-aspect-ratio", "smallest cell height / V^(1/3) (default 0.8; 0.65 for melting)", (o, w, s) => o with { MinAspectRatio = D(w, s) }),
        new("max_volume_per_atom", "--max-volume-per-atom", "upper volume bound of the prior, A^3/atom (default 1000)", (o, w, s) => o with { MaxVolumePerAtom = D(w, s) }),
        new("min_volume_per_atom", "--min-volume-per-atom", "lower volume bound, A^3/atom (default 1)", (o, w, s) => o with { MinVolumePerAtom = D(w, s) }),
        new("MC_cell_flat_V_prior", "--flat-v-prior", "flat volume prior instead of V^N (default false)", (o, w, s) => o with { FlatVPrior = B(w, s) }),
        new("KEmax_max_T", "--kemax-max-t", "KEmax = 1.5 N kB T for this T, K (default: 1.5 P N Vmax)", (o, w, s) => o with { KEmaxMaxT = D(w, s) }),
        new("mass", "--mass", "atom mass, amu (default 1.0 as pymatnest; thermodynamics do not depend on it)", (o, w, s) => o with { Mass = D(w, s) }),
        new("cell_shape_equil_steps", "--cell-shape-equil-steps", "shape randomisation rounds of initial cells (default 1000)", (o, w, s) => o with { CellShapeEquilSteps = I(w, s) }),
        new("min_nn_dis", "--min-distance", "smallest interatomic distance of initial configurations, A (default 0: off)", (o, w, s) => o with { MinInitialDistance = D(w, s) }),
        new("adjust_step_interval", "--adjust-step-interval", "retune step sizes every this many iterations (default K/n_cull)", (o, w, s) => o with { AdjustStepInterval = I(w, s) }),
        new("MC_adjust_step_factor", "--step-factor", "step-size change factor when tuning (default 1.5)", (o, w, s) => o with { StepFactor = D(w, s) }),
        new("tuning_trials", "--tuning-trials", "trial moves per tuning round (default 200)", (o, w, s) => o with { TuningTrials = I(w, s) }),
        new("traj_interval", "--traj-interval", "write every this many culled samples to the trajectory (default 100; 0: none)", (o, w, s) => o with { TrajInterval = I(w, s) }),
        new("snapshot_interval", "--snapshot-interval", "snapshot every this many iterations (default 1000)", (o, w, s) => o with { SnapshotInterval = I(w, s) }),
        new("snapshot_time", "--snapshot-seconds", "snapshot at least every this many seconds (default 600)", (o, w, s) => o with { SnapshotSeconds = D(w, s) }),
        new("random_energy_perturbation", "--energy-perturbation", "relative tie-breaking perturbation of H (default 1e-12)", (o, w, s) => o with { EnergyPerturbation = D(w, s) }),
        new("pymatnest_extra_walk", "--pymatnest-extra-walk", "also walk one random walker per parallel walk every iteration, as pymatnest master does by mistake (comparisons only)", (o, w, s) => o with { PymatnestExtraWalk = B(w, s) }),
        new("kB", "--kb", "Boltzmann constant, eV/K (default 8.617333262e-5)", (o, w, s) => o with { KB = D(w, s) }),
        new("T_estimate_finite_diff_lag", "--t-estimate-lag", "iterations of the temperature estimate (default 1000)", (o, w, s) => o with { TEstimateLag = I(w, s) }),
    ];

    /// <summary>The setting of a TOML key (case-sensitive as pymatnest, but also accepting lower case).</summary>
    public static Setting? ByKey(string key) =>
        All.FirstOrDefault(s => s.Key == key) ?? All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));
}
