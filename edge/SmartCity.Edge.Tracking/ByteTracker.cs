using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Tracking;

/// <summary>
/// Multi-object tracker after ByteTrack (Zhang et al., ECCV 2022): every detection box is associated, the
/// low-score ones too, in three stages — high-score detections against confirmed and lost tracks, low-score
/// detections against the confirmed tracks still unmatched, the remaining high-score detections against
/// tentative tracks — each an optimal IoU assignment with a gate, on boxes a constant-velocity Kalman filter
/// predicts to the frame's timestamp. A lost track that stood still stays put and is kept longer; a moving one
/// coasts with decaying velocity; both are compared with a buffered IoU and lose ties to tracks still tracked.
/// So a queued car hidden by a passing bus keeps its id. One instance per camera, one thread; once the peak
/// object count has been seen, an update allocates nothing.
/// </summary>
public sealed class ByteTracker
{
    /// <summary>Extra cost (in 1 − IoU) a track lost for a second or more pays against one still tracked.</summary>
    private const float LostCostPenalty = 0.1f;

    private readonly float _highScore;
    private readonly float _lowScore;
    private readonly float _newTrackScore;
    private readonly float _matchIou;
    private readonly float _secondMatchIou;
    private readonly float _unconfirmedMatchIou;
    private readonly int _confirmHits;
    private readonly int _tentativeMaxMisses;
    private readonly long _lostTimeoutTicks;
    private readonly double _lostHalfLifeSeconds;
    private readonly float _lostBuffer;
    private readonly bool _classAware;
    private readonly long _stationaryLostTimeoutTicks;
    private readonly long _occludedLostTimeoutTicks;
    private readonly float _stationarySpeed;
    private readonly float _frameExitMargin;
    private int _frameWidth;
    private int _frameHeight;
    private readonly double _motionGate;
    private readonly float _centreWeight;
    private readonly float _classMismatchCost;
    private readonly AssignmentSolver _solver = new();

    private Track[] _tracks = new Track[32];
    private TrackedObject[] _output = new TrackedObject[32];
    private int _count;
    private int[] _removed = new int[16];
    private int _removedCount;
    private int[] _high = new int[32];
    private int[] _low = new int[32];
    private int _highCount;
    private int _lowCount;
    private bool[] _used = new bool[32];
    private int[] _rows = new int[32];
    private int[] _cols = new int[32];
    private int[] _assignment = new int[32];
    private DateTimeOffset _lastTimestamp;
    private bool _hasTimestamp;
    private int _nextId = 1;

    /// <summary>Creates a tracker; the options are validated and copied (later changes to them have no effect).</summary>
    public ByteTracker(TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _highScore = options.HighScore;
        _lowScore = options.LowScore;
        _newTrackScore = options.NewTrackScore;
        _matchIou = options.MatchIou;
        _secondMatchIou = options.SecondMatchIou;
        _unconfirmedMatchIou = options.UnconfirmedMatchIou;
        _confirmHits = options.ConfirmHits;
        _tentativeMaxMisses = options.TentativeMaxMisses;
        _lostTimeoutTicks = options.LostTimeout.Ticks;
        _lostHalfLifeSeconds = options.LostVelocityHalfLife.TotalSeconds;
        _lostBuffer = options.LostBoxBuffer;
        _classAware = options.ClassAware;
        _stationaryLostTimeoutTicks = Math.Max(options.StationaryLostTimeout.Ticks, options.LostTimeout.Ticks);
        _occludedLostTimeoutTicks = Math.Max(options.OccludedLostTimeout.Ticks, _stationaryLostTimeoutTicks);
        _stationarySpeed = options.StationarySpeed;
        _frameExitMargin = options.FrameExitMargin;
        _motionGate = options.MotionGate > 0 ? options.MotionGate : double.PositiveInfinity;
        _centreWeight = options.CentreDistanceWeight;
        _classMismatchCost = options.ClassMismatchCost;
    }

    /// <summary>Every live track after the latest update: tentative, confirmed and lost, oldest first.</summary>
    public ReadOnlySpan<TrackedObject> Tracks => _output.AsSpan(0, _count);

    /// <summary>Ids of confirmed (or lost) tracks that ended in the latest update or <see cref="Reset"/>; tentative tracks that die are not listed.</summary>
    public ReadOnlySpan<int> RemovedThisUpdate => _removed.AsSpan(0, _removedCount);

    /// <summary>Tracks in the <see cref="TrackState.Confirmed"/> state (matched in the latest detector frame).</summary>
    public int ConfirmedCount { get; private set; }

    /// <summary>Track ids handed out since the tracker was created, tentative tracks included.</summary>
    public long TracksCreated { get; private set; }

    /// <summary>Tracks that reached the confirmed state since the tracker was created.</summary>
    public long TracksConfirmed { get; private set; }

    /// <summary>
    /// Advances the tracker to <paramref name="timestamp"/>. With <paramref name="detected"/> false (the motion
    /// gate skipped the detector because nothing moved) the tracks are held as they are: not predicted, not
    /// aged, not counted as missed, and <paramref name="detections"/> is ignored. Detections with an empty or
    /// non-finite box or a score below <see cref="TrackerOptions.LowScore"/> are ignored. A timestamp earlier
    /// than the previous one is taken as no time passing.
    /// </summary>
    public void Update(ReadOnlySpan<DetectedObject> detections, DateTimeOffset timestamp, bool detected = true) =>
        Update(detections, timestamp, detected, 0, 0);

    /// <summary>
    /// As <see cref="Update(ReadOnlySpan{DetectedObject}, DateTimeOffset, bool)"/>, for frames of the given size in
    /// pixels: tracks that leave the frame are then removed as they go (<see cref="TrackerOptions.FrameExitMargin"/>).
    /// A size of 0 leaves that rule off.
    /// </summary>
    public void Update(ReadOnlySpan<DetectedObject> detections, DateTimeOffset timestamp, bool detected, int frameWidth, int frameHeight)
    {
        _frameWidth = Math.Max(0, frameWidth);
        _frameHeight = Math.Max(0, frameHeight);
        _removedCount = 0;
        long dtTicks = 0;
        if (_hasTimestamp)
        {
            dtTicks = Math.Max(0, (timestamp - _lastTimestamp).Ticks);
        }

        // A skipped frame still moves the clock, so the next prediction spans only the time since this frame:
        // nothing moved in between, or the gate would have run the detector.
        _lastTimestamp = timestamp;
        _hasTimestamp = true;
        if (!detected)
        {
            return;
        }

        Predict(dtTicks);
        SplitByScore(detections);

        // Stage 1: high-score detections against confirmed and lost tracks.
        int rows = 0;
        for (int t = 0; t < _count; t++)
        {
            if (_tracks[t].State != TrackState.Tentative)
            {
                _rows[rows++] = t;
            }
        }

        Associate(detections, rows, _high, _highCount, _matchIou);

        // Stage 2: low-score detections (occluded, blurred) keep tracked tracks alive; lost tracks are not
        // revived by them, which would let background clutter resurrect stale tracks.
        rows = 0;
        for (int t = 0; t < _count; t++)
        {
            if (_tracks[t].State == TrackState.Confirmed && _tracks[t].Match < 0)
            {
                _rows[rows++] = t;
            }
        }

        Associate(detections, rows, _low, _lowCount, _secondMatchIou);

        // Stage 3: the remaining high-score detections against tentative tracks.
        rows = 0;
        for (int t = 0; t < _count; t++)
        {
            if (_tracks[t].State == TrackState.Tentative)
            {
                _rows[rows++] = t;
            }
        }

        Associate(detections, rows, _high, _highCount, _unconfirmedMatchIou);

        RetireUnmatched();
        StartTracks(detections);
        PublishTracks();
    }

    /// <summary>
    /// Drops every track, for example after the camera moved or the stream restarted. Confirmed and lost ids
    /// are listed in <see cref="RemovedThisUpdate"/> so consumers can close them. Ids are not reused afterwards.
    /// </summary>
    public void Reset()
    {
        _removedCount = 0;
        for (int t = 0; t < _count; t++)
        {
            if (_tracks[t].State != TrackState.Tentative)
            {
                AddRemoved(_tracks[t].Id);
            }
        }

        _count = 0;
        _hasTimestamp = false;
        ConfirmedCount = 0;
    }

    private void Predict(long dtTicks)
    {
        double dt = dtTicks / (double)TimeSpan.TicksPerSecond;
        // Exponential decay: after one half-life without a match a lost track moves at half its last speed.
        double damping = _lostHalfLifeSeconds > 0 ? Math.Pow(0.5, dt / _lostHalfLifeSeconds) : 0;
        for (int t = 0; t < _count; t++)
        {
            ref Track track = ref _tracks[t];
            if (track.State == TrackState.Lost)
            {
                track.Filter.DampVelocity(track.Stationary ? 0 : damping);
            }

            track.Filter.Predict(dt);
            track.Predicted = track.Filter.Box;
            track.Match = -1;
            track.FramesSinceUpdate++;
            track.TicksSinceUpdate += dtTicks;
        }

        ArrayCapacity.Ensure(ref _rows, _count);
        ArrayCapacity.Ensure(ref _assignment, _count);
    }

    private void SplitByScore(ReadOnlySpan<DetectedObject> detections)
    {
        int n = detections.Length;
        ArrayCapacity.Ensure(ref _high, n);
        ArrayCapacity.Ensure(ref _low, n);
        ArrayCapacity.Ensure(ref _cols, n);
        ArrayCapacity.Ensure(ref _used, n);
        Array.Clear(_used, 0, n);
        _highCount = 0;
        _lowCount = 0;
        for (int d = 0; d < n; d++)
        {
            ref readonly DetectedObject det = ref detections[d];
            BoxF b = det.Box;
            if (!(b.X2 - b.X1 > 0 && b.Y2 - b.Y1 > 0) || !float.IsFinite(b.X1 + b.X2 + b.Y1 + b.Y2))
            {
                continue;
            }

            if (det.Score >= _highScore)
            {
                _high[_highCount++] = d;
            }
            else if (det.Score >= _lowScore)
            {
                _low[_lowCount++] = d;
            }
        }
    }

    /// <summary>Optimal assignment of the tracks in <c>_rows[..rowCount]</c> to the unused detections among <paramref name="candidates"/>.</summary>
    private void Associate(ReadOnlySpan<DetectedObject> detections, int rowCount, int[] candidates, int candidateCount, float minIou)
    {
        int cols = 0;
        for (int k = 0; k < candidateCount; k++)
        {
            if (!_used[candidates[k]])
            {
                _cols[cols++] = candidates[k];
            }
        }

        if (rowCount == 0 || cols == 0)
        {
            return;
        }

        float limit = 1 - minIou;
        Span<float> costs = _solver.Prepare(rowCount, cols);
        for (int r = 0; r < rowCount; r++)
        {
            ref readonly Track track = ref _tracks[_rows[r]];
            bool lost = track.State == TrackState.Lost;
            bool buffered = lost && _lostBuffer > 0;

            // A track lost for a while loses ties to one matched a moment ago: in a queue the next car stops
            // where a hidden one stood, and its own track must keep it.
            float penalty = lost ? LostCostPenalty * (float)Math.Min(1.0, track.TicksSinceUpdate / (double)TimeSpan.TicksPerSecond) : 0;
            Span<float> row = costs.Slice(r * cols, cols);
            for (int c = 0; c < cols; c++)
            {
                ref readonly DetectedObject det = ref detections[_cols[c]];
                if (_classAware && det.TrafficClass != track.Class)
                {
                    row[c] = 1;
                    continue;
                }

                float iou = buffered ? BoxOverlap.BufferedIoU(track.Predicted, det.Box, _lostBuffer) : track.Predicted.IoU(det.Box);
                if (iou < minIou || track.Filter.CentreDistanceSquared(det.Box) > _motionGate)
                {
                    row[c] = 1;
                    continue;
                }

                float cost = 1 - iou + penalty;
                if (_centreWeight > 0)
                {
                    cost += _centreWeight * BoxOverlap.CentrePenalty(track.Predicted, det.Box);
                }

                if (det.TrafficClass != track.Class)
                {
                    cost += _classMismatchCost;
                }

                // Every pair past the IoU gate stays matchable: the extra terms only rank it.
                row[c] = MathF.Min(cost, limit);
            }
        }

        _solver.Solve(limit, _assignment);
        for (int r = 0; r < rowCount; r++)
        {
            int c = _assignment[r];
            if (c < 0)
            {
                continue;
            }

            int d = _cols[c];
            _used[d] = true;
            ApplyMatch(ref _tracks[_rows[r]], d, detections[d]);
        }
    }

    private void ApplyMatch(ref Track track, int detectionIndex, in DetectedObject det)
    {
        track.Filter.Update(det.Box);
        track.Match = detectionIndex;
        track.Score = det.Score;
        track.Hits++;
        track.Class = track.Votes.Add(det.TrafficClass, det.Score, track.Class);
        track.FramesSinceUpdate = 0;
        track.TicksSinceUpdate = 0;
        if (track.State == TrackState.Lost)
        {
            track.State = TrackState.Confirmed;
        }
        else if (track.State == TrackState.Tentative && track.Hits >= _confirmHits)
        {
            track.State = TrackState.Confirmed;
            TracksConfirmed++;
        }
    }

    private void RetireUnmatched()
    {
        int kept = 0;
        for (int t = 0; t < _count; t++)
        {
            ref Track track = ref _tracks[t];
            bool keep = true;
            if (track.Match < 0)
            {
                if (track.State == TrackState.Confirmed)
                {
                    track.State = TrackState.Lost;
                    BoxF box = track.Filter.Box;
                    float speed = MathF.Sqrt((track.Filter.VelocityX * track.Filter.VelocityX) + (track.Filter.VelocityY * track.Filter.VelocityY));
                    track.Stationary = speed <= _stationarySpeed * box.Height;
                    track.LostTimeoutTicks = !track.Stationary ? _lostTimeoutTicks
                        : _occludedLostTimeoutTicks > _stationaryLostTimeoutTicks && HiddenByLargerTrack(t, kept) ? _occludedLostTimeoutTicks
                        : _stationaryLostTimeoutTicks;
                    if (track.Stationary)
                    {
                        // What is left of a standing vehicle's velocity is jitter: a hidden queued car waits where it stood.
                        track.Filter.DampVelocity(0);
                    }
                }

                if (track.State == TrackState.Lost && (track.TicksSinceUpdate > track.LostTimeoutTicks || LeavingFrame(ref track)))
                {
                    AddRemoved(track.Id);
                    keep = false;
                }
                else if (track.State == TrackState.Tentative && track.FramesSinceUpdate > _tentativeMaxMisses)
                {
                    keep = false;
                }
            }

            if (keep)
            {
                if (kept != t)
                {
                    _tracks[kept] = track;
                }

                kept++;
            }
        }

        _count = kept;
    }

    /// <summary>
    /// Whether a track matched in this frame, at least twice the area of track <paramref name="t"/>, covers at least
    /// half of it. Called while <see cref="RetireUnmatched"/> compacts the array: the live tracks are then those
    /// before <paramref name="kept"/> and those after <paramref name="t"/> (matched tracks are never dropped).
    /// </summary>
    private bool HiddenByLargerTrack(int t, int kept)
    {
        BoxF box = _tracks[t].Filter.Box;
        float area = box.Area;
        if (area <= 0)
        {
            return false;
        }

        for (int j = 0; j < _count; j++)
        {
            if (j == kept)
            {
                j = t; // skip the stale slots between the compacted part and t (t itself included)
                continue;
            }

            ref readonly Track other = ref _tracks[j];
            if (other.Match < 0)
            {
                continue;
            }

            BoxF o = other.Filter.Box;
            if (o.Area >= 2 * area && BoxOverlap.CoveredFraction(box, o) >= 0.5f)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A lost track whose prediction lies wholly outside the frame, or that was lost moving towards a frame edge its
    /// box touches, has left the scene.
    /// </summary>
    private bool LeavingFrame(ref Track track)
    {
        if (_frameWidth <= 0 || _frameHeight <= 0 || _frameExitMargin < 0)
        {
            return false;
        }

        BoxF box = track.Filter.Box;
        if (box.X1 >= _frameWidth || box.Y1 >= _frameHeight || box.X2 <= 0 || box.Y2 <= 0)
        {
            return true;
        }

        if (track.Stationary)
        {
            return false;
        }

        float vx = track.Filter.VelocityX;
        float vy = track.Filter.VelocityY;
        float m = _frameExitMargin;
        return (vx > 0 && box.X2 >= _frameWidth - m) || (vx < 0 && box.X1 <= m)
            || (vy > 0 && box.Y2 >= _frameHeight - m) || (vy < 0 && box.Y1 <= m);
    }

    private void StartTracks(ReadOnlySpan<DetectedObject> detections)
    {
        TrackState initial = _confirmHits <= 1 ? TrackState.Confirmed : TrackState.Tentative;
        for (int k = 0; k < _highCount; k++)
        {
            int d = _high[k];
            if (_used[d] || detections[d].Score < _newTrackScore)
            {
                continue;
            }

            ArrayCapacity.Ensure(ref _tracks, _count + 1);

            // checked: after 2^31 ids an exception is better than handing out an id twice.
            _tracks[_count++].Start(checked(_nextId++), detections[d], initial);
            TracksCreated++;
            if (initial == TrackState.Confirmed)
            {
                TracksConfirmed++;
            }
        }
    }

    private void PublishTracks()
    {
        ArrayCapacity.Ensure(ref _output, _count);
        int confirmed = 0;
        for (int t = 0; t < _count; t++)
        {
            ref readonly Track track = ref _tracks[t];
            if (track.State == TrackState.Confirmed)
            {
                confirmed++;
            }

            _output[t] = new TrackedObject(
                track.Id, track.Class, track.Filter.Box, track.Filter.VelocityX, track.Filter.VelocityY,
                track.Score, track.State, track.Hits, track.FramesSinceUpdate);
        }

        ConfirmedCount = confirmed;
    }

    private void AddRemoved(int id)
    {
        ArrayCapacity.Ensure(ref _removed, _removedCount + 1);
        _removed[_removedCount++] = id;
    }
}
