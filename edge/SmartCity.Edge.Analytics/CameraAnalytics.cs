using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Analytics.Engine;
using SmartCity.Edge.Analytics.Geometry;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics;

/// <summary>
/// Traffic analytics of one camera, fed once per frame with the tracker's output: directional line counts,
/// zones, turning movements, speeds, queues and virtual detector events, summarised per clock-aligned interval.
/// Only confirmed tracks matched in the frame are measured; a removed track is finished (dwell, movement).
/// Allocation-free per frame in steady state; not thread-safe (one pipeline thread calls it; the live counters
/// may be read from another thread, a value at a time).
/// </summary>
public sealed class CameraAnalytics
{
    /// <summary>Completed summaries kept until taken; beyond that the oldest are discarded and counted.</summary>
    public const int SummaryQueueCapacity = 1024;

    /// <summary>Ended tracks whose journeys are remembered for stitching (the oldest is overwritten).</summary>
    private const int GhostCapacity = 64;

    /// <summary>Ground speed (m/s) below which a track has no heading to infer an exit from.</summary>
    private const float MinHeadingSpeed = 1f;

    /// <summary>Window of the sustained speed behind <see cref="TrackSlotTable.TopSpeedKmh"/>, and the least time it must span.</summary>
    private static readonly long TopSpeedWindowTicks = TimeSpan.FromSeconds(2).Ticks;
    private static readonly long TopSpeedMinSpanTicks = TimeSpan.FromSeconds(1).Ticks;

    /// <summary>
    /// Rate of turn (radians per second, over two 1 s spans of at least 1 m each) from which a journey lost before its
    /// exit is taken to be turning: its exit is then looked for along the arc it was driving, not straight ahead.
    /// </summary>
    private const float MinTurnRate = 0.15f;
    private const float TurnMinMetres = 1f;
    private static readonly long TurnWindowTicks = TimeSpan.FromSeconds(1).Ticks;

    /// <summary>Least bend (radians) of a new track's first metres for its entry to be looked for back along its arc.</summary>
    private const float MinEntryBend = 0.2f;

    /// <summary>
    /// How close (metres on the ground) to an entry zone a track may be first seen, moving away from it, for that entry
    /// to be taken when neither the straight nor the bend rule finds one: found a step after the zone.
    /// </summary>
    private const float NearEntryMetres = 3f;

    /// <summary>How far behind a donor waiting in its entry zone, along the approach, a new track may be and still continue its journey (box jitter).</summary>
    private const float WaitingDonorBackMetres = 1.5f;

    /// <summary>Step (metres) along a predicted arc.</summary>
    private const float ArcStepMetres = 0.5f;

    /// <summary>How long after its journey was counted a track may start another one in an entry zone.</summary>
    private static readonly long RestartAfterTicks = TimeSpan.FromSeconds(2).Ticks;

    /// <summary>Image speed (pixels per second) both before and after below which a counted track is not taken to have turned back.</summary>
    private const float MinTurnBackPixelsPerSecond = 10f;

    /// <summary>Spacing (image pixels) of the points tested along a path a road user took unobserved.</summary>
    private const float UnobservedPathStepPixels = 2f;

    /// <summary>Most points tested along such a path (a path across a 4K frame at 2 px is about 2,200).</summary>
    private const int MaxUnobservedPathSamples = 2048;

    private readonly AnalyticsLayout _layout;
    private readonly ILogger _logger;
    private readonly TrackSlotTable _slots;
    private readonly IntervalAccumulator _acc;
    private readonly Queue<IntervalSummary> _completed = new(16);
    private readonly EventRing<CrossingEvent> _crossings;
    private readonly EventRing<DetectorEvent> _detectorEvents;
    private readonly EventRing<MovementEvent> _movementEvents;
    private readonly int[] _zoneOccupancy;
    private readonly int[] _queueVehicles;
    private readonly double[] _queueMetres;
    private readonly Homography? _ground;
    private readonly long _intervalTicks;
    private readonly long _maxGapTicks;
    private readonly long _speedWindowTicks;
    private readonly long _minDwellTicks;
    private readonly long _staleTicks;
    private readonly int _minSpeedSamples;
    private readonly int _minZoneFrames;
    private readonly float _stoppedKmh;
    private readonly double _maxDroppedFraction;
    private readonly long _stitchWindowTicks;
    private readonly float _stitchRadius;
    private readonly float _pedestrianStitchRadius;
    private readonly float _stitchGrowth;
    private readonly long _maxPredictionTicks;
    private readonly bool _inferEntry;
    private readonly bool _inferExit;
    private readonly bool _exitFromCandidate;
    private readonly bool _inferPedestrians;
    private readonly float _inferCos;
    private readonly float _inferMinTravel;
    private readonly float _inferBendMaxTravel;
    private readonly float _inferMaxDistance;
    private readonly float _maxPedestrianKmh;
    private readonly float _maxBicycleKmh;
    private readonly float _minUTurnReach;

    /// <summary>Each approach's entry and exit zones on the ground plane (the same point-in-polygon test, in metres), or null.</summary>
    private readonly ImagePolygon?[] _entryGround;
    private readonly ImagePolygon?[] _exitGround;
    private readonly Vector2[] _entryCentre;
    private readonly Vector2[] _exitCentre;
    private readonly bool[] _centreKnown;
    private readonly JourneyGhost[] _ghosts = new JourneyGhost[GhostCapacity];
    private readonly long[] _ghostClassWeight = new long[GhostCapacity * TrafficClasses.Count];
    private readonly sbyte[] _ghostLineSide;
    private readonly Vector2[] _ghostLineArmed;
    private readonly byte[] _ghostLineCounted;
    private int _nextGhost;
    private bool _open;
    private long _lastTicks;
    private long _detectorFrames;
    private long _pendingDropped;

    /// <summary>Creates the engine for a checked layout.</summary>
    public CameraAnalytics(AnalyticsLayout layout, ILogger? logger = null)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _logger = logger ?? NullLogger.Instance;
        CameraAnalyticsOptions o = layout.Options;
        _slots = new TrackSlotTable(256, layout.Lines.Count, layout.Zones.Count);
        _ghostLineSide = new sbyte[GhostCapacity * layout.Lines.Count];
        _ghostLineArmed = new Vector2[GhostCapacity * layout.Lines.Count];
        _ghostLineCounted = new byte[GhostCapacity * layout.Lines.Count];
        _acc = new IntervalAccumulator(layout);
        _crossings = new EventRing<CrossingEvent>(o.EventBufferCapacity);
        _detectorEvents = new EventRing<DetectorEvent>(o.EventBufferCapacity);
        _movementEvents = new EventRing<MovementEvent>(o.EventBufferCapacity);
        _zoneOccupancy = new int[layout.Zones.Count];
        _queueVehicles = new int[layout.Approaches.Count];
        _queueMetres = new double[layout.Approaches.Count];
        _ground = layout.Calibration?.ImageToGround;
        _intervalTicks = o.Interval.Ticks;
        _maxGapTicks = o.NoData.MaxFrameGap.Ticks;
        _speedWindowTicks = o.Thresholds.SpeedWindow.Ticks;
        _minDwellTicks = o.Thresholds.MinDwell.Ticks;
        _staleTicks = o.Thresholds.StaleTrackTimeout.Ticks;
        _minSpeedSamples = o.Thresholds.MinSpeedSamples;
        _minZoneFrames = o.Thresholds.MinZoneFrames;
        _stoppedKmh = (float)o.Thresholds.StoppedSpeedKmh;
        _maxDroppedFraction = o.NoData.MaxDroppedFraction;
        JourneyOptions j = o.Journeys;
        _stitchWindowTicks = _ground is null ? 0 : j.StitchWindow.Ticks;
        _stitchRadius = (float)j.StitchRadiusMetres;
        _pedestrianStitchRadius = (float)j.PedestrianStitchRadiusMetres;
        _stitchGrowth = (float)j.StitchRadiusGrowthMetresPerSecond;
        _maxPredictionTicks = j.MaxPrediction.Ticks;
        _inferEntry = _ground is not null && j.InferEntry;
        _inferExit = _ground is not null && j.InferExit;
        _exitFromCandidate = j.InferExit;
        _inferPedestrians = j.InferPedestrians;
        _inferCos = (float)Math.Cos(j.InferMaxAngleDegrees * Math.PI / 180);
        _inferMinTravel = (float)j.InferMinTravelMetres;
        _inferBendMaxTravel = (float)j.InferBendMaxTravelMetres;
        _inferMaxDistance = (float)j.InferMaxDistanceMetres;
        _maxPedestrianKmh = (float)j.MaxPedestrianSpeedKmh;
        _maxBicycleKmh = (float)j.MaxBicycleSpeedKmh;
        _minUTurnReach = _ground is null ? 0 : (float)j.MinUTurnReachMetres;
        int n = layout.Approaches.Count;
        _entryCentre = new Vector2[n];
        _exitCentre = new Vector2[n];
        _centreKnown = new bool[n];
        _entryGround = new ImagePolygon?[n];
        _exitGround = new ImagePolygon?[n];
        for (int a = 0; a < n && _ground is not null; a++)
        {
            _centreKnown[a] = TryGroundCentre(layout.Approaches[a].EntryZone, out _entryCentre[a])
                && TryGroundCentre(layout.Approaches[a].ExitZone, out _exitCentre[a]);
            _entryGround[a] = GroundPolygon(layout.Approaches[a].EntryZone);
            _exitGround[a] = GroundPolygon(layout.Approaches[a].ExitZone);
        }
    }

    /// <summary>The journey of an ended track, kept a while so that a new track can continue it (or is known to be counted already).</summary>
    private struct JourneyGhost
    {
        public long LastSeenTicks;
        public Vector2 Position;
        public Vector2 Velocity;
        public Vector2 Image;
        public Vector2 ImageVelocity;
        public bool Pedestrian;
        public float TopSpeedKmh;
        public Vector2 TravelOrigin;
        public float TravelReach;
        public bool Live;
        public bool Counted;
        public MovementPhase Phase;
        public sbyte FirstEntry;
        public sbyte ConfirmedExit;
        public MovementEvidence Evidence;
    }

    /// <summary>Checks the options (throws <see cref="AnalyticsConfigurationException"/>) and creates the engine.</summary>
    public static CameraAnalytics Create(CameraAnalyticsOptions options, string deviceId, int frameWidth, int frameHeight, ILogger? logger = null) =>
        new(AnalyticsLayout.Compile(options, deviceId, frameWidth, frameHeight), logger);

    /// <summary>The checked configuration.</summary>
    public AnalyticsLayout Layout => _layout;

    /// <summary>Start of the interval being accumulated, or null before the first frame and after a flush.</summary>
    public DateTimeOffset? CurrentIntervalStart => _open ? new DateTimeOffset(_acc.StartTicks, TimeSpan.Zero) : null;

    /// <summary>Frames seen so far in the current interval.</summary>
    public long CurrentIntervalFrames => _open ? _acc.FramesSeen : 0;

    /// <summary>Tracks with analytics state (confirmed tracks seen and not yet removed).</summary>
    public int LiveTracks => _slots.Live;

    /// <summary>Summaries discarded because nobody took them.</summary>
    public long DiscardedSummaries { get; private set; }

    /// <summary>Crossing events overwritten before they were taken.</summary>
    public long CrossingEventsOverwritten => _crossings.Overwritten;

    /// <summary>Detector events overwritten before they were taken.</summary>
    public long DetectorEventsOverwritten => _detectorEvents.Overwritten;

    /// <summary>Movement events overwritten before they were taken.</summary>
    public long MovementEventsOverwritten => _movementEvents.Overwritten;

    /// <summary>Current interval's crossings of line <paramref name="line"/> (index into <see cref="AnalyticsLayout.Lines"/>).</summary>
    public int LiveLineCount(int line, CrossingDirection direction, TrafficClass cls) =>
        _open ? _acc.LineCounts[_acc.LineIndex(line, direction, cls)] : 0;

    /// <summary>Current interval's count of the movement between approach indices <paramref name="from"/> and <paramref name="to"/>.</summary>
    public int LiveMovementCount(int from, int to, TrafficClass cls) =>
        _open ? _acc.MovementCounts[_acc.MovementIndex(from, to, cls)] : 0;

    /// <summary>Objects now in zone <paramref name="zone"/>.</summary>
    public int LiveZoneOccupancy(int zone) => _zoneOccupancy[zone];

    /// <summary>Frames the source dropped (before they reached the analytics); they count against the current interval.</summary>
    public void ReportDroppedFrames(long count)
    {
        if (count <= 0)
        {
            return;
        }

        if (_open)
        {
            _acc.FramesDropped += count;
        }
        else
        {
            _pendingDropped += count;
        }
    }

    /// <summary>
    /// Feeds one frame: the tracker's live tracks, the ids it removed in this update, the frame's timestamp, and
    /// whether the detector ran (false: the motion gate skipped the frame, nothing new was observed). Never throws
    /// on odd timestamps: going backwards or gaps mark the interval partial.
    /// </summary>
    public void Update(ReadOnlySpan<TrackedObject> tracks, ReadOnlySpan<int> removed, DateTimeOffset timestamp, bool detected = true)
    {
        long t = timestamp.UtcTicks;
        AdvanceClock(t, timestamp);
        _acc.FramesSeen++;
        if (detected)
        {
            _acc.FramesDetected++;
            _detectorFrames++;

            // Tracks already known first, new ones after: a new track may continue the journey of one lost before
            // (stitching), and a track still here in this frame must be seen as here, wherever the tracker lists it.
            int unknown = 0;
            foreach (ref readonly TrackedObject track in tracks)
            {
                if (track.State != TrackState.Confirmed || track.FramesSinceUpdate != 0)
                {
                    continue;
                }

                if (_slots.TryFind(track.TrackId, out int slot))
                {
                    Observe(track, slot, created: false, t, timestamp);
                }
                else
                {
                    unknown++;
                }
            }

            // Most frames bring no new track: the second pass (one more lookup per track) runs only when one does.
            for (int i = 0; i < tracks.Length && unknown > 0; i++)
            {
                ref readonly TrackedObject track = ref tracks[i];
                if (track.State == TrackState.Confirmed && track.FramesSinceUpdate == 0 && !_slots.TryFind(track.TrackId, out _))
                {
                    Observe(track, _slots.Acquire(track.TrackId, track.Class), created: true, t, timestamp);
                    unknown--;
                }
            }
        }

        foreach (int id in removed)
        {
            if (_slots.TryFind(id, out int slot))
            {
                Finish(slot, timestamp);
            }
        }

        if (detected)
        {
            SampleQueues(tracks);
        }

        for (int z = 0; z < _zoneOccupancy.Length; z++)
        {
            _acc.ZoneOccupancySum[z] += _zoneOccupancy[z];
            _acc.ZoneOccupancyMax[z] = Math.Max(_acc.ZoneOccupancyMax[z], _zoneOccupancy[z]);
        }
    }

    /// <summary>
    /// Closes every interval that ended by <paramref name="timestamp"/> (empty ones as no data) and, when
    /// <paramref name="timestamp"/> falls inside the current interval, closes it early as partial. With
    /// <paramref name="finishTracks"/> all live tracks are first finished as if removed (end of a recording).
    /// </summary>
    public void Flush(DateTimeOffset timestamp, bool finishTracks = false)
    {
        if (!_open)
        {
            return;
        }

        if (finishTracks)
        {
            for (int slot = 0; slot < _slots.Capacity; slot++)
            {
                if (_slots.InUse[slot])
                {
                    // The recording ends, the road users do not vanish: nothing is inferred or remembered.
                    Finish(slot, timestamp, lost: false);
                }
            }
        }

        long t = Math.Max(timestamp.UtcTicks, _lastTicks);
        while (t >= _acc.EndTicks)
        {
            CloseAndOpenNext();
        }

        if (_acc.FramesSeen > 0 || _acc.FramesDropped > 0)
        {
            _acc.FlushedAtTicks = t;
            Complete();
        }

        _open = false;
    }

    /// <summary>Takes the oldest completed interval summary, if any.</summary>
    public bool TryTakeCompletedInterval([NotNullWhen(true)] out IntervalSummary? summary) => _completed.TryDequeue(out summary);

    /// <summary>Moves up to <paramref name="destination"/>'s length of the oldest crossing events into it; returns how many.</summary>
    public int TakeCrossingEvents(Span<CrossingEvent> destination) => _crossings.Take(destination);

    /// <summary>Moves up to <paramref name="destination"/>'s length of the oldest detector events into it; returns how many.</summary>
    public int TakeDetectorEvents(Span<DetectorEvent> destination) => _detectorEvents.Take(destination);

    /// <summary>Moves up to <paramref name="destination"/>'s length of the oldest movement events (one per counted journey) into it; returns how many.</summary>
    public int TakeMovementEvents(Span<MovementEvent> destination) => _movementEvents.Take(destination);

    private void AdvanceClock(long t, DateTimeOffset timestamp)
    {
        if (!_open)
        {
            Open(t - (t % _intervalTicks));
            _acc.FramesDropped += _pendingDropped;
            _pendingDropped = 0;
            _acc.FirstFrameTicks = _acc.LastFrameTicks = _lastTicks = t;
            _open = true;
            return;
        }

        if (t < _lastTicks)
        {
            long back = _lastTicks - t;
            AnalyticsLog.TimestampWentBackwards(_logger, _layout.Camera, timestamp, (double)back / TimeSpan.TicksPerSecond);
            _acc.BackwardSteps++;
            _acc.LargestBackwardTicks = Math.Max(_acc.LargestBackwardTicks, back);

            // Segment speeds across a backwards step are meaningless: start every ground track afresh.
            for (int slot = 0; slot < _slots.Capacity; slot++)
            {
                _slots.Speeds.Clear(slot);
            }

            if (t < _acc.StartTicks)
            {
                // The clock jumped before this interval: close it and start again where the clock now is.
                Complete();
                Open(t - (t % _intervalTicks));
                _acc.AfterClockJump = true;
                _acc.FirstFrameTicks = t;
            }

            _acc.LastFrameTicks = _lastTicks = t;
            return;
        }

        long gapTicks = t - _lastTicks;
        if (t < _acc.EndTicks)
        {
            if (gapTicks > _maxGapTicks)
            {
                _acc.Gaps++;
                _acc.LongestGapTicks = Math.Max(_acc.LongestGapTicks, gapTicks);
            }
        }
        else
        {
            // A gap across the boundary shows in the closing interval as "no frames for the last …" and in the new
            // one as "no frames for the first …"; intervals wholly inside it close with no data.
            while (t >= _acc.EndTicks)
            {
                CloseAndOpenNext();
            }

            _acc.FirstFrameTicks = t;
        }

        _acc.LastFrameTicks = _lastTicks = t;
    }

    private void Open(long start) => _acc.Reset(start, start + _intervalTicks);

    private void CloseAndOpenNext()
    {
        long next = _acc.EndTicks;
        // Before the interval is taken: what the sweep finishes (journeys completed or inferred, zone stays, incomplete
        // journeys) belongs to it, and after Complete its accumulator is only waiting to be reset.
        SweepStaleTracks(next);
        Complete();
        Open(next);
        _acc.LastFrameTicks = next;
        _acc.FirstFrameTicks = next;
    }

    private void Complete()
    {
        IntervalSummary summary = _acc.ToSummary(_maxGapTicks, _maxDroppedFraction);
        if (_completed.Count >= SummaryQueueCapacity)
        {
            _completed.Dequeue();
            DiscardedSummaries++;
            AnalyticsLog.SummariesDiscarded(_logger, _layout.Camera, DiscardedSummaries);
        }

        _completed.Enqueue(summary);
        AnalyticsLog.IntervalClosed(_logger, _layout.Camera, summary.Start, summary.Status, summary.Reason);
    }

    private void SweepStaleTracks(long nowTicks)
    {
        // A tracker that never reports a removal must not pin slots (and zone occupancy) forever.
        for (int slot = 0; slot < _slots.Capacity; slot++)
        {
            if (_slots.InUse[slot] && nowTicks - _slots.LastSeenTicks[slot] > _staleTicks)
            {
                Finish(slot, new DateTimeOffset(_slots.LastSeenTicks[slot], TimeSpan.Zero));
            }
        }
    }

    private void Observe(in TrackedObject track, int slot, bool created, long t, DateTimeOffset timestamp)
    {
        _slots.Class[slot] = track.Class;
        _slots.VoteClass(slot, track.DetectedClass, track.Box, track.Score);

        BoxF box = track.Box;
        var bottom = new Vector2(box.CenterX, box.Y2);
        var centre = new Vector2(box.CenterX, box.CenterY);

        bool onGround = false;
        Vector2? stitchedFrom = null;
        if (_ground is not null && _ground.TryMap(bottom.X, bottom.Y, out Vector2 g))
        {
            onGround = true;
            if (created && _stitchWindowTicks > 0 && _layout.Approaches.Count > 0 && FindZone(bottom, exit: false) < 0)
            {
                // Before this frame's position enters the history: the donor is looked for among the others.
                stitchedFrom = TryStitch(slot, g, t, track.Class == TrafficClass.Pedestrian);
            }

            _slots.Speeds.Add(slot, t, g.X, g.Y);
            _slots.SpeedKmh[slot] = _slots.Speeds.SpeedKmh(slot, t, _speedWindowTicks, _minSpeedSamples);

            // Displacement over up to 2 s (at least 1 s): a jittery or jumping box moves it little, unlike segment speeds.
            if (_slots.Speeds.TryVelocity(slot, TopSpeedWindowTicks, out Vector2 sustained, out long span) && span >= TopSpeedMinSpanTicks)
            {
                _slots.TopSpeedKmh[slot] = MathF.Max(_slots.TopSpeedKmh[slot], sustained.Length() * 3.6f);
            }
        }
        else
        {
            g = default;
        }

        // Not observed in a detector frame or more since it last was (the tracker lost it and found it again), or a
        // new track continuing the journey of one lost before: where it was last seen, so a movement can see which
        // zone its unobserved path went through.
        bool afterGap = !created && _detectorFrames - _slots.LastObservedFrame[slot] > 1;
        Vector2? unobservedFrom = afterGap ? _slots.LastImage[slot] : stitchedFrom;
        _slots.LastObservedFrame[slot] = _detectorFrames;
        _slots.LastSeenTicks[slot] = t;
        _slots.LastImage[slot] = bottom;
        _slots.ImageVelocity[slot] = new Vector2(track.VelocityX, track.VelocityY);

        for (int l = 0; l < _layout.Lines.Count; l++)
        {
            CountingLine line = _layout.Lines[l];
            CheckCrossing(slot, l, line, line.Anchor == LineAnchor.Centre ? centre : bottom, track, timestamp);
        }

        for (int z = 0; z < _layout.Zones.Count; z++)
        {
            AnalyticsZone zone = _layout.Zones[z];
            Vector2 p = zone.Anchor == LineAnchor.Centre ? centre : bottom;
            UpdateZone(slot, z, zone, zone.Polygon.Contains(p.X, p.Y), t, timestamp);
        }

        if (_layout.Approaches.Count > 0)
        {
            StepMovement(slot, bottom, onGround, g, timestamp, unobservedFrom);
        }
    }

    private void CheckCrossing(int slot, int l, CountingLine line, Vector2 p, in TrackedObject track, DateTimeOffset timestamp)
    {
        int i = _slots.LineIndex(slot, l);
        float d = line.SignedDistance(p);
        sbyte side = d > line.Hysteresis ? (sbyte)1 : d < -line.Hysteresis ? (sbyte)-1 : (sbyte)0;
        if (side == 0)
        {
            // Inside the hysteresis band: a straddling or jittering box changes nothing.
            return;
        }

        sbyte previous = _slots.LineSide[i];
        if (previous != 0 && previous != side && line.PathCrossesSegment(_slots.LineArmed[i], p, line.Hysteresis))
        {
            // The path from the last point clearly on the old side crosses the segment itself, not the line's
            // extension beside it.
            CountCrossing(slot, l, line, side > 0 ? CrossingDirection.In : CrossingDirection.Out, track.TrackId, timestamp);
        }

        _slots.LineSide[i] = side;
        _slots.LineArmed[i] = p;
    }

    /// <summary>Counts a crossing of line <paramref name="l"/> by the journey in <paramref name="slot"/>, unless it was counted before or the line does not count its class; true when counted.</summary>
    private bool CountCrossing(int slot, int l, CountingLine line, CrossingDirection direction, int trackId, DateTimeOffset timestamp)
    {
        int i = _slots.LineIndex(slot, l);
        byte bit = (byte)(direction == CrossingDirection.In ? 1 : 2);

        // The class the journey is counted in (its votes so far), not the tracker's lifetime vote: a car entering
        // the picture as a strip, or a queued one half hidden by the car in front, is then counted a car at the stop
        // line as in its turning movement.
        TrafficClass cls = JourneyClass(slot);
        if ((_slots.LineCounted[i] & bit) != 0 || !line.Counts(cls) || !line.Counts(direction))
        {
            return false;
        }

        _slots.LineCounted[i] |= bit;
        _acc.LineCounts[_acc.LineIndex(l, direction, cls)]++;
        float speed = _slots.SpeedKmh[slot];
        if (!float.IsNaN(speed))
        {
            _acc.AddSpeed(l, speed);
        }

        _crossings.Add(new CrossingEvent(timestamp, trackId, line.Name, direction, cls, speed));
        return true;
    }

    /// <summary>
    /// Lines a road user first seen past them crossed out of sight: once its entry is inferred (<paramref name="from"/>),
    /// each line the straight path from that entry zone's centre to where the track was first seen crosses, in the
    /// direction of that path, unless the journey has counted that crossing already (taken over by stitching), or a
    /// track lost moments ago on an unfinished journey from the same entry counted it (<see cref="TakeLostTracksCrossing"/>).
    /// </summary>
    private void InferCrossings(int slot, int from, Vector2 now, DateTimeOffset timestamp)
    {
        Vector2 origin = _layout.Approaches[from].EntryZone.CornerCentroid;
        for (int l = 0; l < _layout.Lines.Count; l++)
        {
            CountingLine line = _layout.Lines[l];
            Vector2 first = _slots.FirstImage[slot];
            float d0 = line.SignedDistance(origin), d1 = line.SignedDistance(first);
            if (MathF.Abs(d1) <= line.Hysteresis)
            {
                // First seen on the line (within its hysteresis band: a car at the front of a queue when the camera
                // starts, one coming out from behind a bus just there): never clearly on the near side, so never seen
                // crossing; where it is now, metres on, tells which side it went to.
                first = now;
                d1 = line.SignedDistance(now);
            }

            if (line.Anchor != LineAnchor.BottomCentre || MathF.Abs(d0) <= line.Hysteresis || MathF.Abs(d1) <= line.Hysteresis
                || (d0 > 0) == (d1 > 0) || !line.PathCrossesSegment(origin, first, line.Hysteresis))
            {
                continue;
            }

            CrossingDirection direction = d1 > 0 ? CrossingDirection.In : CrossingDirection.Out;
            int i = _slots.LineIndex(slot, l);
            byte bit = (byte)(direction == CrossingDirection.In ? 1 : 2);
            if ((_slots.LineCounted[i] & bit) == 0 && TakeLostTracksCrossing(slot, l, bit, from, timestamp.UtcTicks))
            {
                _slots.LineCounted[i] |= bit;
                continue;
            }

            if (CountCrossing(slot, l, line, direction, _slots.TrackId[slot], timestamp))
            {
                _acc.InferredCrossings++;
            }
        }
    }

    /// <summary>
    /// Whether a track lost within the stitch window (still held, or remembered as ended) on a journey from entry
    /// <paramref name="from"/> that it did not finish counted line <paramref name="l"/>'s crossing (<paramref name="bit"/>:
    /// 1 in, 2 out) that no later track has taken yet; if so that crossing is taken (marked with the bit shifted by two) and
    /// the new track in <paramref name="slot"/> does not count it again. Only a track the new one was first seen ahead of
    /// (further from the entry zone's centre in the image): a road user lost behind one found ahead of it is another. Traced
    /// on the synthetic scenarios: a bus or truck whose box split in two in the junction, the front part's new track born
    /// while the first was still seen (so not stitched), the first lost a moment later; the new track's inferred entry
    /// counted the stop line a second time (three of three such double counts; without the "ahead" condition it also
    /// took the crossing of a car lost ahead of a new one, twice on the reference's true tracks).
    /// </summary>
    private bool TakeLostTracksCrossing(int slot, int l, byte bit, int from, long t)
    {
        bool pedestrian = _slots.Class[slot] == TrafficClass.Pedestrian;
        byte taken = (byte)(bit << 2);
        Vector2 origin = _layout.Approaches[from].EntryZone.CornerCentroid;
        float reach = Vector2.Distance(_slots.FirstImage[slot], origin);
        for (int s = 0; s < _slots.Capacity; s++)
        {
            if (s == slot || !_slots.InUse[s] || _slots.LastSeenTicks[s] >= t || t - _slots.LastSeenTicks[s] > _stitchWindowTicks
                || _slots.Phase[s] is not (MovementPhase.InEntry or MovementPhase.Travelling) || _slots.FirstEntry[s] != from
                || (_slots.Class[s] == TrafficClass.Pedestrian) != pedestrian || Vector2.Distance(_slots.LastImage[s], origin) >= reach)
            {
                continue;
            }

            int i = _slots.LineIndex(s, l);
            if ((_slots.LineCounted[i] & (bit | taken)) == bit)
            {
                _slots.LineCounted[i] |= taken;
                return true;
            }
        }

        int lines = _layout.Lines.Count;
        for (int k = 0; k < GhostCapacity; k++)
        {
            ref readonly JourneyGhost ghost = ref _ghosts[k];
            if (!ghost.Live || ghost.Counted || ghost.Pedestrian != pedestrian || ghost.FirstEntry != from
                || ghost.Phase is not (MovementPhase.InEntry or MovementPhase.Travelling)
                || ghost.LastSeenTicks >= t || t - ghost.LastSeenTicks > _stitchWindowTicks || Vector2.Distance(ghost.Image, origin) >= reach)
            {
                continue;
            }

            ref byte counted = ref _ghostLineCounted[(k * lines) + l];
            if ((counted & (bit | taken)) == bit)
            {
                counted |= taken;
                return true;
            }
        }

        return false;
    }

    private void UpdateZone(int slot, int z, AnalyticsZone zone, bool inside, long t, DateTimeOffset timestamp)
    {
        int i = _slots.ZoneIndex(slot, z);
        bool was = _slots.InZone[i];
        if (inside == was)
        {
            return;
        }

        if (inside)
        {
            _slots.InZone[i] = true;
            _slots.ZoneEnteredTicks[i] = t;
            _acc.ZoneEntries[z]++;
            if (_zoneOccupancy[z]++ == 0 && zone.DetectorChannel is { } ch)
            {
                AddDetectorEvent(timestamp, AtspmEventCode.DetectorOn, ch, zone.Name);
            }
        }
        else
        {
            LeaveZone(slot, z, zone, t, timestamp);
        }
    }

    private void LeaveZone(int slot, int z, AnalyticsZone zone, long leftTicks, DateTimeOffset timestamp)
    {
        int i = _slots.ZoneIndex(slot, z);
        _slots.InZone[i] = false;
        _acc.ZoneExits[z]++;
        long dwell = leftTicks - _slots.ZoneEnteredTicks[i];
        if (dwell >= _minDwellTicks && dwell >= 0)
        {
            double seconds = (double)dwell / TimeSpan.TicksPerSecond;
            _acc.ZoneDwellCount[z]++;
            _acc.ZoneDwellSum[z] += seconds;
            _acc.ZoneDwellMax[z] = Math.Max(_acc.ZoneDwellMax[z], seconds);
        }

        if (--_zoneOccupancy[z] == 0 && zone.DetectorChannel is { } ch)
        {
            AddDetectorEvent(timestamp, AtspmEventCode.DetectorOff, ch, zone.Name);
        }
    }

    private void AddDetectorEvent(DateTimeOffset timestamp, AtspmEventCode code, int channel, string zone)
    {
        _detectorEvents.Add(new DetectorEvent(timestamp, code, channel, zone));
        _acc.DetectorEvents++;
    }

    /// <param name="slot">The track's slot.</param>
    /// <param name="p">Its anchor (box bottom centre) in the image.</param>
    /// <param name="onGround">Whether <paramref name="g"/> is known.</param>
    /// <param name="g">Its anchor on the ground.</param>
    /// <param name="timestamp">The frame's time.</param>
    /// <param name="unobservedFrom">
    /// Where it was last observed when it went unobserved for a detector frame or more since, or, for a new track that
    /// continues a journey, where that journey's road user was last seen; null otherwise.
    /// </param>
    private void StepMovement(int slot, Vector2 p, bool onGround, Vector2 g, DateTimeOffset timestamp, Vector2? unobservedFrom)
    {
        IReadOnlyList<ApproachGeometry> approaches = _layout.Approaches;
        switch (_slots.Phase[slot])
        {
            case MovementPhase.None:
                {
                    int entry = FindZone(p, exit: false);
                    if (entry >= 0)
                    {
                        _slots.FirstEntry[slot] = (sbyte)entry;
                        _slots.Phase[slot] = MovementPhase.InEntry;
                        _slots.PhaseFrames[slot] = 0;
                    }
                    else if (FindZone(p, exit: true) is int seenExit and >= 0)
                    {
                        // Seen in an exit zone before any entry zone (born late, an id switch, or a road user coming
                        // into the picture across the corner of another arm's exit zone): remembered, so that the
                        // journey is incomplete if nothing follows, and no entry is inferred for it; an entry zone
                        // visited after it still starts a journey.
                        if (++_slots.PhaseFrames[slot] >= _minZoneFrames)
                        {
                            _slots.ExitCandidate[slot] = (sbyte)seenExit;
                        }
                    }
                    else
                    {
                        _slots.PhaseFrames[slot] = 0;
                        if (_inferEntry && onGround && !_slots.EntryInferenceDone[slot] && _slots.ExitCandidate[slot] < 0
                            && (_inferPedestrians || _slots.Class[slot] != TrafficClass.Pedestrian))
                        {
                            InferEntry(slot, p, g, timestamp);
                        }
                    }

                    break;
                }

            case MovementPhase.InEntry:
                {
                    int from = _slots.FirstEntry[slot];
                    if (approaches[from].EntryZone.Contains(p.X, p.Y))
                    {
                        _slots.PhaseFrames[slot] = 0;
                    }
                    else if (++_slots.PhaseFrames[slot] >= _minZoneFrames)
                    {
                        _slots.Phase[slot] = MovementPhase.Travelling;
                        _slots.PhaseFrames[slot] = 0;
                        _slots.ExitCandidate[slot] = -1;
                        float speed = _slots.SpeedKmh[slot];
                        if (!float.IsNaN(speed))
                        {
                            _acc.AddSpeed(_layout.Lines.Count + from, speed);
                        }
                    }

                    break;
                }

            case MovementPhase.Travelling:
                {
                    if (onGround)
                    {
                        TrackReach(slot, g);
                    }

                    int exit = FindZone(p, exit: true);
                    if (exit >= 0 && !UTurnPossible(slot, exit))
                    {
                        exit = -1; // Its own arm's exit zone, not far enough from the entry to have turned round.
                    }

                    if (exit < 0 && unobservedFrom is { } from && _slots.ConfirmedExit[slot] < 0
                        && ExitPassedUnobserved(slot, from, p) is int passed and >= 0)
                    {
                        // Lost on its way out and found again beyond the exit zone, which it went through unobserved
                        // (night 900504 truth 45: 1.4 s without a box took it across all 10 m of its exit zone).
                        _slots.ConfirmedExit[slot] = (sbyte)passed;
                        _slots.ExitVelocity[slot] = _slots.ImageVelocity[slot];
                        _slots.Evidence[slot] |= MovementEvidence.InferredExit;
                        _acc.InferredExits++;
                    }

                    if (exit >= 0)
                    {
                        if (exit == _slots.ExitCandidate[slot])
                        {
                            _slots.PhaseFrames[slot] = (byte)Math.Min(_slots.PhaseFrames[slot] + 1, byte.MaxValue);
                        }
                        else
                        {
                            _slots.ExitCandidate[slot] = (sbyte)exit;
                            _slots.PhaseFrames[slot] = 1;
                        }

                        if (_slots.PhaseFrames[slot] >= _minZoneFrames)
                        {
                            if (_slots.ConfirmedExit[slot] != exit)
                            {
                                _slots.ExitVelocity[slot] = _slots.ImageVelocity[slot];
                            }

                            _slots.ConfirmedExit[slot] = (sbyte)exit;
                        }
                    }
                    else
                    {
                        _slots.ExitCandidate[slot] = -1;
                        _slots.PhaseFrames[slot] = 0;
                        if (_slots.ConfirmedExit[slot] >= 0)
                        {
                            EmitMovement(slot, timestamp);
                        }
                    }

                    break;
                }

            case MovementPhase.Done when _slots.CountedTicks[slot] != 0
                && (timestamp.UtcTicks - _slots.CountedTicks[slot] >= RestartAfterTicks || TurnedBack(slot)):
                {
                    // Counted, and now in an entry zone again: the tracker has carried the id over to another road
                    // user (a vehicle leaving at the frame edge where another comes in). A new journey, its own votes.
                    // Sooner than RestartAfterTicks when the track now moves against the way it left: a car coming in
                    // drives through its entry zone in less than 2 s (session 20, dense-queue 900301 truth 146).
                    int entry = FindZone(p, exit: false);
                    if (entry < 0)
                    {
                        _slots.PhaseFrames[slot] = 0;
                    }
                    else if (++_slots.PhaseFrames[slot] >= _minZoneFrames)
                    {
                        _slots.ResetJourney(slot);
                        _slots.FirstEntry[slot] = (sbyte)entry;
                        _slots.Phase[slot] = MovementPhase.InEntry;
                    }

                    break;
                }

            default:
                break;
        }
    }

    /// <summary>Widens the journey's reach from where it started travelling (the first ground position it has since).</summary>
    private void TrackReach(int slot, Vector2 g)
    {
        if (_slots.TravelReach[slot] < 0)
        {
            _slots.TravelOrigin[slot] = g;
            _slots.TravelReach[slot] = 0;
        }
        else
        {
            _slots.TravelReach[slot] = MathF.Max(_slots.TravelReach[slot], Vector2.Distance(g, _slots.TravelOrigin[slot]));
        }
    }

    /// <summary>Whether <paramref name="exit"/> may end the journey: another arm's exit, or its own once it got far enough out to have turned round.</summary>
    private bool UTurnPossible(int slot, int exit) =>
        exit != _slots.FirstEntry[slot] || _minUTurnReach <= 0 || _slots.TravelReach[slot] >= _minUTurnReach;

    /// <summary>
    /// The exit zone the straight path from <paramref name="from"/> (where the road user was last observed) to
    /// <paramref name="to"/> (where it is observed again, in no exit zone) goes through: the road user drove through it
    /// unobserved. A straight line in the image is one on the ground. −1 when the path meets no exit zone, more than
    /// one, or ends in an entry zone (a jump to another road user more likely than a drive), or the zone is its own
    /// arm's exit too close to its entry for a U-turn.
    /// </summary>
    private int ExitPassedUnobserved(int slot, Vector2 from, Vector2 to)
    {
        if (FindZone(to, exit: false) >= 0)
        {
            return -1;
        }

        Vector2 step = to - from;
        int samples = Math.Clamp((int)MathF.Ceiling(step.Length() / UnobservedPathStepPixels), 1, MaxUnobservedPathSamples);
        int found = -1;
        for (int k = 0; k < samples; k++)
        {
            int zone = FindZone(from + (step * ((float)k / samples)), exit: true);
            if (zone < 0 || zone == found)
            {
                continue;
            }

            if (found >= 0)
            {
                return -1;
            }

            found = zone;
        }

        return found >= 0 && UTurnPossible(slot, found) ? found : -1;
    }

    private int FindZone(Vector2 p, bool exit)
    {
        IReadOnlyList<ApproachGeometry> approaches = _layout.Approaches;
        for (int a = 0; a < approaches.Count; a++)
        {
            ImagePolygon zone = exit ? approaches[a].ExitZone : approaches[a].EntryZone;
            if (zone.Contains(p.X, p.Y))
            {
                return a;
            }
        }

        return -1;
    }

    private void EmitMovement(int slot, DateTimeOffset timestamp)
    {
        int from = _slots.FirstEntry[slot], to = _slots.ConfirmedExit[slot];
        if (_layout.TryGetMovement(from, to, out _))
        {
            TrafficClass majority = _slots.MajorityClass(slot);
            TrafficClass cls = JourneyClass(slot);
            MovementEvidence evidence = _slots.Evidence[slot] | (cls != majority ? MovementEvidence.ClassFromSpeed : 0);
            _acc.MovementCounts[_acc.MovementIndex(from, to, cls)]++;
            _movementEvents.Add(new MovementEvent(timestamp, _slots.TrackId[slot], from, to, cls, evidence));
        }
        else
        {
            _acc.UnlistedMovements++;
        }

        _slots.Phase[slot] = MovementPhase.Done;
        _slots.PhaseFrames[slot] = 0;
        _slots.CountedTicks[slot] = Math.Max(1, timestamp.UtcTicks);
    }

    /// <summary>The class a journey is counted in, on its lines and in its movement: its majority class by speed.</summary>
    private TrafficClass JourneyClass(int slot) => ClassBySpeed(_slots.MajorityClass(slot), _slots.TopSpeedKmh[slot]);

    /// <summary>
    /// The journey's class given its top sustained speed: a "pedestrian" faster than any walker is a cyclist, a
    /// "bicycle" faster than any cyclist a motorcyclist (limits in <see cref="JourneyOptions"/>; 0 is off). Only ever
    /// towards the faster two-wheeler: a slow motorcycle in a queue says nothing.
    /// </summary>
    private TrafficClass ClassBySpeed(TrafficClass cls, float topKmh)
    {
        if (cls == TrafficClass.Pedestrian && _maxPedestrianKmh > 0 && topKmh > _maxPedestrianKmh)
        {
            cls = TrafficClass.Bicycle;
        }

        if (cls == TrafficClass.Bicycle && _maxBicycleKmh > 0 && topKmh > _maxBicycleKmh)
        {
            cls = TrafficClass.Motorcycle;
        }

        return cls;
    }

    private void Finish(int slot, DateTimeOffset timestamp, bool lost = true)
    {
        long lastSeen = _slots.LastSeenTicks[slot];
        for (int z = 0; z < _layout.Zones.Count; z++)
        {
            if (_slots.InZone[_slots.ZoneIndex(slot, z)])
            {
                LeaveZone(slot, z, _layout.Zones[z], lastSeen, timestamp);
            }
        }

        MovementPhase phase = _slots.Phase[slot];
        bool inferredNow = false;
        switch (phase)
        {
            case MovementPhase.InEntry:
                _acc.IncompleteMovements++;
                break;
            case MovementPhase.Travelling when _slots.ConfirmedExit[slot] >= 0:
                // Removed inside its exit zone: the journey is complete, and nothing is remembered of it.
                EmitMovement(slot, timestamp);
                phase = MovementPhase.Done;
                break;
            case MovementPhase.Travelling when lost && InferExit(slot):
                // Lost before its exit was confirmed: the exit zone it was last seen in, or the one straight ahead.
                EmitMovement(slot, timestamp);
                inferredNow = true;
                break;
            case MovementPhase.Travelling:
            case MovementPhase.None when _slots.ExitCandidate[slot] >= 0:
                _acc.IncompleteMovements++;
                break;
            default:
                break;
        }

        // An unfinished journey may be continued by a new track; one counted with an inferred exit must not be counted again by one.
        if (lost && _stitchWindowTicks > 0 && (inferredNow || phase is MovementPhase.InEntry or MovementPhase.Travelling))
        {
            RememberGhost(slot, phase, counted: inferredNow);
        }

        _slots.Release(slot);
    }

    /// <summary>
    /// Continues, in the newly seen track <paramref name="slot"/> at ground position <paramref name="g"/>, the
    /// unfinished journey of a track lost or ended shortly before whose predicted position is nearest within the
    /// gate; when that journey was already counted, the new track's is closed so the road user is not counted twice.
    /// Either way the new track takes over the lines' state (the side last clearly seen, the crossings counted), so a
    /// stop line crossed while the road user was hidden is counted once, and one counted before is not counted again.
    /// </summary>
    /// <returns>Where the journey's road user was last seen in the image when an unfinished journey was continued; else null.</returns>
    private Vector2? TryStitch(int slot, Vector2 g, long t, bool pedestrian)
    {
        float best = float.PositiveInfinity;
        int bestSlot = -1, bestGhost = -1;
        for (int s = 0; s < _slots.Capacity; s++)
        {
            if (s == slot || !_slots.InUse[s] || _slots.LastSeenTicks[s] >= t
                || _slots.Phase[s] is not (MovementPhase.InEntry or MovementPhase.Travelling)
                || (_slots.Class[s] == TrafficClass.Pedestrian) != pedestrian
                || !_slots.Speeds.TryLatest(s, out long seen, out Vector2 position))
            {
                continue;
            }

            if (BehindWaitingDonor(_slots.Phase[s], _slots.FirstEntry[s], g, position))
            {
                continue;
            }

            _slots.Speeds.TryVelocity(s, _speedWindowTicks, out Vector2 velocity);
            float d = LeftThePicture(_slots.LastImage[s], _slots.ImageVelocity[s], t - seen)
                ? float.PositiveInfinity
                : GateDistance(g, t, seen, position, velocity, pedestrian);
            if (d < best)
            {
                best = d;
                bestSlot = s;
            }
        }

        for (int k = 0; k < GhostCapacity; k++)
        {
            ref readonly JourneyGhost ghost = ref _ghosts[k];
            if (!ghost.Live || ghost.Pedestrian != pedestrian || ghost.LastSeenTicks >= t
                || LeftThePicture(ghost.Image, ghost.ImageVelocity, t - ghost.LastSeenTicks)
                || BehindWaitingDonor(ghost.Phase, ghost.FirstEntry, g, ghost.Position))
            {
                continue;
            }

            float d = GateDistance(g, t, ghost.LastSeenTicks, ghost.Position, ghost.Velocity, pedestrian);
            if (d < best)
            {
                best = d;
                bestSlot = -1;
                bestGhost = k;
            }
        }

        int c = TrafficClasses.Count;
        Vector2 lastSeen;
        if (bestSlot >= 0)
        {
            _slots.Phase[slot] = _slots.Phase[bestSlot];
            _slots.FirstEntry[slot] = _slots.FirstEntry[bestSlot];
            _slots.ConfirmedExit[slot] = _slots.ConfirmedExit[bestSlot];
            _slots.Evidence[slot] = _slots.Evidence[bestSlot] | MovementEvidence.Stitched;
            for (int k = 0; k < c; k++)
            {
                _slots.ClassWeight[(slot * c) + k] += _slots.ClassWeight[(bestSlot * c) + k];
            }

            _slots.TopSpeedKmh[slot] = MathF.Max(_slots.TopSpeedKmh[slot], _slots.TopSpeedKmh[bestSlot]);
            _slots.TravelOrigin[slot] = _slots.TravelOrigin[bestSlot];
            _slots.TravelReach[slot] = _slots.TravelReach[bestSlot];

            _slots.HandOverLines(bestSlot, slot);
            _slots.Phase[bestSlot] = MovementPhase.Done; // Handed over: neither counted nor incomplete when it ends.
            _acc.StitchedJourneys++;
            lastSeen = _slots.LastImage[bestSlot];
        }
        else if (bestGhost >= 0)
        {
            ref JourneyGhost ghost = ref _ghosts[bestGhost];
            ghost.Live = false;
            int lines = _layout.Lines.Count, g0 = bestGhost * lines;
            _slots.RestoreLines(slot, _ghostLineSide.AsSpan(g0, lines), _ghostLineArmed.AsSpan(g0, lines), _ghostLineCounted.AsSpan(g0, lines));

            if (ghost.Counted)
            {
                // The road user lost here was counted (with an inferred exit): the new track must not count it again.
                _slots.Phase[slot] = MovementPhase.Done;
                return null;
            }

            _slots.Phase[slot] = ghost.Phase;
            _slots.FirstEntry[slot] = ghost.FirstEntry;
            _slots.ConfirmedExit[slot] = ghost.ConfirmedExit;
            _slots.Evidence[slot] = ghost.Evidence | MovementEvidence.Stitched;
            for (int k = 0; k < c; k++)
            {
                _slots.ClassWeight[(slot * c) + k] += _ghostClassWeight[(bestGhost * c) + k];
            }

            _slots.TopSpeedKmh[slot] = MathF.Max(_slots.TopSpeedKmh[slot], ghost.TopSpeedKmh);
            _slots.TravelOrigin[slot] = ghost.TravelOrigin;
            _slots.TravelReach[slot] = ghost.TravelReach;

            _acc.StitchedJourneys++;
            lastSeen = ghost.Image;
        }
        else
        {
            return null;
        }

        _slots.ExitCandidate[slot] = -1;
        _slots.PhaseFrames[slot] = 0;
        return lastSeen;
    }

    /// <summary>
    /// Whether a counted track now moves against the way it moved when its exit was confirmed (more than 120° apart, both at least
    /// <see cref="MinTurnBackPixelsPerSecond"/>): no road user leaving the picture turns back within seconds, so the
    /// tracker has given its id to one coming in.
    /// </summary>
    private bool TurnedBack(int slot)
    {
        Vector2 now = _slots.ImageVelocity[slot], then = _slots.ExitVelocity[slot];
        float a = now.Length(), b = then.Length();
        return a >= MinTurnBackPixelsPerSecond && b >= MinTurnBackPixelsPerSecond && Vector2.Dot(now, then) < -0.5f * a * b;
    }

    /// <summary>Whether a road user last seen at <paramref name="image"/>, carried on at its image velocity for <paramref name="ticks"/>, is now outside the frame.</summary>
    private bool LeftThePicture(Vector2 image, Vector2 velocity, long ticks)
    {
        float carried = (float)((double)Math.Min(ticks, _maxPredictionTicks) / TimeSpan.TicksPerSecond);
        Vector2 p = image + (velocity * carried);
        return p.X < 0 || p.Y < 0 || p.X > _layout.FrameWidth || p.Y > _layout.FrameHeight;
    }

    /// <summary>
    /// Whether a new track at <paramref name="g"/> lies further upstream (along the stop line's upstream normal, so only on
    /// approaches with a stop line), by more than <see cref="WaitingDonorBackMetres"/>, than a donor (a live track lost, or a track ended) last seen at
    /// <paramref name="position"/> while it waited in the entry zone of approach <paramref name="entry"/>. A road user in
    /// its entry zone only moves inbound, so the new track is another one coming up behind it (traced: a bus coming into
    /// the picture at the frame's bottom edge took over the journey of the car queued ahead of it that it hid, and when
    /// the car was tracked again its journey was handed over and never counted).
    /// </summary>
    private bool BehindWaitingDonor(MovementPhase phase, int entry, Vector2 g, Vector2 position) =>
        phase == MovementPhase.InEntry && entry >= 0 && entry < _layout.Approaches.Count
        && _layout.Approaches[entry] is { StopLine: not null } approach
        && Vector2.Dot(g - position, approach.UpstreamGround) > WaitingDonorBackMetres;

    /// <summary>Distance from <paramref name="g"/> to a lost road user's predicted position, or +∞ outside the gate or the window.</summary>
    private float GateDistance(Vector2 g, long t, long seen, Vector2 position, Vector2 velocity, bool pedestrian)
    {
        long waited = t - seen;
        if (waited > _stitchWindowTicks)
        {
            return float.PositiveInfinity;
        }

        float seconds = (float)((double)waited / TimeSpan.TicksPerSecond);
        float carried = (float)((double)Math.Min(waited, _maxPredictionTicks) / TimeSpan.TicksPerSecond);
        Vector2 predicted = position + (velocity * carried);
        float radius = (pedestrian ? _pedestrianStitchRadius : _stitchRadius) + (_stitchGrowth * seconds);
        float d = Vector2.Distance(g, predicted);
        return d <= radius ? d : float.PositiveInfinity;
    }

    private void RememberGhost(int slot, MovementPhase phase, bool counted)
    {
        if (!_slots.Speeds.TryLatest(slot, out long seen, out Vector2 position))
        {
            return;
        }

        _slots.Speeds.TryVelocity(slot, _speedWindowTicks, out Vector2 velocity);
        int k = _nextGhost;
        _nextGhost = (_nextGhost + 1) % GhostCapacity;
        _ghosts[k] = new JourneyGhost
        {
            LastSeenTicks = seen,
            Position = position,
            Velocity = velocity,
            Image = _slots.LastImage[slot],
            ImageVelocity = _slots.ImageVelocity[slot],
            Pedestrian = _slots.Class[slot] == TrafficClass.Pedestrian,
            TopSpeedKmh = _slots.TopSpeedKmh[slot],
            TravelOrigin = _slots.TravelOrigin[slot],
            TravelReach = _slots.TravelReach[slot],
            Live = true,
            Counted = counted,
            Phase = phase,
            FirstEntry = _slots.FirstEntry[slot],
            ConfirmedExit = _slots.ConfirmedExit[slot],
            Evidence = _slots.Evidence[slot],
        };
        int c = TrafficClasses.Count;
        Array.Copy(_slots.ClassWeight, slot * c, _ghostClassWeight, k * c, c);
        int lines = _layout.Lines.Count;
        _slots.SaveLines(slot, _ghostLineSide.AsSpan(k * lines, lines), _ghostLineArmed.AsSpan(k * lines, lines), _ghostLineCounted.AsSpan(k * lines, lines));
    }

    /// <summary>
    /// Entry of a track first seen outside every zone: once it has travelled far enough for a heading, the approach
    /// whose entry zone lies straight behind its first position, when exactly one does; failing that, for a track that
    /// bent by more than <see cref="MinEntryBend"/> over its first metres, the entry zone back along that bend; failing
    /// that, the one entry zone it was first seen just past, moving away from it. Tried in full once per track; a track that
    /// then has no entry is looked at again, back along its bend only, until it has travelled <see cref="JourneyOptions.InferBendMaxTravelMetres"/>.
    /// </summary>
    private void InferEntry(int slot, Vector2 image, Vector2 g, DateTimeOffset timestamp)
    {
        if (!_slots.HasFirstGround[slot])
        {
            _slots.FirstGround[slot] = g;
            _slots.FirstImage[slot] = image;
            _slots.HasFirstGround[slot] = true;
            return;
        }

        Vector2 origin = _slots.FirstGround[slot];
        Vector2 travel = g - origin;
        float length = travel.Length();
        if (length < _inferMinTravel)
        {
            return;
        }

        // Tried in full once; while the track travels on (up to the bend limit) only back along its bend again, which
        // over more metres shows a turn that its first 3 m did not.
        bool retry = _slots.EntryInferenceTried[slot];
        _slots.EntryInferenceTried[slot] = true;
        _slots.EntryInferenceDone[slot] = length >= _inferBendMaxTravel;
        int from = retry ? -1 : UniqueApproach(origin, travel / length, behind: true);
        if (from < 0 && _slots.Speeds.TryFirstBend(slot, TurnMinMetres, out Vector2 start, out Vector2 heading, out float curvature, out float bend)
            && MathF.Abs(bend) >= MinEntryBend)
        {
            // Born turning (a right turn seen only once it was under way): the entry zone back along its arc.
            from = ZoneAlongArc(start, -heading, -curvature, _entryGround);
        }

        if (from < 0 && !retry)
        {
            from = NearEntryBehind(origin, travel / length);
        }

        if (from < 0)
        {
            return;
        }

        _slots.EntryInferenceDone[slot] = true;
        _slots.FirstEntry[slot] = (sbyte)from;
        _slots.Phase[slot] = MovementPhase.Travelling;
        _slots.ExitCandidate[slot] = -1;
        _slots.ConfirmedExit[slot] = -1;
        _slots.PhaseFrames[slot] = 0;
        _slots.Evidence[slot] |= MovementEvidence.InferredEntry;
        _acc.InferredEntries++;
        InferCrossings(slot, from, image, timestamp);
    }

    /// <summary>
    /// Exit of a journey whose track ended before an exit zone was confirmed: the exit zone it was last seen in
    /// (too briefly to confirm), else the approach whose exit zone lies straight ahead of its last position and heading.
    /// Not from the heading for a bus or truck: the bottom centre of a long vehicle's box is not where it drives — it
    /// swings as the vehicle turns and jumps when the tracker moves the id between two long vehicles — and on the
    /// synthetic scenarios (three seed sets) all three such exits were wrong (two of them double counts).
    /// </summary>
    private bool InferExit(int slot)
    {
        if (!_exitFromCandidate)
        {
            return false;
        }

        int to = _slots.ExitCandidate[slot];
        TrafficClass majority = _slots.MajorityClass(slot);
        bool headingAllowed = _inferExit && (_slots.Evidence[slot] & MovementEvidence.InferredEntry) == 0
            && (_inferPedestrians || majority != TrafficClass.Pedestrian)
            && majority is not (TrafficClass.Bus or TrafficClass.Truck);
        if (to < 0 && headingAllowed && _slots.Speeds.TryLatest(slot, out _, out Vector2 position)
            && _slots.Speeds.TryVelocity(slot, _speedWindowTicks, out Vector2 velocity))
        {
            float speed = velocity.Length();
            if (speed >= MinHeadingSpeed)
            {
                to = _slots.Speeds.TryTurn(slot, TurnWindowTicks, TurnMinMetres, out float turnRate, out Vector2 heading)
                    && MathF.Abs(turnRate) >= MinTurnRate
                    ? ZoneAlongArc(position, heading, turnRate / speed, _exitGround)
                    : UniqueApproach(position, velocity / speed, behind: false);
            }
        }

        if (to < 0 || !UTurnPossible(slot, to) || (to == _slots.FirstEntry[slot] && !MovingWhenLost(slot)))
        {
            return false;
        }

        _slots.ConfirmedExit[slot] = (sbyte)to;
        _slots.Evidence[slot] |= MovementEvidence.InferredExit;
        _acc.InferredExits++;
        return true;
    }

    /// <summary>
    /// Whether the road user was still moving (at least <see cref="MinHeadingSpeed"/> on the ground over the speed window)
    /// when its track was last seen. An exit inferred into its own arm (a U-turn) needs it: one standing in that arm's
    /// exit zone has not been seen turning round (occlusion 900502: a track handed from a bus leaving by the east edge to
    /// a truck queued there jumped about on it, past the U-turn reach, and the truck standing in the east exit zone was
    /// counted as an east U-turn).
    /// </summary>
    private bool MovingWhenLost(int slot) =>
        _slots.Speeds.TryVelocity(slot, _speedWindowTicks, out Vector2 velocity) && velocity.Length() >= MinHeadingSpeed;

    /// <summary>
    /// The approach whose zone in <paramref name="zones"/> (ground polygons) a road user at <paramref name="origin"/>
    /// heading along <paramref name="heading"/> reaches first when it keeps turning as it was (<paramref name="curvature"/>
    /// radians per metre, counter-clockwise positive): followed for at most the inference distance and half a turn;
    /// −1 when it reaches none. Backwards along a path is the reversed heading with the curvature's sign flipped.
    /// </summary>
    private int ZoneAlongArc(Vector2 origin, Vector2 heading, float curvature, ImagePolygon?[] zones)
    {
        Vector2 p = origin;
        float turn = curvature * ArcStepMetres;
        (float sin, float cos) = MathF.SinCos(turn);
        int steps = (int)MathF.Min(_inferMaxDistance / ArcStepMetres, MathF.PI / MathF.Max(MathF.Abs(turn), 1e-6f));
        for (int k = 0; k < steps; k++)
        {
            heading = PlaneVectors.Rotate(heading, sin, cos);
            p += heading * ArcStepMetres;
            for (int a = 0; a < zones.Length; a++)
            {
                if (zones[a]?.Contains(p.X, p.Y) == true)
                {
                    return a;
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// The only approach whose entry zone lies within <see cref="NearEntryMetres"/> of <paramref name="origin"/> with
    /// <paramref name="heading"/> leading away from it (the zone's nearest point behind the road user); −1 when none or several.
    /// </summary>
    private int NearEntryBehind(Vector2 origin, Vector2 heading)
    {
        int found = -1;
        for (int a = 0; a < _entryGround.Length; a++)
        {
            if (_entryGround[a] is not { } zone)
            {
                continue;
            }

            Vector2 away = origin - zone.Nearest(origin);
            if (away.LengthSquared() > NearEntryMetres * NearEntryMetres || Vector2.Dot(away, heading) <= 0)
            {
                continue;
            }

            if (found >= 0)
            {
                return -1;
            }

            found = a;
        }

        return found;
    }

    /// <summary>
    /// The only approach whose entry zone lies behind <paramref name="origin"/> (<paramref name="behind"/>) or whose
    /// exit zone lies ahead of it, along <paramref name="heading"/> within the angle and the distance; −1 when none or several.
    /// </summary>
    private int UniqueApproach(Vector2 origin, Vector2 heading, bool behind)
    {
        int found = -1;
        for (int a = 0; a < _centreKnown.Length; a++)
        {
            if (!_centreKnown[a])
            {
                continue;
            }

            Vector2 v = behind ? origin - _entryCentre[a] : _exitCentre[a] - origin;
            float d = v.Length();
            if (d < 1e-3f || d > _inferMaxDistance || Vector2.Dot(v / d, heading) < _inferCos)
            {
                continue;
            }

            if (found >= 0)
            {
                return -1;
            }

            found = a;
        }

        return found;
    }

    /// <summary>The zone's outline mapped to the ground, or null when a corner does not map (beyond the horizon).</summary>
    private ImagePolygon? GroundPolygon(ImagePolygon zone)
    {
        if (zone.Count < 3)
        {
            return null;
        }

        var outline = new Vector2[zone.Count];
        for (int i = 0; i < zone.Count; i++)
        {
            if (!_ground!.TryMap(zone[i].X, zone[i].Y, out outline[i]))
            {
                return null;
            }
        }

        return new ImagePolygon(outline);
    }

    private bool TryGroundCentre(ImagePolygon zone, out Vector2 centre)
    {
        centre = default;
        if (zone.Count == 0)
        {
            return false;
        }

        Vector2 sum = default;
        for (int i = 0; i < zone.Count; i++)
        {
            if (!_ground!.TryMap(zone[i].X, zone[i].Y, out Vector2 g))
            {
                return false;
            }

            sum += g;
        }

        centre = sum / zone.Count;
        return true;
    }

    private void SampleQueues(ReadOnlySpan<TrackedObject> tracks)
    {
        IReadOnlyList<ApproachGeometry> approaches = _layout.Approaches;
        if (_ground is null || approaches.Count == 0)
        {
            return;
        }

        Array.Clear(_queueVehicles);
        Array.Clear(_queueMetres);
        foreach (ref readonly TrackedObject track in tracks)
        {
            // Lost tracks count too: a queued car hidden behind a bus is still in the queue, and standing still
            // its predicted box is where it was.
            if (track.State == TrackState.Tentative || !track.Class.IsVehicle() || !_slots.TryFind(track.TrackId, out int slot))
            {
                continue;
            }

            float speed = _slots.SpeedKmh[slot];
            if (float.IsNaN(speed) || speed >= _stoppedKmh)
            {
                continue;
            }

            BoxF box = track.Box;
            for (int a = 0; a < approaches.Count; a++)
            {
                ApproachGeometry approach = approaches[a];
                if (approach.QueueZone is null || !approach.QueueZone.Contains(box.CenterX, box.Y2))
                {
                    continue;
                }

                _queueVehicles[a]++;
                _queueMetres[a] = Math.Max(_queueMetres[a], RearDistance(approach, box, track.Class));
            }
        }

        for (int a = 0; a < approaches.Count; a++)
        {
            _acc.QueueMaxVehicles[a] = Math.Max(_acc.QueueMaxVehicles[a], _queueVehicles[a]);
            _acc.QueueMaxMetres[a] = Math.Max(_acc.QueueMaxMetres[a], _queueMetres[a]);
            _acc.QueueSumMetres[a] += _queueMetres[a];
        }

        _acc.QueueFrames++;
    }

    /// <summary>
    /// Ground distance from the stop line to a vehicle's rear: the farthest of its box's bottom corners and
    /// centre, plus a nominal vehicle length when the box bottom is the vehicle's front (traffic driving towards
    /// the camera, whose boxes show the ground contact of the front only).
    /// </summary>
    private double RearDistance(ApproachGeometry approach, in BoxF box, TrafficClass cls)
    {
        double farthest = 0;
        Span<float> xs = [box.X1, box.CenterX, box.X2];
        foreach (float x in xs)
        {
            if (_ground!.TryMap(x, box.Y2, out Vector2 g))
            {
                farthest = Math.Max(farthest, Vector2.Dot(g - approach.StopLineGround, approach.UpstreamGround));
            }
        }

        return approach.BoxBottomIsFront ? farthest + NominalLengthMetres(cls) : farthest;
    }

    private static double NominalLengthMetres(TrafficClass cls) => cls switch
    {
        TrafficClass.Bus => 12,
        TrafficClass.Truck => 10,
        TrafficClass.Motorcycle => 2.2,
        _ => 4.5,
    };
}
