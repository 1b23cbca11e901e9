using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Nestor.Potentials;
using Nestor.Sampling.Engine;
using Nestor.Sampling.Output;

namespace Nestor.Sampling;

/// <summary>
/// Constant-pressure, variable-cell (or fixed-cell) nested sampling as in pymatnest: K walkers; each iteration the
/// P highest NS energies are recorded and culled, the culled slots are overwritten with copies of random survivors,
/// and those copies (plus extra walkers when more parallel walks are asked for) are walked under the new ceiling,
/// concurrently (<see cref="WalkPipeline"/>, which also starts the next iteration's walks speculatively while the
/// slowest walk of an iteration finishes). Every walk draws from its own random stream (seed, iteration, slot), so
/// the output depends only on the settings and the seed, not on the thread count. Snapshots allow exact restarts.
/// </summary>
public sealed class NestedSampler
{
    private readonly NestedSamplingOptions _o;
    private readonly IPotential _potential;
    private readonly NsPaths _paths;

    /// <summary>Creates a sampler writing files with prefix <paramref name="prefix"/>.</summary>
    public NestedSampler(NestedSamplingOptions options, IPotential potential, string prefix)
    {
        options.Validate();
        _o = options;
        _potential = potential;
        _paths = new NsPaths(prefix);
        if (potential.Species is { } known)
            foreach (var a in options.Atoms)
                if (!known.Contains(a.Symbol))
                    throw new NestedSamplingException($"the potential {potential.Spec} has no element {a.Symbol} (it knows {string.Join(", ", known)})");
    }

    /// <summary>Called about every <see cref="ProgressIntervalSeconds"/> with the state of the run.</summary>
    public Action<NsProgress>? Progress { get; set; }

    /// <summary>Seconds between progress reports.</summary>
    public double ProgressIntervalSeconds { get; set; } = 1.0;

    /// <summary>The output files.</summary>
    public NsPaths Paths => _paths;

    /// <summary>The options serialised as the snapshot stores them (threads excluded: they do not change the output).</summary>
    public static string OptionsJson(NestedSamplingOptions o) => JsonSerializer.Serialize(o, Json.Compact);

    /// <summary>The options that must match for a restart: all but n_iter (a run may be extended).</summary>
    private static string RestartKey(NestedSamplingOptions o) => OptionsJson(o with { NIter = 0 });

    /// <summary>Runs (or continues from the last snapshot) until n_iter or convergence, or until cancelled.</summary>
    public NsRunResult Run(CancellationToken cancel = default)
    {
        var o = _o;
        var clock = Stopwatch.StartNew();
        int threads = o.Threads > 0 ? o.Threads : Environment.ProcessorCount;
        int walks = WalkPlan.WalksPerIteration(o);
        int budget = WalkPlan.CallsPerWalk(o);
        int k = o.Walkers, p = o.Cull, n = o.AtomCount;
        var contexts = new WalkContext[walks];
        var scratch = new Walker[walks];
        for (int c = 0; c < walks; c++) contexts[c] = new WalkContext(n);
        var set = new WalkSettings(_potential, o, StepSizes.FromOptions(o));
        string optionsJson = OptionsJson(o);
        using var team = new WorkerTeam(threads);

        Walker[] walkers;
        Snapshot state;
        long tInit = 0, tTune = 0, tWalk = 0, tSnap = 0;
        bool resumed = false;
        var record = RunRecord.TryLoad(_paths.RunRecord);
        AppendFile energies;
        AppendFile? traj = null;
        if (File.Exists(_paths.Snapshot))
        {
            state = Snapshot.Load(_paths.Snapshot);
            NestedSamplingOptions? old;
            try { old = JsonSerializer.Deserialize<NestedSamplingOptions>(state.OptionsJson, Json.Compact); }
            catch (JsonException) { old = null; }
            if (old is null || RestartKey(old) != RestartKey(o))
                throw new NestedSamplingException(
                    $"{_paths.Snapshot} belongs to a run with different settings (only n_iter may change); use another --out prefix or delete the old files (snapshot settings: {state.OptionsJson})");
            bool extend = state.Finished && state.StopReason == "n_iter" && o.NIter > state.NextIteration;
            if (state.Finished && !extend)
                return new NsRunResult(state.NextIteration, "already finished (" + state.StopReason + ")", true, false, 0, 0);
            state.Finished = false;
            state.OptionsJson = optionsJson;
            resumed = true;
            set.Steps = state.Steps;
            set.KEmax = state.KEmax;
            walkers = new Walker[k];
            var template = WalkerInitialiser.Symbols(o);
            for (int i = 0; i < k; i++)
            {
                var s = new Nestor.Atoms.Structure(template, new double[3 * n], Nestor.Atoms.Cell.Cubic(1));
                var masses = new double[n];
                Array.Fill(masses, o.Mass);
                s.SetMasses(masses);
                walkers[i] = new Walker(s);
                state.Walkers[i].RestoreInto(walkers[i]);
            }
            energies = new AppendFile(_paths.Energies, state.EnergiesBytes);
            if (state.TrajectoryBytes >= 0) traj = new AppendFile(_paths.Trajectory, state.TrajectoryBytes);
            record ??= new RunRecord();
            record.Restarts++;
        }
        else
        {
            set.KEmax = WalkerInitialiser.KEmax(o);
            walkers = new Walker[k];
            tInit = Stopwatch.GetTimestamp();
            team.Run(walks, c =>
            {
                for (int i = c; i < k; i += walks) walkers[i] = WalkerInitialiser.Create(i, set, contexts[c], o.Seed);
            });
            tInit = Stopwatch.GetTimestamp() - tInit;
            state = new Snapshot { OptionsJson = optionsJson, Steps = set.Steps, KEmax = set.KEmax };
            energies = new AppendFile(_paths.Energies, null);
            int extraDof = o.AtomAlgorithm == AtomAlgorithm.MD && o.AtomSteps > 0 ? 0 : 3 * n;
            energies.Writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{k} {p} {extraDof} {(o.FlatVPrior ? "True" : "False")} {n}\n"));
            if (o.TrajInterval > 0) traj = new AppendFile(_paths.Trajectory, null);
            record = new RunRecord();
        }
        for (int c = 0; c < walks; c++) scratch[c] = walkers[0].Clone();
        int adjustInterval = o.AdjustStepInterval > 0 ? o.AdjustStepInterval : Math.Max(1, k / p);
        var predictor = new IterationPlanner(k, o.Seed);
        bool Predict(long it, bool[] unknown, IterationPlan next) =>
            (o.NIter <= 0 || it < o.NIter) && it % adjustInterval != 0 && !cancel.IsCancellationRequested
            && predictor.Make(it, walkers, unknown, next);
        using var pipeline = new WalkPipeline(walkers, threads, walks, p, n, (w, ctx, it, c) =>
        {
            long p0 = ctx.PotentialTicks;
            ctx.Rng.Reset(o.Seed, it, c);
            ctx.ResetWorkspace();
            WalkerWalk.Walk(w, budget, set, ctx);
            w.LastWalkedIteration = it;
            ctx.WalkPotentialTicks += ctx.PotentialTicks - p0;
        }, Predict);
        long Calls() => contexts.Sum(c => c.ModelCalls) + pipeline.CommittedCalls;
        record.Seed = o.Seed;
        record.Threads = threads;
        record.ModelCallsPerWalk = budget;
        record.WalksPerIteration = walks;
        record.Options = o;
        record.Save(_paths.RunRecord);

        long modelCallsStart = Calls();
        double wallBefore = state.WallSeconds;
        var tuner = new StepSizeTuner(set, contexts, scratch, team);
        string configType = Path.GetFileName(_paths.Prefix);
        var history = new Queue<double>(state.EmaxHistory);
        int lag = Math.Max(1, o.TEstimateLag);
        double dLogXPerIter = 0;
        for (int m = 0; m < p; m++) dLogXPerIter += Math.Log(k - m) - Math.Log(k + 1 - m);

        var planner = new IterationPlanner(k, o.Seed);
        var plan = new IterationPlan(p, walks);
        var reportStats = new MoveStatistics();
        double lastReport = 0, lastSnapshot = 0, lastFlush = 0;
        long callsAtReport = 0;
        string? stop = null;

        void SaveSnapshot(bool finished)
        {
            long t0 = Stopwatch.GetTimestamp();
            state.EnergiesBytes = energies.Flush(toDisk: true);
            state.TrajectoryBytes = traj?.Flush(toDisk: true) ?? -1;
            state.Steps = set.Steps;
            state.KEmax = set.KEmax;
            state.EmaxHistory = [.. history];
            long calls = Calls();
            state.ModelCalls += calls - modelCallsStart;
            modelCallsStart = calls;
            state.WallSeconds = wallBefore + clock.Elapsed.TotalSeconds;
            state.Finished = finished;
            state.StopReason = finished ? stop : null;
            state.Walkers = walkers.Select(WalkerState.From).ToList();
            state.Save(_paths.Snapshot);
            tSnap += Stopwatch.GetTimestamp() - t0;
        }

        if (!resumed) SaveSnapshot(false);

        long firstIteration = state.NextIteration;
        double betaC = o.ConvergeDownToT > 0 ? 1.0 / (o.KB * o.ConvergeDownToT) : 0;
        while (true)
        {
            long iter = state.NextIteration;
            if (o.NIter > 0 && iter >= o.NIter) { stop = "n_iter"; break; }
            if (cancel.IsCancellationRequested) { stop = "cancelled"; break; }

            // 1. the plan: the P highest NS energies (ties: lower index first) are culled, in decreasing order;
            //    survivors drawn to clone into their slots, and extra walkers to walk
            planner.Make(iter, walkers, null, plan);
            double emax = plan.Emax;

            // 2. record the culled samples; convergence test at converge_down_to_T
            bool converged = false;
            foreach (int i in plan.Culled)
            {
                var w = walkers[i];
                long sample = state.Samples++;
                energies.Writer.Write(string.Create(CultureInfo.InvariantCulture, $"{iter} {w.H:R} {w.Structure.Cell.Volume:R}\n"));
                if (traj is not null && sample % o.TrajInterval == o.TrajInterval - 1)
                    TrajectoryFrame.Write(traj.Writer, w, iter, sample, o.Pressure, set.KEmax, configType);
                long mod = sample % p;
                state.LogX += Math.Log(k - mod) - Math.Log(k + 1 - mod);
                if (betaC > 0)
                {
                    double logA = state.LogX - Math.Log(k + 1 - (sample + 1) % p);
                    double term = logA - betaC * w.H;
                    if (term > state.MaxLogTerm) state.MaxLogTerm = term;
                    else if (term < state.MaxLogTerm - 10) converged = true;
                }
            }
            history.Enqueue(emax);
            while (history.Count > lag + 1) history.Dequeue();
            if (converged) { stop = "converge_down_to_T"; state.NextIteration = iter + 1; break; }

            // 3. step sizes, tuned on throw-away copies of the live walkers: the clones take the culled walkers'
            //    places first (as pymatnest clones before it tunes; the walks themselves copy their sources anyway,
            //    and no walk runs ahead into an iteration that tunes)
            if (iter % adjustInterval == 0)
            {
                long t0 = Stopwatch.GetTimestamp();
                for (int c = 0; c < p; c++) walkers[plan.Culled[c]].CopyFrom(walkers[plan.Source[c]]);
                tuner.Tune(walkers, emax, o.Seed, iter);
                tTune += Stopwatch.GetTimestamp() - t0;
            }

            // 4. walk, concurrently: copies of the sources replace the targets
            long tw = Stopwatch.GetTimestamp();
            pipeline.Run(plan);
            tWalk += Stopwatch.GetTimestamp() - tw;
            state.NextIteration = iter + 1;

            // 5. snapshot, progress
            double now = clock.Elapsed.TotalSeconds;
            if ((o.SnapshotInterval > 0 && state.NextIteration % o.SnapshotInterval == 0) ||
                (o.SnapshotSeconds > 0 && now - lastSnapshot >= o.SnapshotSeconds))
            {
                SaveSnapshot(false);
                lastSnapshot = now;
            }
            if (now - lastFlush >= 1)
            {
                energies.Flush();
                traj?.Flush();
                lastFlush = now;
            }
            if (Progress is not null && now - lastReport >= ProgressIntervalSeconds)
            {
                Report(now - lastReport);
                lastReport = now;
            }
        }

        void Report(double dt)
        {
            reportStats.Clear();
            foreach (var c in contexts) { reportStats.Add(c.Stats); c.Stats.Clear(); }
            pipeline.TakeStatistics(reportStats);
            long calls = Calls();
            double rate = dt > 0 ? (calls - callsAtReport) / dt : double.NaN;
            callsAtReport = calls;
            double t = double.NaN;
            if (history.Count > 1)
            {
                double[] h = [.. history];
                double dE = h[^1] - h[0];
                double dLogX = (h.Length - 1) * dLogXPerIter;
                if (dE < 0) t = dE / (o.KB * dLogX);
            }
            double elapsed = clock.Elapsed.TotalSeconds;
            long done = state.NextIteration;
            double left = o.NIter > 0 && done > 0 ? (o.NIter - done) * elapsed / Math.Max(1, done - firstIteration) : double.NaN;
            double lowest = walkers.Min(w => w.H);
            Progress!(new NsProgress(done, history.Count > 0 ? history.Last() : double.NaN, t, [.. Enumerable.Range(0, 4).Select(m => reportStats.Rate((MoveKind)m))],
                rate, elapsed, left, lowest));
        }

        if (Progress is not null) Report(clock.Elapsed.TotalSeconds - lastReport);
        pipeline.Dispose(); // abandons the speculation beyond the last iteration
        bool finishedNow = stop != "cancelled";
        SaveSnapshot(finishedNow);
        energies.Dispose();
        traj?.Dispose();
        record.Iterations = state.NextIteration;
        record.ModelCalls = state.ModelCalls;
        record.WallSeconds = state.WallSeconds;
        record.Finished = finishedNow;
        record.StopReason = stop;
        record.LowestH = walkers.Min(w => w.H);
        long sessionCalls = Calls();
        double wall = clock.Elapsed.TotalSeconds;
        static double Sec(long ticks) => (double)ticks / Stopwatch.Frequency;
        var walkContexts = pipeline.Contexts.ToArray();
        double walkBusy = pipeline.BusyThreadSeconds;
        double potential = Sec(contexts.Sum(c => c.PotentialTicks) + walkContexts.Sum(c => c.PotentialTicks));
        // the walk workers wait, not idle cores, while the step sizes are tuned on all threads
        double idle = threads > 1 ? Math.Max(0, pipeline.WaitThreadSeconds - threads * Sec(tTune)) : 0;
        var timing = new RunTiming
        {
            WallSeconds = wall,
            Threads = threads,
            ModelCalls = sessionCalls,
            InitialiseSeconds = Sec(tInit),
            TuneSeconds = Sec(tTune),
            WalkSeconds = Sec(tWalk),
            SnapshotSeconds = Sec(tSnap),
            SerialSeconds = Math.Max(0, wall - Sec(tInit + tTune + tWalk + tSnap)),
            PotentialThreadSeconds = potential,
            EngineThreadSeconds = Math.Max(0, walkBusy - Sec(walkContexts.Sum(c => c.WalkPotentialTicks))),
            IdleThreadSeconds = idle,
            AdoptedWalks = pipeline.AdoptedWalks,
            AbandonedWalks = pipeline.AbandonedWalks,
            AbandonedCalls = pipeline.AbandonedCalls,
        };
        record.Timing = timing;
        record.Save(_paths.RunRecord);
        return new NsRunResult(state.NextIteration, stop!, false, resumed, sessionCalls, wall, timing);
    }

}
