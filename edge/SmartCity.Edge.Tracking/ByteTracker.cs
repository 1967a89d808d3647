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
/// So a queued car hidden by a passing bus keeps its id. Given the frame's pixels, every detection also gets a
/// colour signature (<see cref="Appearance"/>): it ranks the IoU matches, and between the low-score stage and the
/// tentative one a lost track is re-identified with a left-over detection of its class, size and colours near its
/// prediction. One instance per camera, one thread; once the peak object count has been seen, an update allocates nothing.
/// </summary>
public sealed class ByteTracker
{
    /// <summary>Extra cost (in 1 − IoU) a track lost for a second or more pays against one still tracked.</summary>
    private const float LostCostPenalty = 0.1f;

    /// <summary>Least fraction of a walker's or cyclist's box a vehicle in front must cover for <see cref="TrackerOptions.PassingOcclusionLostTimeout"/>.</summary>
    private const float PassingCover = 0.5f;

    /// <summary>Weight of each new clear detection in a track's colour signature once it has a few (moving average).</summary>
    private const float LookRate = 0.1f;

    /// <summary>Detections in a track's signature before re-identification trusts it.</summary>
    private const int SettledLookSamples = 3;

    /// <summary>Share of a detection another detection may cover before its colours are kept out of a track's signature.</summary>
    private const float ClearCoverage = 0.25f;

    /// <summary>Least share of a signature cell a box nearer the camera must cover for the cell to be left out of re-identification (<see cref="TrackerOptions.ReidentifyUncoveredCells"/>).</summary>
    private const float HiddenCellCover = 0.5f;

    /// <summary>Least and greatest ratio of sizes (square root of the areas) between a lost track and a detection it is re-identified with.</summary>
    private const float ReidentifySizeRatio = 0.6f;

    /// <summary>Fastest a track may move, in box heights per second, to count as hidden in a queue when it is lost.</summary>
    private const float QueueSpeed = 2f;

    /// <summary>Smallest box height, in pixels, of a track that counts as hidden in a queue: smaller boxes are too noisy for the corridor.</summary>
    private const float QueueMinHeight = 12f;

    /// <summary>Smallest box height, in pixels, of a track that counts as hidden in a queue with <see cref="TrackerOptions.QueueFollowsOccluder"/> on.</summary>
    private const float FollowQueueMinHeight = 6f;

    /// <summary>
    /// Extra recovery cost per minute a track has been hidden in a queue, with <see cref="TrackerOptions.QueueFollowsOccluder"/> on:
    /// of two hidden tracks that fit a detection about equally, the one hidden more recently takes it.
    /// </summary>
    private const float QueueRecencyCostPerMinute = 0.5f;

    /// <summary>Share of a lost track a matched track nearer the camera must cover for it to count as hidden in a queue.</summary>
    private const float QueueCover = 0.3f;

    /// <summary>How far ahead of where it was lost, in box diagonals, a track hidden in a queue is recovered.</summary>
    private const float QueueReach = 2f;

    /// <summary>How far behind where it was lost, in box diagonals, a track hidden in a queue is still recovered (box jitter).</summary>
    private const float QueueBehind = 0.25f;

    /// <summary>How far to either side of its heading, as a share of its larger box side, a track hidden in a queue is recovered.</summary>
    private const float QueueSide = 0.25f;

    /// <summary>How much further down, as a share of a detection's height, a box nearer the camera must reach (and its top lie above the detection's bottom) to hide that bottom.</summary>
    private const float HiddenBottomMargin = 0.05f;

    /// <summary>Least share of a detection's height that must show above the top of a box nearer the camera hiding its bottom.</summary>
    private const float HiddenBottomTop = 0.25f;

    /// <summary>Least share of a detection's width that a box nearer the camera must span to hide its bottom.</summary>
    private const float HiddenBottomSpan = 0.5f;

    /// <summary>A detection with a hidden bottom is completed only when it is shorter than this share of its track's height seen whole.</summary>
    private const float HiddenShrink = 0.9f;

    /// <summary>Least part of an edge's length another box must span to cover it (<see cref="FindCoveredEdges"/>).</summary>
    private const float CoverSpan = 0.3f;

    /// <summary>How long after a track was last seen whole a detection with a hidden bottom is completed to that height.</summary>
    private static readonly long WholeHeightTicks = 3 * TimeSpan.TicksPerSecond;

    /// <summary>A track hidden in a queue is recovered only after this long (sooner, the IoU stages and re-identification look for it).</summary>
    private static readonly long QueueRecoverAfterTicks = TimeSpan.TicksPerSecond;

    /// <summary>Longest a vehicle hidden in a queue is kept while a track in front still covers it (<see cref="TrackerOptions.KeepWhileCovered"/>): a long red phase.</summary>
    private static readonly long CoveredQueueCapTicks = TimeSpan.TicksPerMinute * 5;

    /// <summary>Longest a vehicle track may have been lost for its identity to be checked against its partner's when revived (<see cref="TrackerOptions.SwapBackAfterCrossing"/>).</summary>
    private static readonly long SwapBackLostTicks = 3 * TimeSpan.TicksPerSecond;

    /// <summary>How long after the revival the check waits for both boxes to be sampled clear of others.</summary>
    private static readonly long SwapBackWindowTicks = TimeSpan.TicksPerSecond;

    /// <summary>How much better (in summed colour-signature distance) the swapped assignment must fit.</summary>
    private const float SwapBackMargin = 0.05f;

    /// <summary>How far from where a vehicle track was lost a new track may start and still be checked against its partner, in the lost box's diagonals (<see cref="TrackerOptions.SwapBackFromNewTrack"/>).</summary>
    private const float SwapBackNewTrackDiagonals = 3f;

    private readonly float _highScore;
    private readonly float _lowScore;
    private readonly float _smallNewTrackScore;
    private readonly float _smallTrackHeight;
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
    private readonly long _passingLostTimeoutTicks;
    private readonly bool _keepWhileCovered;
    private readonly float _stationarySpeed;
    private readonly float _frameExitMargin;
    private int _frameWidth;
    private int _frameHeight;
    private readonly double _motionGate;
    private readonly float _centreWeight;
    private readonly float _classMismatchCost;
    private readonly float _appearanceWeight;
    private readonly float _reidentifyDistance;
    private readonly float _reidentifyRadius;
    private readonly bool _usesAppearance;
    private readonly bool _hiddenQueueRecovery;
    private readonly bool _followOccluder;
    private readonly bool _swapBack;
    private readonly bool _swapBackFromNew;
    private Appearance[] _looks = new Appearance[32];
    private bool[] _hasLook = new bool[32];
    private bool[] _clear = new bool[32];
    private int[] _lookCells = new int[32]; // per re-identification column: the signature cells to compare
    private readonly bool _uncoveredCells;
    private bool[] _bottomHidden = new bool[32];
    private CoveredEdges[] _coveredEdges = new CoveredEdges[32];
    private readonly bool _completeHidden;
    private readonly bool _edgeMotion;
    private bool _looksSampled;
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
        _smallNewTrackScore = options.SmallBoxBirthScore();
        _smallTrackHeight = options.SmallTrackHeight;
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
        _passingLostTimeoutTicks = options.PassingOcclusionLostTimeout.Ticks;
        _keepWhileCovered = options.KeepWhileCovered;
        _stationarySpeed = options.StationarySpeed;
        _frameExitMargin = options.FrameExitMargin;
        _motionGate = options.MotionGate > 0 ? options.MotionGate : double.PositiveInfinity;
        _centreWeight = options.CentreDistanceWeight;
        _classMismatchCost = options.ClassMismatchCost;
        _appearanceWeight = options.AppearanceWeight;
        _reidentifyDistance = options.ReidentifyDistance;
        _reidentifyRadius = options.ReidentifyRadius;
        _uncoveredCells = options.ReidentifyUncoveredCells;
        _usesAppearance = _appearanceWeight > 0 || _reidentifyDistance > 0;
        _hiddenQueueRecovery = options.HiddenQueueRecovery;
        _followOccluder = options.HiddenQueueRecovery && options.QueueFollowsOccluder;
        _swapBack = options.SwapBackAfterCrossing;
        _swapBackFromNew = options.SwapBackFromNewTrack;
        _completeHidden = options.CompleteHiddenBottoms;
        _edgeMotion = options.LostMotionFromEdges;
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

    /// <summary>Identities changed back after two vehicles crossed (<see cref="TrackerOptions.SwapBackAfterCrossing"/>, <see cref="TrackerOptions.SwapBackFromNewTrack"/>) since the tracker was created.</summary>
    public long IdentitiesSwappedBack { get; private set; }

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
    public void Update(ReadOnlySpan<DetectedObject> detections, DateTimeOffset timestamp, bool detected, int frameWidth, int frameHeight) =>
        Update(detections, timestamp, detected, frameWidth, frameHeight, null);

    /// <summary>
    /// As <see cref="Update(ReadOnlySpan{DetectedObject}, DateTimeOffset, bool, int, int)"/> for the frame the detections
    /// came from, at its timestamp and size: its pixels also give every detection a colour signature, which the
    /// appearance settings use (<see cref="TrackerOptions.AppearanceWeight"/>,
    /// <see cref="TrackerOptions.ReidentifyDistance"/>). The frame is only read during the call.
    /// </summary>
    public void Update(ReadOnlySpan<DetectedObject> detections, Frame frame, bool detected = true)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Update(detections, frame.Timestamp, detected, frame.Width, frame.Height, frame);
    }

    private void Update(ReadOnlySpan<DetectedObject> detections, DateTimeOffset timestamp, bool detected, int frameWidth, int frameHeight, Frame? frame)
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
        if (_completeHidden)
        {
            FindHiddenBottoms(detections);
        }

        if (_edgeMotion)
        {
            FindCoveredEdges(detections);
        }

        _looksSampled = _usesAppearance && frame is not null && SampleLooks(detections, frame);

        // Stage 1: high-score detections against confirmed and lost tracks (a track long hidden in a queue waits for its recovery).
        int rows = 0;
        for (int t = 0; t < _count; t++)
        {
            if (_tracks[t].State != TrackState.Tentative && !OnlyQueueRecovery(in _tracks[t]))
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

        // Re-identification: lost tracks against the high-score detections left over, by colour near the prediction.
        if (_reidentifyDistance > 0 && _looksSampled)
        {
            Reidentify(detections);
        }

        if (_hiddenQueueRecovery)
        {
            RecoverHiddenInQueue(detections);
        }

        if (_swapBack && _looksSampled)
        {
            SwapBackAfterSeparation();
        }

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

        if (_swapBackFromNew && _looksSampled)
        {
            SwapBackFromNewTracks();
        }

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
                track.Filter.DampVelocity(track.Stationary ? 0 : track.PassingBehind ? 1 : damping);
            }

            track.Filter.Predict(dt);
            track.Predicted = track.Filter.Box;
            track.Match = -1;
            if (track.RevivedAfterTicks > 0 && (track.TicksSinceRevival += dtTicks) > SwapBackWindowTicks)
            {
                track.RevivedAfterTicks = 0;
                track.PartnerId = 0;
            }

            track.FramesSinceUpdate++;
            track.AgeTicks += dtTicks;
            track.TicksSinceUpdate += dtTicks;
            track.TicksSinceWhole += dtTicks;
            track.AgeHistory(dtTicks);
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

    /// <summary>
    /// Optimal assignment of the tracks in <c>_rows[..rowCount]</c> to the unused detections among <paramref name="candidates"/>:
    /// a pair is matchable when it passes the IoU and motion gates and its whole cost (1 − IoU, the lost-track penalty and
    /// the optional centre, class and colour terms) is at most 1 − <paramref name="minIou"/>.
    /// </summary>
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

                BoxF box = Measured(det.Box, _cols[c], in track);
                float iou = buffered ? BoxOverlap.BufferedIoU(track.Predicted, box, _lostBuffer) : track.Predicted.IoU(box);
                if (iou < minIou || track.Filter.CentreDistanceSquared(box) > _motionGate)
                {
                    row[c] = 1;
                    continue;
                }

                float cost = 1 - iou + penalty;
                if (_centreWeight > 0)
                {
                    cost += _centreWeight * BoxOverlap.CentrePenalty(track.Predicted, box);
                }

                if (det.TrafficClass != track.Class)
                {
                    cost += _classMismatchCost;
                }

                int d = _cols[c];
                if (_looksSampled && track.LookSamples > 0 && _hasLook[d])
                {
                    cost += _appearanceWeight * track.Look.Distance(_looks[d]);
                }

                // The whole cost meets the limit, the extra terms included. Clamped to the limit instead, a pair they
                // pushed past it tied with leaving the track and the detection unmatched, which the solver prices at the
                // limit too, and which of the two it took depended on the order of the detections (docs/accuracy.md,
                // session 27).
                row[c] = cost;
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

    /// <summary>
    /// Lost tracks with a settled colour signature against the unused high-score detections of their class and about
    /// their size within <see cref="TrackerOptions.ReidentifyRadius"/> box diagonals of the prediction, matched by
    /// colour distance (up to <see cref="TrackerOptions.ReidentifyDistance"/>) and closeness.
    /// </summary>
    private void Reidentify(ReadOnlySpan<DetectedObject> detections)
    {
        int rows = 0;
        for (int t = 0; t < _count; t++)
        {
            if (_tracks[t].State == TrackState.Lost && _tracks[t].Match < 0 && _tracks[t].LookSamples >= SettledLookSamples && !OnlyQueueRecovery(in _tracks[t]))
            {
                _rows[rows++] = t;
            }
        }

        int cols = 0;
        for (int k = 0; k < _highCount; k++)
        {
            int d = _high[k];
            if (!_used[d] && _hasLook[d])
            {
                _cols[cols++] = d;
            }
        }

        if (rows == 0 || cols == 0)
        {
            return;
        }

        // Which quarters of each left-over detection's signature show the road user and not a box in front of it.
        ArrayCapacity.Ensure(ref _lookCells, cols);
        for (int c = 0; c < cols; c++)
        {
            _lookCells[c] = _uncoveredCells ? UncoveredCells(detections, _cols[c]) : Appearance.AllCells;
        }

        Span<float> costs = _solver.Prepare(rows, cols);
        for (int r = 0; r < rows; r++)
        {
            ref readonly Track track = ref _tracks[_rows[r]];
            BoxF p = track.Predicted;
            float radius = _reidentifyRadius * MathF.Sqrt((p.Width * p.Width) + (p.Height * p.Height));
            Span<float> row = costs.Slice(r * cols, cols);
            for (int c = 0; c < cols; c++)
            {
                int d = _cols[c];
                ref readonly DetectedObject det = ref detections[d];
                row[c] = 2;
                float size = p.Area > 0 ? MathF.Sqrt(det.Box.Area / p.Area) : 0;
                if (det.TrafficClass != track.Class || size < ReidentifySizeRatio || size > 1 / ReidentifySizeRatio)
                {
                    continue;
                }

                float dx = det.Box.CenterX - p.CenterX, dy = det.Box.CenterY - p.CenterY;
                float distance = MathF.Sqrt((dx * dx) + (dy * dy));
                float look = track.Look.Distance(_looks[d], _lookCells[c]);
                if (distance <= radius && look <= _reidentifyDistance)
                {
                    row[c] = (0.5f * look / _reidentifyDistance) + (0.5f * distance / radius);
                }
            }
        }

        SolveAndRestart(detections, rows);
    }

    /// <summary>
    /// Solves the prepared cost matrix of <c>_rows[..rowCount]</c> × <c>_cols</c> (pairs costing 1 or more never match)
    /// and matches each assigned track with its detection, its motion started afresh where the detection is: the
    /// prediction was wrong by more than the IoU gates allow.
    /// </summary>
    private void SolveAndRestart(ReadOnlySpan<DetectedObject> detections, int rowCount)
    {
        _solver.Solve(1, _assignment);
        for (int r = 0; r < rowCount; r++)
        {
            int c = _assignment[r];
            if (c >= 0)
            {
                int d = _cols[c];
                _used[d] = true;
                ref Track track = ref _tracks[_rows[r]];
                track.Filter = default;
                track.Filter.Initiate(detections[d].Box);
                track.RestartHistory(detections[d].Box, _edgeMotion ? _coveredEdges[d] : CoveredEdges.None);
                ApplyMatch(ref track, d, detections[d]);
            }
        }
    }

    /// <summary>
    /// Colour signatures of this frame's high- and low-score detections, and which are clear of others (covered by
    /// none for more than <see cref="ClearCoverage"/>): only those update a track's signature. False for a frame whose
    /// pixel layout does not match its size.
    /// </summary>
    private bool SampleLooks(ReadOnlySpan<DetectedObject> detections, Frame frame)
    {
        int n = detections.Length;
        ArrayCapacity.Ensure(ref _looks, n);
        ArrayCapacity.Ensure(ref _hasLook, n);
        ArrayCapacity.Ensure(ref _clear, n);
        int channels = frame.Format.BytesPerPixel();
        if (frame.Width <= 0 || frame.Height <= 0 || frame.Stride < frame.Width * channels)
        {
            return false;
        }

        ReadOnlySpan<byte> pixels = frame.Pixels;
        int candidates = _highCount + _lowCount;
        for (int k = 0; k < candidates; k++)
        {
            int d = Candidate(k);
            BoxF box = detections[d].Box;
            _hasLook[d] = _looks[d].Sample(pixels, frame.Width, frame.Height, frame.Stride, channels, box);
            bool clear = true;
            for (int j = 0; j < candidates && clear; j++)
            {
                int o = Candidate(j);
                clear = o == d || BoxOverlap.CoveredFraction(box, detections[o].Box) <= ClearCoverage;
            }

            _clear[d] = clear;
        }

        return true;
    }

    /// <summary>
    /// The cells of detection <paramref name="d"/>'s colour signature that no candidate box nearer the camera (reaching
    /// lower in the frame) covers for <see cref="HiddenCellCover"/> or more; all four when fewer than two are left.
    /// </summary>
    private int UncoveredCells(ReadOnlySpan<DetectedObject> detections, int d)
    {
        BoxF box = detections[d].Box;
        int cells = Appearance.AllCells;
        int candidates = _highCount + _lowCount;
        for (int j = 0; j < candidates; j++)
        {
            int o = Candidate(j);
            BoxF front = detections[o].Box;
            if (o == d || front.Y2 <= box.Y2 || BoxOverlap.CoveredFraction(box, front) <= 0)
            {
                continue;
            }

            for (int cell = 0; cell < 4; cell++)
            {
                if (BoxOverlap.CoveredFraction(Appearance.Cell(box, cell), front) >= HiddenCellCover)
                {
                    cells &= ~(1 << cell);
                }
            }
        }

        return System.Numerics.BitOperations.PopCount((uint)cells) >= 2 ? cells : Appearance.AllCells;
    }

    /// <summary>
    /// Marks the vehicle detections whose bottom edge a high-score vehicle detection nearer the camera covers
    /// (<see cref="TrackerOptions.CompleteHiddenBottoms"/>): the nearer box reaches lower in the frame, its top lies above
    /// the detection's bottom and below its top quarter, and it spans at least half the detection's width.
    /// </summary>
    private void FindHiddenBottoms(ReadOnlySpan<DetectedObject> detections)
    {
        int n = detections.Length;
        ArrayCapacity.Ensure(ref _bottomHidden, n);
        Array.Clear(_bottomHidden, 0, n);
        int candidates = _highCount + _lowCount;
        for (int k = 0; k < candidates; k++)
        {
            int d = Candidate(k);
            if (!IsVehicle(detections[d].TrafficClass))
            {
                continue;
            }

            BoxF box = detections[d].Box;
            float margin = HiddenBottomMargin * box.Height;
            for (int j = 0; j < _highCount; j++)
            {
                int o = _high[j];
                if (o == d || !IsVehicle(detections[o].TrafficClass))
                {
                    continue;
                }

                BoxF other = detections[o].Box;
                float overlap = MathF.Min(box.X2, other.X2) - MathF.Max(box.X1, other.X1);
                if (other.Y2 > box.Y2 + margin && other.Y1 < box.Y2 - margin && other.Y1 > box.Y1 + (HiddenBottomTop * box.Height)
                    && overlap >= HiddenBottomSpan * box.Width)
                {
                    _bottomHidden[d] = true;
                    break;
                }
            }
        }
    }

    private static bool IsVehicle(TrafficClass c) => c is TrafficClass.Car or TrafficClass.Bus or TrafficClass.Truck;

    /// <summary>Road users that wait in a lane's queue (<see cref="TrackerOptions.HiddenQueueRecovery"/>): not pedestrians or bicycles, which wait beside it or anywhere.</summary>
    private static bool Queues(TrafficClass c) => IsVehicle(c) || c == TrafficClass.Motorcycle;

    /// <summary>
    /// The box a detection measures for <paramref name="track"/>. A detection whose bottom is hidden
    /// (<see cref="FindHiddenBottoms"/>), matched within <see cref="WholeHeightTicks"/> of the track's last box seen
    /// whole and clearly shorter than that box, keeps its top edge and width and takes that box's height: what is
    /// missing is the part behind the road user in front. The height is the one seen whole, not the filter's latest,
    /// which would drift (in a queue a bottom stays hidden for minutes); and only for a while, since the road user's
    /// size changes with its distance. Any other detection is measured as it is.
    /// </summary>
    private BoxF Measured(in BoxF detection, int index, in Track track)
    {
        if (!_completeHidden || !_bottomHidden[index] || !(track.WholeHeight > 0) || track.TicksSinceWhole > WholeHeightTicks
            || !(detection.Height < HiddenShrink * track.WholeHeight))
        {
            return detection;
        }

        return new BoxF(detection.X1, detection.Y1, detection.X2, detection.Y1 + track.WholeHeight);
    }

    /// <summary>The <paramref name="k"/>-th detection kept by <see cref="SplitByScore"/>: the high-score ones, then the low-score ones.</summary>
    private int Candidate(int k) => k < _highCount ? _high[k] : _low[k - _highCount];

    /// <summary>
    /// <see cref="TrackerOptions.SwapBackAfterCrossing"/>: a vehicle track revived within <see cref="SwapBackLostTicks"/> of
    /// being lost behind a matched vehicle track (its partner) is compared with that partner by colour, in the first frame
    /// within <see cref="SwapBackWindowTicks"/> of the revival where both detections are sampled clear of others: when the
    /// two signatures fit the two boxes better the other way round (by <see cref="SwapBackMargin"/>), the identities (id,
    /// class votes, signature) change places and the motion stays with the boxes.
    /// </summary>
    private void SwapBackAfterSeparation()
    {
        for (int t = 0; t < _count; t++)
        {
            ref Track lost = ref _tracks[t];
            if (lost.RevivedAfterTicks == 0 || lost.RevivedAfterTicks > SwapBackLostTicks || lost.PartnerId == 0 || lost.Match < 0
                || lost.LookSamples < SettledLookSamples || !_hasLook[lost.Match] || !_clear[lost.Match])
            {
                continue;
            }

            int j = IndexOfId(lost.PartnerId);
            if (j < 0 || j == t)
            {
                continue;
            }

            ref Track partner = ref _tracks[j];
            if (partner.Match >= 0 && partner.State == TrackState.Confirmed && partner.LookSamples >= SettledLookSamples
                && _hasLook[partner.Match] && _clear[partner.Match])
            {
                float keep = lost.Look.Distance(_looks[lost.Match]) + partner.Look.Distance(_looks[partner.Match]);
                float swapped = lost.Look.Distance(_looks[partner.Match]) + partner.Look.Distance(_looks[lost.Match]);
                if (swapped + SwapBackMargin < keep)
                {
                    TradeIdentities(ref lost, ref partner);
                    IdentitiesSwappedBack++;
                }

                lost.PartnerId = 0;
            }
        }
    }

    /// <summary>
    /// <see cref="TrackerOptions.SwapBackFromNewTrack"/>: a young vehicle track (started after a vehicle track was lost
    /// behind its partner, within <see cref="SwapBackLostTicks"/> of the loss, and within
    /// <see cref="SwapBackNewTrackDiagonals"/> of the lost box's diagonals) is held once, in its first frame within
    /// <see cref="SwapBackWindowTicks"/> of its start where it and the partner are sampled clear, against the lost track and
    /// the partner by colour: when the lost track's signature fits the partner's box and the partner's fits the new box
    /// better than the other way round (by <see cref="SwapBackMargin"/>), the partner's identity (id, class votes, signature)
    /// moves to the new box, the lost track's to the partner's box, and the new track's id ends. Each identity must suit
    /// the box it would move to: the partner's box detected as the lost track's class and within a factor of two of the
    /// lost box's area, the new box detected as the partner's class.
    /// </summary>
    private void SwapBackFromNewTracks()
    {
        for (int n = 0; n < _count; n++)
        {
            ref Track young = ref _tracks[n];
            if (young.NewbornChecked || young.Match < 0 || young.RetireNow || young.AgeTicks > SwapBackWindowTicks
                || !IsVehicle(young.Class) || !_hasLook[young.Match] || !_clear[young.Match])
            {
                continue;
            }

            young.NewbornChecked = true;
            for (int t = 0; t < _count; t++)
            {
                ref Track lost = ref _tracks[t];
                if (t == n || lost.State != TrackState.Lost || lost.RetireNow || lost.PartnerId == 0
                    || lost.TicksSinceUpdate > SwapBackLostTicks || young.AgeTicks >= lost.TicksSinceUpdate
                    || lost.LookSamples < SettledLookSamples || !IsVehicle(lost.Class) || !NearLostBox(in lost, young.Filter.Box))
                {
                    continue;
                }

                int p = IndexOfId(lost.PartnerId);
                if (p < 0 || p == n)
                {
                    continue;
                }

                // Each identity must suit the box it would move to: the same class, and the lost car's size.
                ref Track partner = ref _tracks[p];
                if (partner.Match < 0 || partner.State != TrackState.Confirmed || partner.LookSamples < SettledLookSamples
                    || !_hasLook[partner.Match] || !_clear[partner.Match] || partner.DetectedClass != lost.Class
                    || young.DetectedClass != partner.Class || !SimilarArea(lost.LostBox, partner.Filter.Box))
                {
                    continue;
                }

                float keep = partner.Look.Distance(_looks[partner.Match]) + lost.Look.Distance(_looks[young.Match]);
                float swapped = lost.Look.Distance(_looks[partner.Match]) + partner.Look.Distance(_looks[young.Match]);
                if (!(swapped + SwapBackMargin < keep))
                {
                    continue;
                }

                // The partner's identity goes to the new box, the lost track's to the partner's box; the lost track's
                // slot, left with the new track's identity and state, is removed at the end of the update.
                TradeIdentities(ref young, ref partner);
                TradeIdentities(ref partner, ref lost);
                lost.State = young.State;
                lost.RetireNow = true;
                young.State = TrackState.Confirmed;
                partner.PartnerId = 0;
                IdentitiesSwappedBack++;
                break;
            }
        }
    }

    /// <summary>Whether <paramref name="box"/>'s centre lies within <see cref="SwapBackNewTrackDiagonals"/> diagonals of the lost box's.</summary>
    private static bool NearLostBox(in Track lost, in BoxF box)
    {
        BoxF l = lost.LostBox;
        float dx = box.CenterX - l.CenterX, dy = box.CenterY - l.CenterY;
        float reach = SwapBackNewTrackDiagonals * MathF.Sqrt((l.Width * l.Width) + (l.Height * l.Height));
        return (dx * dx) + (dy * dy) <= reach * reach;
    }

    /// <summary>Exchanges two tracks' identities (id, class votes and class, colour signature); the motion stays with the boxes.</summary>
    private static void TradeIdentities(ref Track a, ref Track b)
    {
        (a.Id, b.Id) = (b.Id, a.Id);
        (a.Votes, b.Votes) = (b.Votes, a.Votes);
        (a.Class, b.Class) = (b.Class, a.Class);
        (a.Look, b.Look) = (b.Look, a.Look);
        (a.LookSamples, b.LookSamples) = (b.LookSamples, a.LookSamples);
    }

    /// <summary>Whether the two boxes' areas are within a factor of two of each other.</summary>
    private static bool SimilarArea(in BoxF a, in BoxF b) => a.Area <= 2 * b.Area && b.Area <= 2 * a.Area;

    /// <summary>The slot of the live track with this id, or −1.</summary>
    private int IndexOfId(int id)
    {
        for (int j = 0; j < _count; j++)
        {
            if (_tracks[j].Id == id)
            {
                return j;
            }
        }

        return -1;
    }

    private void ApplyMatch(ref Track track, int detectionIndex, in DetectedObject det)
    {
        AddLook(ref track, detectionIndex);
        BoxF measured = Measured(det.Box, detectionIndex, in track);
        track.Filter.Update(measured);
        if (_completeHidden && !_bottomHidden[detectionIndex])
        {
            // The height a box with a hidden bottom is completed to: the track's, as it was when last seen whole.
            track.WholeHeight = track.Filter.Box.Height;
            track.TicksSinceWhole = 0;
        }

        track.RecordMatch(track.Filter.Box, _edgeMotion ? _coveredEdges[detectionIndex] : CoveredEdges.None);

        track.Match = detectionIndex;
        track.Score = det.Score;
        track.Hits++;
        track.Class = track.Votes.Add(det, track.Class);
        track.DetectedClass = det.TrafficClass;
        track.FramesSinceUpdate = 0;
        if (track.State == TrackState.Lost)
        {
            track.State = TrackState.Confirmed;
            track.RevivedAfterTicks = Math.Max(1, track.TicksSinceUpdate);
            track.TicksSinceRevival = 0;
        }
        else if (track.State == TrackState.Tentative && track.Hits >= _confirmHits)
        {
            track.State = TrackState.Confirmed;
            TracksConfirmed++;
        }

        track.TicksSinceUpdate = 0;
    }

    /// <summary>Blends a clear detection's colour signature into the track's: a plain mean over the first few, then a moving average.</summary>
    private void AddLook(ref Track track, int detectionIndex)
    {
        if (!_looksSampled || !_hasLook[detectionIndex] || !_clear[detectionIndex])
        {
            return;
        }

        track.LookSamples++;
        track.Look.Blend(_looks[detectionIndex], MathF.Max(LookRate, 1f / track.LookSamples));
    }

    private void RetireUnmatched()
    {
        int kept = 0;
        for (int t = 0; t < _count; t++)
        {
            ref Track track = ref _tracks[t];
            bool keep = true;
            if (track.RetireNow)
            {
                if (track.State != TrackState.Tentative)
                {
                    AddRemoved(track.Id);
                }

                keep = false;
            }
            else if (track.Match < 0)
            {
                if (track.State == TrackState.Confirmed)
                {
                    track.State = TrackState.Lost;
                    BoxF box = track.Filter.Box;
                    (float vx, float vy) = _edgeMotion ? EdgeVelocity(in track) : (track.Filter.VelocityX, track.Filter.VelocityY);
                    float speed = MathF.Sqrt((vx * vx) + (vy * vy));
                    track.Stationary = speed <= _stationarySpeed * box.Height;
                    track.LostTimeoutTicks = !track.Stationary ? _lostTimeoutTicks
                        : _occludedLostTimeoutTicks > _stationaryLostTimeoutTicks && MostCoveringMatchedTrack(t, kept, 2, false, 0.5f) >= 0 ? _occludedLostTimeoutTicks
                        : _stationaryLostTimeoutTicks;
                    // A pedestrian or cyclist walking or riding behind a vehicle goes on at its pace (vehicles hidden in a
                    // queue have their own rules; their velocity when lost is the occluder's doing more often than not).
                    track.PassingBehind = _passingLostTimeoutTicks > 0 && !track.Stationary && !Queues(track.Class)
                        && MostCoveringMatchedTrack(t, kept, 1, true, PassingCover, vehicleOnly: true) >= 0;
                    if (track.PassingBehind)
                    {
                        track.LostTimeoutTicks = Math.Max(track.LostTimeoutTicks, _passingLostTimeoutTicks);
                    }

                    int partner = _swapBack && IsVehicle(track.Class) ? MostCoveringMatchedTrack(t, kept, 0.5f, true, QueueCover, vehicleOnly: true) : -1;
                    track.PartnerId = partner >= 0 ? _tracks[partner].Id : 0;
                    track.LostBox = box;
                    track.HeadingX = speed > 0 ? vx / speed : 0;
                    track.HeadingY = speed > 0 ? vy / speed : 0;
                    int occluder = _hiddenQueueRecovery && Queues(track.Class) && speed <= QueueSpeed * box.Height
                        && box.Height >= (_followOccluder ? FollowQueueMinHeight : QueueMinHeight) ? MostCoveringMatchedTrack(t, kept, 0, true, QueueCover) : -1;
                    track.HiddenInQueue = occluder >= 0;
                    track.OccluderId = occluder >= 0 && _followOccluder ? _tracks[occluder].Id : 0;
                    if (track.OccluderId != 0)
                    {
                        track.OccluderLostBox = _tracks[occluder].Filter.Box;
                        track.OccluderNowBox = track.OccluderLostBox;
                    }
                    if (track.HiddenInQueue)
                    {
                        track.LostTimeoutTicks = Math.Max(track.LostTimeoutTicks, _occludedLostTimeoutTicks);
                    }
                    if (track.Stationary)
                    {
                        // What is left of a standing vehicle's velocity is jitter: a hidden queued car waits where it stood.
                        track.Filter.DampVelocity(0);
                    }
                }
                else if (track.State == TrackState.Lost && _keepWhileCovered)
                {
                    HoldWhileCovered(ref track, t, kept);
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
    /// <see cref="TrackerOptions.KeepWhileCovered"/>: a lost track whose prediction a matched track in front still covers
    /// is not running out of time, since nothing could have seen it; its clock is held at <see cref="TrackerOptions.LostTimeout"/>
    /// from the end. A walker or cyclist (covered by at least half, by a vehicle at least as large whose box reaches lower),
    /// up to <see cref="TrackerOptions.OccludedLostTimeout"/> in all; a vehicle hidden in a queue (covered by at least
    /// <see cref="QueueCover"/>, by any track whose box reaches lower), up to <see cref="CoveredQueueCapTicks"/>. Looked at
    /// only in the last <see cref="TrackerOptions.LostTimeout"/> before the track would be removed.
    /// </summary>
    private void HoldWhileCovered(ref Track track, int t, int kept)
    {
        if (track.TicksSinceUpdate + _lostTimeoutTicks < track.LostTimeoutTicks)
        {
            return;
        }

        bool walker = !Queues(track.Class);
        long cap = walker ? _occludedLostTimeoutTicks : CoveredQueueCapTicks;
        if ((!walker && !track.HiddenInQueue) || track.TicksSinceUpdate >= cap)
        {
            return;
        }

        bool covered = walker
            ? MostCoveringMatchedTrack(t, kept, 1, true, PassingCover, vehicleOnly: true) >= 0
            : MostCoveringMatchedTrack(t, kept, 0, true, QueueCover) >= 0;
        if (covered)
        {
            track.LostTimeoutTicks = Math.Max(track.LostTimeoutTicks, Math.Min(track.TicksSinceUpdate + _lostTimeoutTicks, cap));
        }
    }

    /// <summary>
    /// The velocity of a track's box between <see cref="Track.PastBox"/> and its latest match, per axis from the edge
    /// that no vehicle nearer the camera covered at either end, when the other was covered at one end or both
    /// (<see cref="TrackerOptions.LostMotionFromEdges"/>): the top when the bottom was, the left side when the right was;
    /// the Kalman filter's velocity on an axis whose edges were both clear or both covered, and on both axes when there
    /// is no past box yet (the track's first second), it is under half a second older than the latest match, or both
    /// boxes are under <see cref="QueueMinHeight"/> tall.
    /// </summary>
    private static (float X, float Y) EdgeVelocity(in Track track)
    {
        float vx = track.Filter.VelocityX, vy = track.Filter.VelocityY;
        long ticks = track.PastBoxTicks - track.TicksSinceUpdate;
        if (track.PastBoxTicks == 0 || ticks < TimeSpan.TicksPerSecond / 2 || MathF.Max(track.MatchedBox.Height, track.PastBox.Height) < QueueMinHeight)
        {
            return (vx, vy);
        }

        float seconds = ticks / (float)TimeSpan.TicksPerSecond;
        BoxF now = track.MatchedBox, then = track.PastBox;
        CoveredEdges covered = track.MatchedCovered | track.PastCovered;
        return (ClearEdgeRate(covered, now.X1 - then.X1, now.X2 - then.X2, seconds, vx),
            (covered & CoveredEdges.Bottom) != 0 ? (now.Y1 - then.Y1) / seconds : vy);
    }

    private static float ClearEdgeRate(CoveredEdges covered, float leftMove, float rightMove, float seconds, float fallback)
    {
        bool left = (covered & CoveredEdges.Left) != 0, right = (covered & CoveredEdges.Right) != 0;
        return left == right ? fallback : (left ? rightMove : leftMove) / seconds;
    }

    /// <summary>
    /// Which edges of each detection a high-score vehicle detection nearer the camera (its box reaches lower) covers or
    /// touches, along at least <see cref="CoverSpan"/> of the edge (<see cref="TrackerOptions.LostMotionFromEdges"/>): the
    /// bottom when that box's top lies above it, a side when that box reaches over it. The top is never taken as
    /// covered: a box nearer the camera that reached above it would hide the whole height, and what shows is a side.
    /// </summary>
    private void FindCoveredEdges(ReadOnlySpan<DetectedObject> detections)
    {
        int n = detections.Length;
        ArrayCapacity.Ensure(ref _coveredEdges, n);
        Array.Clear(_coveredEdges, 0, n);
        int candidates = _highCount + _lowCount;
        for (int k = 0; k < candidates; k++)
        {
            int d = Candidate(k);
            BoxF box = detections[d].Box;
            float mx = HiddenBottomMargin * box.Width, my = HiddenBottomMargin * box.Height;
            CoveredEdges covered = CoveredEdges.None;
            for (int j = 0; j < _highCount; j++)
            {
                int o = _high[j];
                BoxF other = detections[o].Box;
                if (o == d || !IsVehicle(detections[o].TrafficClass) || !(other.Y2 > box.Y2 + my))
                {
                    continue;
                }

                // A detector boxes what shows: the box of a partly hidden road user ends at the edge of the one in front.
                float spanX = MathF.Min(box.X2, other.X2) - MathF.Max(box.X1, other.X1);
                float spanY = MathF.Min(box.Y2, other.Y2) - MathF.Max(box.Y1, other.Y1);
                if (other.Y1 <= box.Y2 + my && spanX >= CoverSpan * box.Width)
                {
                    covered |= CoveredEdges.Bottom;
                }

                if (spanY >= CoverSpan * box.Height)
                {
                    if (other.X1 < box.X1 - mx && other.X2 >= box.X1 - mx)
                    {
                        covered |= CoveredEdges.Left;
                    }

                    if (other.X2 > box.X2 + mx && other.X1 <= box.X2 + mx)
                    {
                        covered |= CoveredEdges.Right;
                    }
                }
            }

            _coveredEdges[d] = covered;
        }
    }

    /// <summary>
    /// The track matched in this frame, at least <paramref name="areaRatio"/> times the area of track <paramref name="t"/>
    /// (and, with <paramref name="inFront"/>, nearer the camera: its box reaches as low or lower in the frame; with
    /// <paramref name="vehicleOnly"/>, a car, bus or truck), that covers the largest share of it, at least
    /// <paramref name="cover"/>; −1 when none does. Called while
    /// <see cref="RetireUnmatched"/> compacts the array: the live tracks are then those before <paramref name="kept"/> and
    /// those after <paramref name="t"/> (matched tracks are never dropped).
    /// </summary>
    private int MostCoveringMatchedTrack(int t, int kept, float areaRatio, bool inFront, float cover, bool vehicleOnly = false)
    {
        BoxF box = _tracks[t].Filter.Box;
        float area = box.Area;
        if (area <= 0)
        {
            return -1;
        }

        int best = -1;
        float bestCover = cover;
        for (int j = 0; j < _count; j++)
        {
            if (j == kept)
            {
                j = t; // skip the stale slots between the compacted part and t (t itself included)
                continue;
            }

            ref readonly Track other = ref _tracks[j];
            if (other.Match < 0 || (vehicleOnly && !IsVehicle(other.Class)))
            {
                continue;
            }

            BoxF o = other.Filter.Box;
            if (o.Area >= areaRatio * area && (!inFront || o.Y2 >= box.Y2) && BoxOverlap.CoveredFraction(box, o) is var covered && covered >= bestCover)
            {
                best = j;
                bestCover = covered;
            }
        }

        return best;
    }

    /// <summary>Whether a track hidden in a queue has been lost so long that only <see cref="RecoverHiddenInQueue"/> may revive it.</summary>
    private bool OnlyQueueRecovery(in Track track) =>
        track.HiddenInQueue && track.State == TrackState.Lost && track.TicksSinceUpdate > _lostTimeoutTicks;

    /// <summary>
    /// Tracks hidden in a queue for a second or more against the unused high-score detections of their class and about
    /// their size that lie in the corridor ahead of where they were lost (<see cref="TrackerOptions.HiddenQueueRecovery"/>),
    /// preferring the nearest along the heading (any direction for a track whose velocity was exactly zero). With
    /// <see cref="TrackerOptions.QueueFollowsOccluder"/> the corridor follows the occluder and the more recently hidden wins ties.
    /// </summary>
    private void RecoverHiddenInQueue(ReadOnlySpan<DetectedObject> detections)
    {
        int rows = 0;
        for (int t = 0; t < _count; t++)
        {
            ref Track track = ref _tracks[t];
            if (track.State == TrackState.Lost && track.Match < 0 && track.HiddenInQueue)
            {
                if (track.OccluderId != 0)
                {
                    FollowOccluder(ref track);
                }

                if (track.TicksSinceUpdate >= QueueRecoverAfterTicks)
                {
                    _rows[rows++] = t;
                }
            }
        }

        if (rows == 0)
        {
            return;
        }

        int cols = 0;
        for (int k = 0; k < _highCount; k++)
        {
            int d = _high[k];
            if (!_used[d])
            {
                _cols[cols++] = d;
            }
        }

        if (cols == 0)
        {
            return;
        }

        Span<float> costs = _solver.Prepare(rows, cols);
        for (int r = 0; r < rows; r++)
        {
            ref readonly Track track = ref _tracks[_rows[r]];
            BoxF lost = track.LostBox;
            float diagonal = MathF.Sqrt((lost.Width * lost.Width) + (lost.Height * lost.Height));
            bool heading = track.HeadingX != 0 || track.HeadingY != 0;

            // With QueueFollowsOccluder: the queue moved on as far as the road user in front did (along this track's heading), and
            // the hidden track's box may have grown as much as the occluder's did on its way towards the camera.
            float growth = 1, followed = 0, recency = 0;
            if (track.OccluderId != 0)
            {
                BoxF before = track.OccluderLostBox, now = track.OccluderNowBox;
                growth = before.Height > 0 ? MathF.Max(1, now.Height / before.Height) : 1;
                followed = heading ? MathF.Max(0, ((now.CenterX - before.CenterX) * track.HeadingX) + ((now.Y2 - before.Y2) * track.HeadingY)) : 0;
                recency = QueueRecencyCostPerMinute * (float)(track.TicksSinceUpdate / (double)TimeSpan.TicksPerMinute);
            }

            float reach = (QueueReach * diagonal * growth) + followed;
            float side = QueueSide * MathF.Max(lost.Width, lost.Height) * growth;
            Span<float> row = costs.Slice(r * cols, cols);
            for (int c = 0; c < cols; c++)
            {
                ref readonly DetectedObject det = ref detections[_cols[c]];
                row[c] = 2;
                float size = lost.Area > 0 ? MathF.Sqrt(det.Box.Area / lost.Area) : 0;
                if (det.TrafficClass != track.Class || size < ReidentifySizeRatio || size > growth / ReidentifySizeRatio)
                {
                    continue;
                }

                float dx = det.Box.CenterX - lost.CenterX, dy = det.Box.CenterY - lost.CenterY;
                float along = heading ? (dx * track.HeadingX) + (dy * track.HeadingY) : MathF.Sqrt((dx * dx) + (dy * dy));
                float across = heading ? MathF.Abs((dx * track.HeadingY) - (dy * track.HeadingX)) : 0;
                if (along >= -QueueBehind * diagonal && along <= reach && across <= side)
                {
                    row[c] = (MathF.Sqrt((along * along) + (4 * across * across)) / (2 * reach)) + recency;
                }
            }
        }

        SolveAndRestart(detections, rows);
    }

    /// <summary>Refreshes <see cref="Track.OccluderNowBox"/> from the occluder's live track; once that track is gone, its last box stays.</summary>
    private void FollowOccluder(ref Track track)
    {
        for (int j = 0; j < _count; j++)
        {
            if (_tracks[j].Id == track.OccluderId)
            {
                track.OccluderNowBox = _tracks[j].Filter.Box;
                return;
            }
        }
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
            if (_used[d] || detections[d].Score < (detections[d].Box.Height < _smallTrackHeight ? _smallNewTrackScore : _newTrackScore))
            {
                continue;
            }

            ArrayCapacity.Ensure(ref _tracks, _count + 1);

            // checked: after 2^31 ids an exception is better than handing out an id twice.
            _tracks[_count].Start(checked(_nextId++), detections[d], initial);
            if (_completeHidden && !_bottomHidden[d])
            {
                _tracks[_count].WholeHeight = detections[d].Box.Height;
            }

            AddLook(ref _tracks[_count++], d);
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
                track.Score, track.State, track.Hits, track.FramesSinceUpdate, track.DetectedClass);
        }

        ConfirmedCount = confirmed;
    }

    private void AddRemoved(int id)
    {
        ArrayCapacity.Ensure(ref _removed, _removedCount + 1);
        _removed[_removedCount++] = id;
    }
}
