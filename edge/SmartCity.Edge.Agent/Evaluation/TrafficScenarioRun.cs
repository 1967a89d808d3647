using System.Diagnostics;
using System.Globalization;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Motion;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// Runs one synthetic scenario through the full pipeline — scene → motion gate → detector → ByteTrack →
/// analytics — and, on the same frames, three references: the same analytics fed the ground truth as perfect
/// tracks (the "true" counts), the same again fed only objects that entered during the run (checked against
/// the simulator's routes), and the tracking metrics of the confirmed tracks against the ground-truth boxes.
/// </summary>
internal sealed class TrafficScenarioRun
{
    /// <summary>Score given to ground-truth boxes used as detections: above every tracker threshold.</summary>
    private const float OracleScore = 0.95f;

    private readonly TrafficEvalSettings _settings;
    private readonly ObjectDetector? _detector;
    private readonly TextWriter? _progress;

    /// <summary>Creates a runner.</summary>
    /// <param name="settings">What to run.</param>
    /// <param name="detector">The detector; null only with <see cref="TrafficEvalSettings.OracleDetections"/>.</param>
    /// <param name="progress">Where progress lines go (standard error), or null.</param>
    public TrafficScenarioRun(TrafficEvalSettings settings, ObjectDetector? detector, TextWriter? progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (detector is null && !settings.OracleDetections)
        {
            throw new ArgumentException("A detector is needed unless oracle detections are used.", nameof(detector));
        }

        _settings = settings;
        _detector = detector;
        _progress = progress;
    }

    /// <summary>Runs <paramref name="preset"/> with <paramref name="seed"/> for the configured duration.</summary>
    public ScenarioEvalResult Run(ScenarioOptions preset, int seed)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var scenario = preset with { Seed = seed, Duration = _settings.Duration };
        var scene = new SyntheticTrafficScene(scenario, pool: null);
        CameraAnalyticsOptions options = SyntheticSceneAnalytics.FromLayout(scene.Layout, scenario.Name);
        if (_settings.Bin.Ticks % options.Interval.Ticks != 0)
        {
            throw new ArgumentException($"--bin: {_settings.Bin.TotalMinutes} min is not a whole number of {options.Interval.TotalSeconds} s analytics intervals.");
        }

        if (_settings.Detector?.DetailRegion is { } region && region.FrameProblem(scene.Width, scene.Height) is { } problem)
        {
            throw new ArgumentException($"--detail-region {region}: {problem}.");
        }

        var pipeline = CameraAnalytics.Create(options, "eval", scene.Width, scene.Height);
        var reference = CameraAnalytics.Create(options, "eval", scene.Width, scene.Height);
        var routeReference = CameraAnalytics.Create(options, "eval", scene.Width, scene.Height);
        var tracker = new ByteTracker(_settings.Tracker ?? new TrackerOptions());
        MotionGate? gate = _settings.MotionGate ? new MotionGate(new MotionGateOptions()) : null;
        var truthTracks = new GroundTruthTracks();
        var routeTracks = new GroundTruthTracks();
        var routes = new RouteTripLog();
        var mot = new MotAccumulator();
        // The same, scored only where the lines and zones are (ground truth at least 16 px tall): tells the far-field
        // identity errors apart from those where counting happens. A diagnostic; the targets use the full scoring.
        var motNear = new MotAccumulator(minBoxHeight: ModelEvalResult.NearFieldMinHeight);
        var diagnosis = new JourneyDiagnosis(pipeline.Layout.Approaches);
        var crossings = new CrossingDiagnosis(pipeline.Layout.Lines, diagnosis);
        var movementBuffer = new MovementEvent[256];
        var crossingBuffer = new CrossingEvent[256];
        var cost = new StageCost();
        var counts = new CountComparison();
        var queues = new QueueComparison();
        var trueBins = new TrafficBins(options.Interval, _settings.Bin);
        var countedBins = new TrafficBins(options.Interval, _settings.Bin);
        var routeTotals = new Dictionary<CountKey, long>();
        var detections = new DetectionList(128);
        var observed = new List<TrackBox>(128);
        Func<int, bool> enteredDuringRun = id => !routes.PresentAtStart.Contains(id);
        long incompleteTrue = 0, incompleteCounted = 0;
        int notComplete = 0;

        using var frame = Frame.Allocate(scene.Width, scene.Height, PixelFormat.Bgr24);
        long total = scenario.FrameCount ?? 0;
        long started = Stopwatch.GetTimestamp();
        long lastReport = started;
        while (scene.RenderNext(frame))
        {
            ReadOnlySpan<GroundTruthObject> truth = frame.GroundTruth!.Objects;
            routes.Add(frame.Sequence, truth);

            long t0 = Stopwatch.GetTimestamp();
            bool detected = gate is null || gate.Evaluate(frame, tracker.Tracks.Length > 0).RunDetection;
            detections.Clear();
            if (detected)
            {
                if (_settings.OracleDetections)
                {
                    foreach (ref readonly var gt in truth)
                    {
                        if (mot.Counts(gt))
                        {
                            detections.Add(new DetectedObject(gt.Box, OracleScore, 0, gt.Class));
                        }
                    }
                }
                else if (!_detector!.TryDetect(frame, detections, out string? error))
                {
                    _progress?.WriteLine($"eval: {scenario.Name} frame {frame.Sequence}: {error}");
                    detected = false;
                }
            }

            long t1 = Stopwatch.GetTimestamp();
            tracker.Update(detections.AsSpan(), frame, detected);
            long t2 = Stopwatch.GetTimestamp();
            pipeline.Update(tracker.Tracks, tracker.RemovedThisUpdate, frame.Timestamp, detected);
            long t3 = Stopwatch.GetTimestamp();
            cost.Add(
                detected,
                _settings.OracleDetections ? 0 : Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds,
                Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds,
                Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds,
                truth.Length,
                detections.Count);

            truthTracks.Update(truth, frame.Timestamp);
            reference.Update(truthTracks.Tracks, truthTracks.RemovedThisUpdate, frame.Timestamp);
            routeTracks.Update(truth, frame.Timestamp, enteredDuringRun);
            routeReference.Update(routeTracks.Tracks, routeTracks.RemovedThisUpdate, frame.Timestamp);

            // The tracks the pipeline reports for this frame: confirmed and matched now (what the analytics measure).
            observed.Clear();
            foreach (ref readonly var track in tracker.Tracks)
            {
                if (track.State == TrackState.Confirmed && track.FramesSinceUpdate == 0)
                {
                    observed.Add(new TrackBox(track.TrackId, track.Box));
                }
            }

            mot.AddFrame(truth, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(observed));
            motNear.AddFrame(truth, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(observed));
            diagnosis.AddFrame(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(observed), mot.FrameMatches);
            diagnosis.AddTruth(truth);
            crossings.AddFrame(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(observed), mot.FrameMatches, frame.Timestamp);
            Drain(pipeline, reference, routeReference);

            if (_progress is not null && Stopwatch.GetElapsedTime(lastReport).TotalSeconds >= 2)
            {
                lastReport = Stopwatch.GetTimestamp();
                double elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                _progress.Write(string.Create(
                    CultureInfo.InvariantCulture,
                    $"\reval: {scenario.Name,-12} {100.0 * (frame.Sequence + 1) / Math.Max(1, total),5:F1}%  {frame.Sequence + 1}/{total} frames  {(frame.Sequence + 1) / elapsed,6:F1} frames/s "));
            }
        }

        // End of the recording: finish live tracks as if they left, close the last interval.
        DateTimeOffset end = scene.TimestampOf(scene.NextFrameIndex);
        pipeline.Flush(end, finishTracks: true);
        reference.Flush(end, finishTracks: true);
        routeReference.Flush(end, finishTracks: true);
        Drain(pipeline, reference, routeReference);
        if (_progress is not null)
        {
            double elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            _progress.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"\reval: {scenario.Name,-12} 100.0%  {scene.NextFrameIndex}/{total} frames  {scene.NextFrameIndex / Math.Max(elapsed, 1e-9),6:F1} frames/s, {elapsed:F0} s"));
        }

        var routeCheck = RouteChecker.Check(routes, routeTotals, pipeline.Layout, scene.Layout);
        return new ScenarioEvalResult(
            scenario, scene.NextFrameIndex, mot.Compute(), counts, trueBins, countedBins, cost, routeCheck,
            new TrueAndCounted(incompleteTrue, incompleteCounted), notComplete)
        {
            Journeys = diagnosis.Compute(),
            Crossings = crossings.Compute(),
            IdSwitches = [.. mot.Switches],
            NearFieldTracking = motNear.Compute(),
            ApproachNames = [.. pipeline.Layout.Approaches.Select(a => a.Name)],
            Queues = queues,
        };

        void Drain(CameraAnalytics counted, CameraAnalytics truthAnalytics, CameraAnalytics routeAnalytics)
        {
            int n;
            while ((n = counted.TakeMovementEvents(movementBuffer)) > 0)
            {
                diagnosis.AddPipeline(movementBuffer.AsSpan(0, n));
            }

            while ((n = truthAnalytics.TakeMovementEvents(movementBuffer)) > 0)
            {
                diagnosis.AddReference(movementBuffer.AsSpan(0, n));
            }

            while ((n = counted.TakeCrossingEvents(crossingBuffer)) > 0)
            {
                crossings.AddPipeline(crossingBuffer.AsSpan(0, n));
            }

            while ((n = truthAnalytics.TakeCrossingEvents(crossingBuffer)) > 0)
            {
                crossings.AddReference(crossingBuffer.AsSpan(0, n));
            }

            while (routeAnalytics.TakeMovementEvents(movementBuffer) > 0)
            {
                // The route check needs the totals only; its per-journey events are dropped.
            }

            while (counted.TryTakeCompletedInterval(out var s))
            {
                countedBins.Add(s);
                queues.AddCounted(s.Start, s.Queues, s.Status == IntervalStatus.Complete);
                notComplete += s.Status == IntervalStatus.Complete ? 0 : 1;
                incompleteCounted += s.IncompleteMovements ?? 0;
                DateTimeOffset bin = BinOf(s.Start);
                counts.TouchBin(bin);
                foreach (var c in s.Lines ?? [])
                {
                    counts.AddCounted(bin, CountKey.ForLine(c.Line, c.Direction, c.Class), c.Count);
                }

                foreach (var c in s.Movements ?? [])
                {
                    counts.AddCounted(bin, CountKey.ForMovement(c.From, c.To, c.Kind, c.Class), c.Count);
                }
            }

            while (truthAnalytics.TryTakeCompletedInterval(out var s))
            {
                trueBins.Add(s);
                queues.AddTrue(s.Start, s.Queues);
                incompleteTrue += s.IncompleteMovements ?? 0;
                DateTimeOffset bin = BinOf(s.Start);
                counts.TouchBin(bin);
                foreach (var c in s.Lines ?? [])
                {
                    counts.AddTrue(bin, CountKey.ForLine(c.Line, c.Direction, c.Class), c.Count);
                }

                foreach (var c in s.Movements ?? [])
                {
                    counts.AddTrue(bin, CountKey.ForMovement(c.From, c.To, c.Kind, c.Class), c.Count);
                }
            }

            while (routeAnalytics.TryTakeCompletedInterval(out var s))
            {
                foreach (var c in s.Lines ?? [])
                {
                    var key = CountKey.ForLine(c.Line, c.Direction, c.Class);
                    routeTotals[key] = routeTotals.GetValueOrDefault(key) + c.Count;
                }

                foreach (var c in s.Movements ?? [])
                {
                    var key = CountKey.ForMovement(c.From, c.To, c.Kind, c.Class);
                    routeTotals[key] = routeTotals.GetValueOrDefault(key) + c.Count;
                }
            }
        }
    }

    private DateTimeOffset BinOf(DateTimeOffset start) =>
        new(start.UtcTicks - (start.UtcTicks % _settings.Bin.Ticks), TimeSpan.Zero);
}
