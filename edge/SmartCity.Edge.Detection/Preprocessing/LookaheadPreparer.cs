using System.Diagnostics;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Detection;

/// <summary>
/// One long-lived background thread that pre-processes the next frame into the spare input tensor while
/// the detector's thread is inside <c>InferenceSession.Run</c> for the current one. With one intra-op
/// thread on a multi-core device the second core is otherwise idle during inference, so the pre-processing
/// leaves the critical path. A hand-off costs two event signals and allocates nothing.
/// On a busy machine the helper may not get a core before the inference ends: the caller then withdraws the
/// job it has not started (and prepares that frame itself in its turn) instead of waiting for the scheduler,
/// so a contended core costs at most what no overlap would.
/// </summary>
internal sealed class LookaheadPreparer : IDisposable
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _start = new(false);
    private readonly ManualResetEventSlim _done = new(true);
    private LetterboxPreprocessor? _preprocessor;
    private Frame? _frame;
    private bool _prepared;
    private string? _error;
    private double _elapsedMs;
    private volatile bool _stopping;
    private const int Idle = 0, Pending = 1, Running = 2, Finished = 3, Withdrawn = 4;
    private int _state = Idle;
    private bool _busy;
    private long _allocatedBytes;

    public LookaheadPreparer()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "detector-lookahead" };
        _thread.Start();
    }

    /// <summary>Starts preparing <paramref name="frame"/> with <paramref name="preprocessor"/>; the caller must not touch either until <see cref="Wait"/>.</summary>
    public void Start(LetterboxPreprocessor preprocessor, Frame frame)
    {
        Debug.Assert(!_busy, "One preparation at a time.");
        _preprocessor = preprocessor;
        _frame = frame;
        _busy = true;
        _done.Reset();
        Volatile.Write(ref _state, Pending);
        _start.Set();
    }

    /// <summary>
    /// Waits for the preparation started last. False with a reason when the frame could not be used, or when
    /// the helper had not started it yet (it is then withdrawn and never runs); <paramref name="elapsedMs"/> is
    /// the time the preparation took. With <paramref name="withdraw"/> false it waits for the helper in any case
    /// (tests that count overlapped frames need that on a loaded machine).
    /// </summary>
    public bool Wait(bool withdraw, out double elapsedMs, out string? error)
    {
        if (!_busy)
        {
            elapsedMs = 0;
            error = "nothing was being prepared";
            return false;
        }

        _busy = false;
        if (withdraw && Interlocked.CompareExchange(ref _state, Withdrawn, Pending) == Pending)
        {
            elapsedMs = 0;
            error = "the look-ahead thread did not get to it in time";
            return false;
        }

        _done.Wait();
        elapsedMs = _elapsedMs;
        error = _error;
        return _prepared;
    }

    /// <summary>Bytes the helper thread allocated while preparing (the caller's allocation counter cannot see them).</summary>
    public long AllocatedBytes => Volatile.Read(ref _allocatedBytes);

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        // A running job finishes first (Join); a pending one is dropped: the helper checks _stopping first.
        _stopping = true;
        _start.Set();
        _thread.Join();
        _start.Dispose();
        _done.Dispose();
    }

    private void Loop()
    {
        while (true)
        {
            _start.Wait();
            _start.Reset();
            if (_stopping)
            {
                return;
            }

            // Only a job still pending is taken; one the caller withdrew meanwhile is left alone.
            if (Interlocked.CompareExchange(ref _state, Running, Pending) != Pending)
            {
                continue;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            try
            {
                _prepared = _preprocessor!.TryPrepare(_frame!, out _error);
            }
            catch (Exception ex)
            {
                // A frame whose buffer changed under us must not take the thread down: it is reported like
                // any other unusable frame.
                _prepared = false;
                _error = "pre-processing failed: " + ex.Message;
            }

            _elapsedMs = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            Volatile.Write(ref _allocatedBytes, _allocatedBytes + GC.GetAllocatedBytesForCurrentThread() - allocated);
            _frame = null;
            _preprocessor = null;
            Volatile.Write(ref _state, Finished);
            _done.Set();
        }
    }
}
