using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Nestor.Sampling.Engine;

/// <summary>
/// Runs the walks of NS iterations on a team of worker threads, and keeps them busy across iteration boundaries by
/// speculation. The walks of one iteration cost different amounts (walkers at different densities), so with a
/// barrier after every iteration the threads that finish first wait for the slowest walk. Instead, a worker that finds
/// nothing left of the current iteration predicts the next iteration's plan from the walkers it already knows (the
/// walkers still being walked are left out; see <see cref="IterationPlanner"/>) and starts those walks on copies. When
/// the current iteration ends, the sampler makes the real plan; if it is the predicted one, the speculative walks are
/// adopted (finished or still running), otherwise they are abandoned and redone. A walk's result depends only on its
/// plan and its random stream (seed, iteration, slot), never on when or on which thread it ran, so the output is the
/// same as without speculation and for every thread count.
/// <para>
/// Walks always run on copies (one buffer walker per slot and iteration parity) that replace their target walker on
/// commit, which happens when the iteration is current (the sampler has recorded its culled walkers). Buffers
/// alternate between even and odd iterations, so the current iteration and the speculative next one never share
/// them. Each worker thread keeps its own context (random stream, potential workspace), which stays in that core's
/// caches; a walk resets the stream and the workspace's cached state first, so it does not matter which context
/// ran what before (the determinism tests run 1, 2 and 3 threads). With one thread everything runs on the calling
/// thread, without speculation.
/// </para>
/// </summary>
public sealed class WalkPipeline : IDisposable
{
    /// <summary>Walks <paramref name="w"/> with the context's random stream and ceiling already set.</summary>
    public delegate void WalkBody(Walker w, WalkContext ctx, long iteration, int slot);

    /// <summary>
    /// Predicts the plan of <paramref name="iteration"/> into <paramref name="plan"/> with the walkers marked in
    /// <paramref name="unknown"/> left out; false when no prediction is possible or speculation is not allowed (an
    /// iteration that tunes step sizes first, or one beyond the end of the run). Called under the pipeline's lock.
    /// </summary>
    public delegate bool Predictor(long iteration, bool[] unknown, IterationPlan plan);

    private enum SlotState : byte { Ready, Running, Done }

    /// <summary>One iteration's walks in flight; three are reused in turn (current, speculative, being made).</summary>
    private sealed class Batch(int cull, int walks)
    {
        public readonly IterationPlan Plan = new(cull, walks);
        public readonly SlotState[] State = new SlotState[walks];
        public readonly long[] Calls = new long[walks];
        public readonly WalkContext?[] Context = new WalkContext?[walks];
        public int Parity;
        public bool Current;
        public bool Abandoned;
        public int Running;
        public int Remaining;
        public ExceptionDispatchInfo? Error;

        public void Reset()
        {
            Parity = (int)(Plan.Iteration & 1);
            Array.Clear(State);
            Array.Clear(Calls);
            Current = Abandoned = false;
            Error = null;
            Running = 0;
            Remaining = Plan.Walks;
        }
    }

    private readonly Walker[] _walkers;
    private readonly WalkContext[] _contexts; // one per worker thread
    private readonly Walker[][] _buffers;
    private readonly Batch[] _batches;
    private readonly WalkBody _walk;
    private readonly Predictor _predict;
    private readonly Thread[] _threads;
    private readonly bool[] _unknown;
    private readonly object _gate = new();
    private Batch? _current, _spec;
    private long _completions, _lastAttempt = -1;
    private ExceptionDispatchInfo? _error;
    private bool _stopping;
    private long _waitTicks, _busyTicks;
    private readonly MoveStatistics _stats = new();

    /// <summary>
    /// A pipeline over <paramref name="walkers"/> (entries are replaced by the walked copies) with
    /// <paramref name="threads"/> workers and <paramref name="walks"/> slots per iteration.
    /// </summary>
    public WalkPipeline(Walker[] walkers, int threads, int walks, int cull, int atoms, WalkBody walk, Predictor predict)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        _walkers = walkers;
        _walk = walk;
        _predict = predict;
        Threads = threads;
        _unknown = new bool[walkers.Length];
        _contexts = new WalkContext[threads];
        for (int t = 0; t < threads; t++) _contexts[t] = new WalkContext(atoms);
        _buffers = new Walker[2][];
        _batches = [new Batch(cull, walks), new Batch(cull, walks), new Batch(cull, walks)];
        for (int parity = 0; parity < 2; parity++)
        {
            _buffers[parity] = new Walker[walks];
            for (int c = 0; c < walks; c++)
            {
                _buffers[parity][c] = walkers[0].Clone();
            }
        }
        _threads = new Thread[threads == 1 ? 0 : threads];
        for (int t = 0; t < _threads.Length; t++)
        {
            int worker = t;
            _threads[t] = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"nestor-walk-{t}" };
            _threads[t].Start();
        }
    }

    /// <summary>Worker threads (1: walks run on the calling thread).</summary>
    public int Threads { get; }

    /// <summary>Every context the walks use (for timing and counters).</summary>
    public IEnumerable<WalkContext> Contexts => _contexts;

    /// <summary>Model calls of walks that were committed (abandoned speculation excluded).</summary>
    public long CommittedCalls { get; private set; }

    /// <summary>Model calls spent on abandoned speculative walks.</summary>
    public long AbandonedCalls { get; private set; }

    /// <summary>Speculative walks that were adopted.</summary>
    public long AdoptedWalks { get; private set; }

    /// <summary>Speculative walks that were abandoned (their iteration's plan differed from the prediction).</summary>
    public long AbandonedWalks { get; private set; }

    /// <summary>Thread seconds the workers spent waiting for work.</summary>
    public double WaitThreadSeconds { get { lock (_gate) return (double)_waitTicks / Stopwatch.Frequency; } }

    /// <summary>Thread seconds the workers spent walking (abandoned walks included).</summary>
    public double BusyThreadSeconds { get { lock (_gate) return (double)_busyTicks / Stopwatch.Frequency; } }

    /// <summary>Adds the move statistics of the committed walks since the last call to <paramref name="into"/> and clears them.</summary>
    public void TakeStatistics(MoveStatistics into)
    {
        lock (_gate)
        {
            into.Add(_stats);
            _stats.Clear();
        }
    }

    /// <summary>
    /// Runs the walks of <paramref name="plan"/> (whose culled walkers the caller has recorded) and returns when all of
    /// them are committed into the walkers. Speculative walks of the next iteration may still be running.
    /// </summary>
    public void Run(IterationPlan plan)
    {
        if (_threads.Length == 0)
        {
            RunInline(plan);
            return;
        }
        lock (_gate)
        {
            _error?.Throw();
            ObjectDisposedException.ThrowIf(_stopping, this);
            var spec = _spec;
            _spec = null;
            _current = null; // nothing to claim or to speculate from until the new batch is in place
            _lastAttempt = -1;
            if (spec is not null && spec.Plan.SameAs(plan))
            {
                spec.Current = true;
                if (spec.Error is not null) _error ??= spec.Error;
                for (int c = 0; c < plan.Walks; c++)
                    if (spec.State[c] == SlotState.Done) Commit(spec, c);
                AdoptedWalks += plan.Walks;
                _current = spec;
            }
            else
            {
                if (spec is not null) Abandon(spec);
                var batch = NewBatch(plan);
                batch.Current = true;
                _current = batch;
            }
            Monitor.PulseAll(_gate);
            while (_current.Remaining > 0 && _error is null) Monitor.Wait(_gate);
            _error?.Throw();
        }
    }

    /// <summary>A batch that is neither current nor speculative (of three, one always is).</summary>
    private Batch FreeBatch()
    {
        foreach (var b in _batches)
            if (b != _current && b != _spec) return b;
        throw new InvalidOperationException("no free batch");
    }

    /// <summary>A free batch holding a copy of <paramref name="plan"/>, ready to run (<see cref="Launch"/>).</summary>
    private Batch NewBatch(IterationPlan plan)
    {
        var b = FreeBatch();
        b.Plan.CopyFrom(plan);
        Launch(b);
        return b;
    }

    /// <summary>Marks every slot of <paramref name="b"/> ready and copies their start states into the buffers.</summary>
    private void Launch(Batch b)
    {
        b.Reset();
        FillBuffers(b);
    }

    private void RunInline(IterationPlan plan)
    {
        var batch = NewBatch(plan);
        batch.Current = true;
        for (int c = 0; c < plan.Walks; c++)
        {
            var ctx = Prepare(batch, c, 0);
            long t0 = Stopwatch.GetTimestamp();
            _walk(_buffers[batch.Parity][c], ctx, plan.Iteration, c);
            _busyTicks += Stopwatch.GetTimestamp() - t0;
            Complete(batch, c, ctx);
        }
    }

    /// <summary>Copies every slot's start state into its buffer (sources are read now, before any slot commits).</summary>
    private void FillBuffers(Batch b)
    {
        for (int c = 0; c < b.Plan.Walks; c++) _buffers[b.Parity][c].CopyFrom(_walkers[b.Plan.Source[c]]);
    }

    private WalkContext Prepare(Batch b, int c, int worker)
    {
        var ctx = _contexts[worker];
        b.Context[c] = ctx;
        ctx.Abandoned = false;
        ctx.Emax = b.Plan.Emax;
        ctx.Stats.Clear();
        b.Calls[c] = ctx.ModelCalls;
        b.State[c] = SlotState.Running;
        b.Running++;
        return ctx;
    }

    private void Complete(Batch b, int c, WalkContext ctx)
    {
        b.State[c] = SlotState.Done;
        b.Running--;
        b.Calls[c] = ctx.ModelCalls - b.Calls[c];
        _completions++;
        if (b.Abandoned)
        {
            AbandonedCalls += b.Calls[c];
            return;
        }
        _stats.Add(ctx.Stats);
        if (b.Current) Commit(b, c);
    }

    private void Commit(Batch b, int c)
    {
        int target = b.Plan.Target[c];
        var buffers = _buffers[b.Parity];
        (_walkers[target], buffers[c]) = (buffers[c], _walkers[target]);
        CommittedCalls += b.Calls[c];
        b.Remaining--;
    }

    /// <summary>Stops a speculative batch: running walks are told to stop and waited for (under the lock).</summary>
    private void Abandon(Batch b)
    {
        b.Abandoned = true;
        for (int c = 0; c < b.Plan.Walks; c++)
        {
            if (b.State[c] == SlotState.Ready) continue;
            if (b.State[c] == SlotState.Running) b.Context[c]!.Abandoned = true;
            else AbandonedCalls += b.Calls[c];
            AbandonedWalks++;
        }
        while (b.Running > 0) Monitor.Wait(_gate);
    }

    private bool TryClaim(Batch? b, out int slot)
    {
        slot = -1;
        if (b is null || b.Abandoned) return false;
        for (int c = 0; c < b.Plan.Walks; c++)
            if (b.State[c] == SlotState.Ready) { slot = c; return true; }
        return false;
    }

    /// <summary>Predicts the iteration after the current one, once per change of what is known.</summary>
    private void TrySpeculate()
    {
        var cur = _current;
        if (cur is null || _spec is not null || _lastAttempt == _completions) return;
        _lastAttempt = _completions;
        Array.Clear(_unknown);
        for (int c = 0; c < cur.Plan.Walks; c++)
            if (cur.State[c] != SlotState.Done) _unknown[cur.Plan.Target[c]] = true;
        var free = FreeBatch();
        if (!_predict(cur.Plan.Iteration + 1, _unknown, free.Plan)) return;
        Launch(free);
        _spec = free;
    }

    private void Loop(int worker)
    {
        while (true)
        {
            Batch b;
            int c;
            WalkContext ctx;
            lock (_gate)
            {
                while (true)
                {
                    if (_stopping) return;
                    if (_error is null)
                    {
                        if (TryClaim(_current, out c)) { b = _current!; break; }
                        try { TrySpeculate(); }
                        catch (Exception e) { _error ??= ExceptionDispatchInfo.Capture(e); Monitor.PulseAll(_gate); continue; }
                        if (TryClaim(_spec, out c)) { b = _spec!; break; }
                    }
                    long w0 = Stopwatch.GetTimestamp();
                    Monitor.Wait(_gate);
                    _waitTicks += Stopwatch.GetTimestamp() - w0;
                }
                ctx = Prepare(b, c, worker);
            }
            long t0 = Stopwatch.GetTimestamp();
            try
            {
                _walk(_buffers[b.Parity][c], ctx, b.Plan.Iteration, c);
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    // a speculative walk's error counts only if the walk is adopted
                    var error = ExceptionDispatchInfo.Capture(e);
                    if (b.Current) _error ??= error;
                    else if (!b.Abandoned) b.Error ??= error;
                }
            }
            long t1 = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                _busyTicks += t1 - t0;
                Complete(b, c, ctx);
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Abandons any speculation and stops the workers.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping) return;
            if (_spec is not null) Abandon(_spec);
            _spec = null;
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        foreach (var t in _threads) t.Join();
    }
}
