using System.Runtime.ExceptionServices;

namespace Nestor.Sampling.Engine;

/// <summary>
/// A fixed team of threads for fork-join work (creating the initial walkers, step-size trials; the walks themselves
/// run on <see cref="WalkPipeline"/>). Every worker (the calling thread is worker 0)
/// first takes slot number = its own index, then claims the next unclaimed slot until none is left. Parallel.For,
/// with as few items as a round of trials has per thread, often ran them all on the calling thread before a
/// pool thread woke; here every worker is already waiting and starts at once, and with more slots than threads the
/// claiming balances walks of unequal cost. The output never depends on which thread runs a slot: each slot has its
/// own random stream and scratch.
/// </summary>
public sealed class WorkerTeam : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _go;
    private readonly CountdownEvent _done;
    private Action<int>? _body;
    private int _count;
    private int _next;
    private ExceptionDispatchInfo? _error;
    private volatile bool _stopping;

    /// <summary>Starts <paramref name="threads"/> - 1 background workers.</summary>
    public WorkerTeam(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        Threads = threads;
        _threads = new Thread[threads - 1];
        _go = new SemaphoreSlim[threads - 1];
        _done = new CountdownEvent(Math.Max(1, threads - 1));
        for (int t = 0; t < _threads.Length; t++)
        {
            _go[t] = new SemaphoreSlim(0);
            int worker = t + 1;
            _threads[t] = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"nestor-walker-{worker}" };
            _threads[t].Start();
        }
    }

    /// <summary>Number of workers, the calling thread included.</summary>
    public int Threads { get; }

    /// <summary>Runs <paramref name="body"/>(c) once for every c in [0, count) on the workers, and waits for all.</summary>
    public void Run(int count, Action<int> body)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (_threads.Length == 0 || count <= 1)
        {
            for (int c = 0; c < count; c++) body(c);
            return;
        }
        _body = body;
        _count = count;
        _next = Threads - 1;
        _error = null;
        _done.Reset(_threads.Length);
        foreach (var g in _go) g.Release();
        try { Slots(0); }
        finally { _done.Wait(); }
        _body = null;
        _error?.Throw();
    }

    private void Slots(int worker)
    {
        for (int c = worker; c < _count; c = Interlocked.Increment(ref _next)) _body!(c);
    }

    private void Loop(int worker)
    {
        var go = _go[worker - 1];
        while (true)
        {
            go.Wait();
            if (_stopping) return;
            try { Slots(worker); }
            catch (Exception e) { Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null); }
            finally { _done.Signal(); }
        }
    }

    /// <summary>Stops the workers.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        foreach (var g in _go) g.Release();
        foreach (var t in _threads) t.Join();
        foreach (var g in _go) g.Dispose();
        _done.Dispose();
    }
}
