using System.Diagnostics;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Pipeline;

/// <summary>
/// The back half of the vision pipeline: tracker → analytics, on the pipeline's thread. Times both stages,
/// feeds dropped-frame counts from other threads into the analytics on the pipeline thread (the engine is
/// single-threaded by design), and publishes a live view at most once a second for the console.
/// </summary>
internal sealed class TrafficObserver : IFrameObserver
{
    private static readonly TimeSpan LiveViewPeriod = TimeSpan.FromSeconds(1);
    private readonly ByteTracker _tracker;
    private readonly CameraAnalytics _analytics;
    private readonly Lock _gate = new();
    private readonly Queue<IntervalSummary> _completed = new();
    private StageTimer _tracking;
    private StageTimer _analyticsTime;
    private long _pendingDrops;
    private long _lastViewTicks;
    private TrafficLiveView? _view;
    private DateTimeOffset? _lastTimestamp;
    private readonly List<CrossingEvent> _crossings = [];
    private CrossingEvent[]? _crossingScratch;
    private long _crossingsDropped;

    public TrafficObserver(ByteTracker tracker, CameraAnalytics analytics)
    {
        _tracker = tracker;
        _analytics = analytics;
    }

    public ByteTracker Tracker => _tracker;

    /// <summary>
    /// Keep the per-object line crossings for the opt-in <c>events</c> topic (taken on the pipeline thread, where the
    /// analytics live). Set before the first frame.
    /// </summary>
    public bool CollectCrossings { get; init; }

    /// <summary>Upper bound of crossings held for the uplink; past it the oldest are dropped and counted.</summary>
    public int MaxHeldCrossings { get; init; } = 100_000;

    /// <summary>Crossings dropped because the uplink did not take them in time.</summary>
    public long CrossingsDropped => Interlocked.Read(ref _crossingsDropped);

    public CameraAnalytics Analytics => _analytics;

    /// <inheritdoc />
    public bool ObjectsAlive => _tracker.Tracks.Length > 0;

    /// <summary>The latest live view (rebuilt at most once a second on the pipeline thread), or null before the first frame.</summary>
    public TrafficLiveView? LiveView => Volatile.Read(ref _view);

    /// <summary>Mean and max milliseconds of tracking and analytics per frame.</summary>
    public (StageTimer Tracking, StageTimer Analytics) Timings
    {
        get
        {
            lock (_gate)
            {
                return (_tracking, _analyticsTime);
            }
        }
    }

    /// <summary>Adds frames the source dropped; applied to the analytics on the next frame.</summary>
    public void ReportDroppedFrames(long count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _pendingDrops, count);
        }
    }

    /// <summary>Takes the interval summaries completed so far (thread-safe).</summary>
    public int TakeCompleted(List<IntervalSummary> destination)
    {
        lock (_gate)
        {
            int n = _completed.Count;
            while (_completed.TryDequeue(out var s))
            {
                destination.Add(s);
            }

            return n;
        }
    }

    /// <summary>Takes the crossings collected so far, in time order (thread-safe); only with <see cref="CollectCrossings"/>.</summary>
    public int TakeCrossings(List<CrossingEvent> destination)
    {
        lock (_gate)
        {
            int n = _crossings.Count;
            destination.AddRange(_crossings);
            _crossings.Clear();
            return n;
        }
    }

    /// <summary>
    /// Closes the interval in progress at the last frame's time. Only once the pipeline has stopped: the
    /// analytics engine is not thread-safe.
    /// </summary>
    public void FlushAfterStop()
    {
        if (_lastTimestamp is not { } last)
        {
            return;
        }

        _analytics.Flush(last, finishTracks: true);
        lock (_gate)
        {
            CollectCrossingsLocked();
            while (_analytics.TryTakeCompletedInterval(out var summary))
            {
                _completed.Enqueue(summary);
            }
        }
    }

    public void OnFrame(Frame frame, ReadOnlySpan<DetectedObject> detections, bool detected)
    {
        long drops = Interlocked.Exchange(ref _pendingDrops, 0);
        if (drops > 0)
        {
            _analytics.ReportDroppedFrames(drops);
        }

        _lastTimestamp = frame.Timestamp;
        long t0 = Stopwatch.GetTimestamp();
        _tracker.Update(detections, frame, detected);
        long t1 = Stopwatch.GetTimestamp();
        _analytics.Update(_tracker.Tracks, _tracker.RemovedThisUpdate, frame.Timestamp, detected);
        long t2 = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _tracking.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            _analyticsTime.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            CollectCrossingsLocked();
            while (_analytics.TryTakeCompletedInterval(out var summary))
            {
                _completed.Enqueue(summary);
            }
        }

        if (Stopwatch.GetElapsedTime(_lastViewTicks, t2) >= LiveViewPeriod)
        {
            _lastViewTicks = t2;
            Volatile.Write(ref _view, TrafficLiveView.Capture(_analytics, _tracker));
        }
    }

    private void CollectCrossingsLocked()
    {
        if (!CollectCrossings)
        {
            return;
        }

        var scratch = _crossingScratch ??= new CrossingEvent[256];
        int n;
        while ((n = _analytics.TakeCrossingEvents(scratch)) > 0)
        {
            for (int i = 0; i < n; i++)
            {
                _crossings.Add(scratch[i]);
            }

            if (n < scratch.Length)
            {
                break;
            }
        }

        int excess = _crossings.Count - MaxHeldCrossings;
        if (excess > 0)
        {
            _crossings.RemoveRange(0, excess);
            Interlocked.Add(ref _crossingsDropped, excess);
        }
    }
}
