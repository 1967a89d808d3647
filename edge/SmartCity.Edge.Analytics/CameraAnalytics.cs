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

    private readonly AnalyticsLayout _layout;
    private readonly ILogger _logger;
    private readonly TrackSlotTable _slots;
    private readonly IntervalAccumulator _acc;
    private readonly Queue<IntervalSummary> _completed = new(16);
    private readonly EventRing<CrossingEvent> _crossings;
    private readonly EventRing<DetectorEvent> _detectorEvents;
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
    private bool _open;
    private long _lastTicks;
    private long _pendingDropped;

    /// <summary>Creates the engine for a checked layout.</summary>
    public CameraAnalytics(AnalyticsLayout layout, ILogger? logger = null)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _logger = logger ?? NullLogger.Instance;
        CameraAnalyticsOptions o = layout.Options;
        _slots = new TrackSlotTable(256, layout.Lines.Count, layout.Zones.Count);
        _acc = new IntervalAccumulator(layout);
        _crossings = new EventRing<CrossingEvent>(o.EventBufferCapacity);
        _detectorEvents = new EventRing<DetectorEvent>(o.EventBufferCapacity);
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
            foreach (ref readonly TrackedObject track in tracks)
            {
                if (track.State == TrackState.Confirmed && track.FramesSinceUpdate == 0)
                {
                    Observe(track, t, timestamp);
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
                    Finish(slot, timestamp);
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
        Complete();
        SweepStaleTracks(next);
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

    private void Observe(in TrackedObject track, long t, DateTimeOffset timestamp)
    {
        int slot = _slots.Acquire(track.TrackId, track.Class);
        _slots.Class[slot] = track.Class;
        _slots.LastSeenTicks[slot] = t;
        BoxF box = track.Box;
        var bottom = new Vector2(box.CenterX, box.Y2);
        var centre = new Vector2(box.CenterX, box.CenterY);

        if (_ground is not null && _ground.TryMap(bottom.X, bottom.Y, out Vector2 g))
        {
            _slots.Speeds.Add(slot, t, g.X, g.Y);
            _slots.SpeedKmh[slot] = _slots.Speeds.SpeedKmh(slot, t, _speedWindowTicks, _minSpeedSamples);
        }

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
            StepMovement(slot, bottom);
        }
    }

    private void CheckCrossing(int slot, int l, CountingLine line, Vector2 p, in TrackedObject track, DateTimeOffset timestamp)
    {
        int i = _slots.LineIndex(slot, l);
        float d = Vector2.Dot(p - line.Start, line.Normal);
        sbyte side = d > line.Hysteresis ? (sbyte)1 : d < -line.Hysteresis ? (sbyte)-1 : (sbyte)0;
        if (side == 0)
        {
            // Inside the hysteresis band: a straddling or jittering box changes nothing.
            return;
        }

        sbyte previous = _slots.LineSide[i];
        if (previous != 0 && previous != side)
        {
            // The path from the last point clearly on the old side must cross the segment itself, not the line's
            // extension beside it.
            Vector2 a = _slots.LineArmed[i];
            float da = Vector2.Dot(a - line.Start, line.Normal);
            float f = da / (da - d);
            Vector2 x = a + ((p - a) * f);
            float u = Vector2.Dot(x - line.Start, line.Along);
            float tolerance = line.Hysteresis;
            if (u >= -tolerance && u <= line.Length + tolerance)
            {
                var direction = side > 0 ? CrossingDirection.In : CrossingDirection.Out;
                byte bit = (byte)(direction == CrossingDirection.In ? 1 : 2);
                if ((_slots.LineCounted[i] & bit) == 0 && line.Counts(track.Class))
                {
                    _slots.LineCounted[i] |= bit;
                    _acc.LineCounts[_acc.LineIndex(l, direction, track.Class)]++;
                    float speed = _slots.SpeedKmh[slot];
                    if (!float.IsNaN(speed))
                    {
                        _acc.AddSpeed(l, speed);
                    }

                    _crossings.Add(new CrossingEvent(timestamp, track.TrackId, line.Name, direction, track.Class, speed));
                }
            }
        }

        _slots.LineSide[i] = side;
        _slots.LineArmed[i] = p;
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

    private void StepMovement(int slot, Vector2 p)
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
                    else if (FindZone(p, exit: true) >= 0)
                    {
                        // Seen leaving without having been seen entering (born late, or an id switch): never a movement.
                        if (++_slots.PhaseFrames[slot] >= _minZoneFrames)
                        {
                            _slots.Phase[slot] = MovementPhase.Done;
                            _acc.IncompleteMovements++;
                        }
                    }
                    else
                    {
                        _slots.PhaseFrames[slot] = 0;
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
                    int exit = FindZone(p, exit: true);
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
                            _slots.ConfirmedExit[slot] = (sbyte)exit;
                        }
                    }
                    else
                    {
                        _slots.ExitCandidate[slot] = -1;
                        _slots.PhaseFrames[slot] = 0;
                        if (_slots.ConfirmedExit[slot] >= 0)
                        {
                            EmitMovement(slot);
                        }
                    }

                    break;
                }

            default:
                break;
        }
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

    private void EmitMovement(int slot)
    {
        int from = _slots.FirstEntry[slot], to = _slots.ConfirmedExit[slot];
        if (_layout.TryGetMovement(from, to, out _))
        {
            _acc.MovementCounts[_acc.MovementIndex(from, to, _slots.Class[slot])]++;
        }
        else
        {
            _acc.UnlistedMovements++;
        }

        _slots.Phase[slot] = MovementPhase.Done;
    }

    private void Finish(int slot, DateTimeOffset timestamp)
    {
        long lastSeen = _slots.LastSeenTicks[slot];
        for (int z = 0; z < _layout.Zones.Count; z++)
        {
            if (_slots.InZone[_slots.ZoneIndex(slot, z)])
            {
                LeaveZone(slot, z, _layout.Zones[z], lastSeen, timestamp);
            }
        }

        switch (_slots.Phase[slot])
        {
            case MovementPhase.InEntry:
                _acc.IncompleteMovements++;
                break;
            case MovementPhase.Travelling when _slots.ConfirmedExit[slot] >= 0:
                EmitMovement(slot);
                break;
            case MovementPhase.Travelling:
                _acc.IncompleteMovements++;
                break;
            default:
                break;
        }

        _slots.Release(slot);
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
