using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Pipeline;

/// <summary>
/// Takes one frame out of the running pipeline when a calibration snapshot is asked for (<c>cmd/snapshot</c>): on the
/// pipeline's next frame it copies the pixels and the boxes of the people to blur — the detections of that frame, or a
/// detector run of its own when the motion gate skipped detection — and hands them to the waiting command. Costs nothing
/// per frame while no snapshot is pending (one volatile read).
/// </summary>
internal sealed class SnapshotGrabber : IFrameObserver
{
    private readonly ObjectDetector _detector;
    private readonly IReadOnlySet<TrafficClass> _blurClasses;
    private readonly bool _standsInForGate;
    private readonly DetectionList _own = new();
    private TaskCompletionSource<SnapshotFrame>? _pending;
    private bool _objectsInView;

    /// <summary>Creates a grabber.</summary>
    /// <param name="detector">The pipeline's detector (only used on the pipeline's thread).</param>
    /// <param name="blurClasses">Classes whose boxes are blurred (people: pedestrians and the riders of two-wheelers).</param>
    /// <param name="onlyObserver">True when no other observer follows objects: the grabber then reports, as the pipeline
    /// itself would, whether the last detector run saw anything, so adding it does not change the motion gate.</param>
    public SnapshotGrabber(ObjectDetector detector, IReadOnlySet<TrafficClass> blurClasses, bool onlyObserver)
    {
        _detector = detector;
        _blurClasses = blurClasses;
        _standsInForGate = onlyObserver;
    }

    /// <inheritdoc />
    public bool ObjectsAlive => _standsInForGate && _objectsInView;

    /// <summary>The next frame of the pipeline with the boxes to blur; the caller disposes the frame.</summary>
    /// <exception cref="InvalidOperationException">Another snapshot is being taken.</exception>
    public async Task<SnapshotFrame> GrabAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new TaskCompletionSource<SnapshotFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _pending, request, null) is not null)
        {
            throw new InvalidOperationException("another snapshot is being taken.");
        }

        try
        {
            return await request.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A copy that arrives after the timeout is not pooled: the garbage collector takes it.
            Interlocked.CompareExchange(ref _pending, null, request);
        }
    }

    /// <inheritdoc />
    public void OnFrame(Frame frame, ReadOnlySpan<DetectedObject> detections, bool detected)
    {
        if (detected)
        {
            _objectsInView = detections.Length > 0;
        }

        if (Volatile.Read(ref _pending) is not { } request || Interlocked.CompareExchange(ref _pending, null, request) != request)
        {
            return;
        }

        if (!detected)
        {
            // The gate skipped this frame: people must still be found before anything leaves the device.
            _own.Clear();
            if (!_detector.TryDetect(frame, _own, out string? error))
            {
                request.TrySetException(new InvalidOperationException($"detection failed ({error}); no snapshot, as people could not be blurred."));
                return;
            }

            detections = _own.AsSpan();
        }

        var boxes = new List<BoxF>();
        foreach (ref readonly var d in detections)
        {
            if (_blurClasses.Contains(d.TrafficClass))
            {
                boxes.Add(d.Box);
            }
        }

        var copy = Frame.Allocate(frame.Width, frame.Height, frame.Format);
        copy.CopyFrom(frame);
        if (!request.TrySetResult(new SnapshotFrame(copy, boxes, detections.Length)))
        {
            copy.Dispose();
        }
    }
}

/// <summary>A copied frame and the boxes to blur in it.</summary>
/// <param name="Frame">The copy (not pooled); the receiver disposes it.</param>
/// <param name="Blur">Boxes of people, in frame pixels.</param>
/// <param name="Detections">All detections of the frame.</param>
internal sealed record SnapshotFrame(Frame Frame, IReadOnlyList<BoxF> Blur, int Detections);
