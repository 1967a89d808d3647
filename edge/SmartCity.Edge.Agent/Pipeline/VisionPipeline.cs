using System.Diagnostics;
using System.Threading.Channels;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Motion;

namespace SmartCity.Edge.Agent.Pipeline;

/// <summary>
/// The edge vision pipeline's consumer side: motion gate → detector → observers, one frame at a time on one
/// thread. Frames come from a bounded drop-oldest channel fed by the source, so a slow detector never makes
/// the camera back up. Allocation-free per frame once warmed up.
/// </summary>
internal sealed class VisionPipeline
{
    private readonly ObjectDetector _detector;
    private readonly MotionGate? _gate;
    private readonly IReadOnlyList<IFrameObserver> _observers;
    private readonly DetectionList _detections = new();
    private readonly int[] _classCounts = new int[TrafficClasses.Count];

    /// <summary>The operating point per model class (model.json's, or the configured one), below which a detection is not counted in <see cref="Stats"/>.</summary>
    private readonly float[] _operatingPoints;
    private bool _objectsInView;

    /// <summary>Creates a pipeline.</summary>
    /// <param name="detector">The detector, long-lived.</param>
    /// <param name="gate">Skips the detector while nothing moves; null runs it on every frame.</param>
    /// <param name="observers">Get every frame with its detections (tracker, snapshot grabber).</param>
    /// <param name="operatingPoint">
    /// Score from which <see cref="Stats"/> counts a detection, for every class (a device configuration's
    /// <c>Detector:ScoreThreshold</c>); null takes model.json's thresholds, per class where it has them.
    /// </param>
    public VisionPipeline(ObjectDetector detector, MotionGate? gate, IReadOnlyList<IFrameObserver> observers, float? operatingPoint = null)
    {
        _detector = detector;
        ModelManifest model = detector.Manifest;
        _operatingPoints = [.. model.ClassNames.Select(name =>
            operatingPoint ?? (model.ClassThresholds.TryGetValue(name, out float t) ? t : model.ScoreThreshold))];
        _gate = gate;
        _observers = observers;
    }

    /// <summary>Counters of this pipeline.</summary>
    public PipelineStats Stats { get; } = new();

    /// <summary>The detector the pipeline runs.</summary>
    public ObjectDetector Detector => _detector;

    /// <summary>Consumes frames until the channel completes or cancellation; disposes every frame it reads.</summary>
    /// <remarks>
    /// When the detector overlaps pre-processing, a frame already waiting in the channel is taken out before the
    /// current one is processed and handed to the detector as its look-ahead, to be prepared during this frame's
    /// inference. That frame is then held here instead of in the channel (the channel still drops its own oldest
    /// frames when full); frames are still processed, observed and disposed strictly in order. With an empty
    /// channel nothing is taken and nothing waits for a frame that has not arrived.
    /// </remarks>
    public async Task RunAsync(ChannelReader<Frame> frames, CancellationToken cancellationToken)
    {
        bool lookAhead = _detector.OverlapsPreprocessing;
        Frame? next = null;
        try
        {
            long waitStart = Stopwatch.GetTimestamp();
            while (true)
            {
                var frame = next;
                next = null;
                if (frame is null && !frames.TryRead(out frame))
                {
                    if (!await frames.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    continue;
                }

                double waitMs = Stopwatch.GetElapsedTime(waitStart).TotalMilliseconds;
                if (lookAhead)
                {
                    frames.TryRead(out next);
                }

                using (frame)
                {
                    ProcessFrame(frame, waitMs, next);
                }

                waitStart = Stopwatch.GetTimestamp();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            next?.Dispose();
        }
    }

    private bool ObjectsAlive()
    {
        if (_observers.Count == 0)
        {
            return _objectsInView;
        }

        for (int i = 0; i < _observers.Count; i++)
        {
            if (_observers[i].ObjectsAlive)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs one frame through gate, detector and observers. The caller keeps ownership of the frames.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="sourceMs">Time spent getting this frame from the source (or waiting for it).</param>
    /// <param name="next">
    /// The frame the caller will pass next, if it already has it: when the detector runs on this frame it may
    /// pre-process that one during this frame's inference (read only, and only until this call returns). It goes
    /// through the motion gate in its own turn; if the gate then skips it, that preparation is simply unused.
    /// </param>
    /// <returns>Whether the detector ran.</returns>
    public bool ProcessFrame(Frame frame, double sourceMs, Frame? next = null)
    {
        // "Tracks alive" keeps detection going while anything is in view, even when it stands still at a red
        // light: the tracker's live tracks when one observes, else whether the last detector run saw anything.
        bool run = _gate is null || _gate.Evaluate(frame, ObjectsAlive()).RunDetection;
        _detections.Clear();
        Array.Clear(_classCounts);
        double pre = 0, inf = 0, post = 0;
        if (run)
        {
            if (_detector.TryDetect(frame, next, _detections, out _))
            {
                var timings = _detector.LastTimings;
                pre = timings.PreprocessMs;
                inf = timings.InferenceMs;
                post = timings.PostprocessMs;
                // Per-class counts at the model's operating point: the tracker is also handed the low-score boxes
                // below it (and boxes NMS suppressed next to a kept one), which are no objects to report.
                foreach (ref readonly var d in _detections.AsSpan())
                {
                    if ((uint)d.ClassId >= (uint)_operatingPoints.Length || d.Score >= _operatingPoints[d.ClassId])
                    {
                        _classCounts[(int)d.TrafficClass]++;
                    }
                }

                _objectsInView = _detections.Count > 0;
            }
            else
            {
                run = false;
                Stats.RecordDetectorError();
            }
        }

        Stats.RecordFrame(sourceMs, run, pre, inf, post, _classCounts);
        var span = _detections.AsSpan();
        for (int i = 0; i < _observers.Count; i++)
        {
            _observers[i].OnFrame(frame, span, run);
        }

        return run;
    }
}
