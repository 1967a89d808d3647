using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// Accumulates the tracking metrics of one sequence frame by frame (see <see cref="MotMetrics"/> for the
/// definitions and sources).
/// <para>Per frame, following CLEAR-MOT: a correspondence of the previous frame is kept while its boxes still
/// overlap at IoU ≥ the threshold (so a tracker is not penalised when a better-fitting track comes close);
/// the remaining ground truth and tracks are matched by an optimal (Hungarian) assignment that maximises
/// the number of pairs at IoU ≥ the threshold and, among those, the total IoU. An ID switch is a ground-truth
/// object matched to a different track than at its last match (earlier frames included, so a switch across
/// an occlusion counts).</para>
/// <para>"Don't care" ground truth, as MOT17's ignore labels and distractors: objects less than
/// <see cref="MinVisibility"/> visible (hidden behind a bus) or lower than <see cref="MinBoxHeight"/> pixels.
/// They take part in the matching, and a track matched to one is removed from the frame — neither a true
/// nor a false positive — while an unmatched one is no miss. Their frames do not break or resume a
/// trajectory for fragmentation, and do not enter IDF1.</para>
/// </summary>
internal sealed class MotAccumulator
{
    /// <summary>A cost that marks a pair that must not match; the solver avoids it before anything else.</summary>
    private const double Forbidden = 1e6;

    private readonly HungarianAssignment _solver = new();
    private Dictionary<int, int> _previousFrame = [];
    private Dictionary<int, int> _currentFrame = [];
    private readonly Dictionary<int, int> _lastMatch = [];
    private readonly Dictionary<int, int> _lastMatchFrame = [];
    private readonly Dictionary<int, int> _trackFirstFrame = [];
    private readonly Dictionary<int, int> _trackLastTruth = [];
    private readonly List<IdSwitch> _switches = [];
    private readonly Dictionary<int, TrajectoryState> _trajectory = [];
    private readonly Dictionary<int, int> _truthBoxesPerId = [];
    private readonly Dictionary<int, int> _trackBoxesPerId = [];
    private readonly Dictionary<long, int> _pairOverlaps = [];
    private int[] _truthMatch = new int[64];
    private int[] _trackMatch = new int[64];
    private int[] _rowIndex = new int[64];
    private int[] _columnIndex = new int[64];
    private int[] _assignment = new int[64];
    private double[] _cost = new double[64 * 64];
    private int _frames;
    private long _truthBoxes;
    private long _matches;
    private long _falsePositives;
    private long _misses;
    private long _idSwitches;
    private long _fragmentations;
    private double _sumIoU;

    /// <summary>Creates an accumulator.</summary>
    /// <param name="iouThreshold">Minimum IoU of a match (0.5 in MOTChallenge).</param>
    /// <param name="minVisibility">Ground truth less visible than this is "don't care".</param>
    /// <param name="minBoxHeight">Ground truth lower than this many pixels is "don't care".</param>
    public MotAccumulator(float iouThreshold = 0.5f, float minVisibility = 0.3f, float minBoxHeight = 6f)
    {
        if (!(iouThreshold is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "The IoU threshold must be in (0, 1].");
        }

        IouThreshold = iouThreshold;
        MinVisibility = minVisibility;
        MinBoxHeight = minBoxHeight;
    }

    private enum TrajectoryState : byte
    {
        Tracked,
        Gap,
        NeverTracked,
    }

    /// <summary>Minimum IoU of a match.</summary>
    public float IouThreshold { get; }

    /// <summary>Ground truth less visible than this is "don't care".</summary>
    public float MinVisibility { get; }

    /// <summary>Ground truth lower than this is "don't care".</summary>
    public float MinBoxHeight { get; }

    /// <summary>The latest frame's correspondences: ground-truth object id → track id ("don't care" objects included).</summary>
    public IReadOnlyDictionary<int, int> FrameMatches => _previousFrame;

    /// <summary>The identity switches so far, in order (what <see cref="MotMetrics.IdSwitches"/> counts).</summary>
    public IReadOnlyList<IdSwitch> Switches => _switches;

    /// <summary>Whether a ground-truth box counts (is not "don't care").</summary>
    public bool Counts(in GroundTruthObject truth) => truth.Visibility >= MinVisibility && truth.Box.Height >= MinBoxHeight;

    /// <summary>Adds one frame: its ground truth and the boxes the tracker reported for it.</summary>
    public void AddFrame(ReadOnlySpan<GroundTruthObject> truth, ReadOnlySpan<TrackBox> tracks)
    {
        _frames++;
        EnsureCapacity(truth.Length, tracks.Length);
        Span<int> truthMatch = _truthMatch.AsSpan(0, truth.Length);
        Span<int> trackMatch = _trackMatch.AsSpan(0, tracks.Length);
        truthMatch.Fill(-1);
        trackMatch.Fill(-1);

        KeepPreviousCorrespondences(truth, tracks, truthMatch, trackMatch);
        MatchRemaining(truth, tracks, truthMatch, trackMatch);
        int frame = _frames - 1;
        foreach (ref readonly var track in tracks)
        {
            _trackFirstFrame.TryAdd(track.TrackId, frame);
        }

        (_previousFrame, _currentFrame) = (_currentFrame, _previousFrame);
        _previousFrame.Clear();
        for (int g = 0; g < truth.Length; g++)
        {
            ref readonly var gt = ref truth[g];
            int t = truthMatch[g];
            if (t >= 0)
            {
                _previousFrame[gt.ObjectId] = tracks[t].TrackId;
            }

            if (!Counts(gt))
            {
                continue;
            }

            _truthBoxes++;
            Increment(_truthBoxesPerId, gt.ObjectId);
            var state = _trajectory.TryGetValue(gt.ObjectId, out var s) ? s : TrajectoryState.NeverTracked;
            if (t < 0)
            {
                _misses++;
                _trajectory[gt.ObjectId] = state == TrajectoryState.Tracked ? TrajectoryState.Gap : state;
                continue;
            }

            int trackId = tracks[t].TrackId;
            _matches++;
            _sumIoU += gt.Box.IoU(tracks[t].Box);
            if (_lastMatch.TryGetValue(gt.ObjectId, out int last) && last != trackId)
            {
                _idSwitches++;
                _switches.Add(new IdSwitch(
                    frame, gt.ObjectId, gt.Class, gt.Box, gt.Visibility, last, trackId,
                    frame - _lastMatchFrame[gt.ObjectId], WhereIs(last, truth, tracks, trackMatch),
                    frame - _trackFirstFrame[trackId], _trackLastTruth.TryGetValue(trackId, out int other) ? other : -1));
            }

            _lastMatchFrame[gt.ObjectId] = frame;

            if (state == TrajectoryState.Gap)
            {
                _fragmentations++;
            }

            _lastMatch[gt.ObjectId] = trackId;
            _trajectory[gt.ObjectId] = TrajectoryState.Tracked;
        }

        for (int t = 0; t < tracks.Length; t++)
        {
            int g = trackMatch[t];
            if (g >= 0 && Counts(truth[g]))
            {
                _trackLastTruth[tracks[t].TrackId] = truth[g].ObjectId;
            }

            if (g >= 0 && !Counts(truth[g]))
            {
                continue; // On a "don't care" object: removed from the frame.
            }

            if (g < 0)
            {
                _falsePositives++;
            }

            Increment(_trackBoxesPerId, tracks[t].TrackId);

            // IDF1 counts every co-occurring pair within the threshold, not only this frame's matches: the
            // global assignment decides which identities belong together.
            for (int gi = 0; gi < truth.Length; gi++)
            {
                if (Counts(truth[gi]) && truth[gi].Box.IoU(tracks[t].Box) >= IouThreshold)
                {
                    Increment(_pairOverlaps, PairKey(truth[gi].ObjectId, tracks[t].TrackId));
                }
            }
        }
    }

    /// <summary>The metrics of everything added so far.</summary>
    public MotMetrics Compute()
    {
        long truthTotal = 0;
        foreach (var n in _truthBoxesPerId.Values)
        {
            truthTotal += n;
        }

        long trackTotal = 0;
        foreach (var n in _trackBoxesPerId.Values)
        {
            trackTotal += n;
        }

        long idtp = IdentityAssignment.MaximumOverlap(_pairOverlaps, _solver);
        return new MotMetrics(
            _frames, _truthBoxes, _truthBoxesPerId.Count, _trackBoxesPerId.Count, _matches, _falsePositives, _misses,
            _idSwitches, _fragmentations, _sumIoU, idtp, trackTotal - idtp, truthTotal - idtp);
    }

    private static int WhereIs(int trackId, ReadOnlySpan<GroundTruthObject> truth, ReadOnlySpan<TrackBox> tracks, ReadOnlySpan<int> trackMatch)
    {
        for (int t = 0; t < tracks.Length; t++)
        {
            if (tracks[t].TrackId == trackId)
            {
                return trackMatch[t] >= 0 ? truth[trackMatch[t]].ObjectId : IdSwitch.Unmatched;
            }
        }

        return IdSwitch.NotReported;
    }

    /// <summary>The key of a ground-truth id ↔ track id pair.</summary>
    internal static long PairKey(int truthId, int trackId) => ((long)truthId << 32) | (uint)trackId;

    private void KeepPreviousCorrespondences(ReadOnlySpan<GroundTruthObject> truth, ReadOnlySpan<TrackBox> tracks, Span<int> truthMatch, Span<int> trackMatch)
    {
        if (_previousFrame.Count == 0)
        {
            return;
        }

        for (int g = 0; g < truth.Length; g++)
        {
            if (!_previousFrame.TryGetValue(truth[g].ObjectId, out int trackId))
            {
                continue;
            }

            for (int t = 0; t < tracks.Length; t++)
            {
                if (tracks[t].TrackId == trackId && trackMatch[t] < 0 && truth[g].Box.IoU(tracks[t].Box) >= IouThreshold)
                {
                    truthMatch[g] = t;
                    trackMatch[t] = g;
                    break;
                }
            }
        }
    }

    private void MatchRemaining(ReadOnlySpan<GroundTruthObject> truth, ReadOnlySpan<TrackBox> tracks, Span<int> truthMatch, Span<int> trackMatch)
    {
        int rows = 0;
        for (int g = 0; g < truth.Length; g++)
        {
            if (truthMatch[g] < 0)
            {
                _rowIndex[rows++] = g;
            }
        }

        int columns = 0;
        for (int t = 0; t < tracks.Length; t++)
        {
            if (trackMatch[t] < 0)
            {
                _columnIndex[columns++] = t;
            }
        }

        if (rows == 0 || columns == 0)
        {
            return;
        }

        if (_cost.Length < rows * columns)
        {
            _cost = new double[rows * columns * 2];
        }

        bool any = false;
        for (int r = 0; r < rows; r++)
        {
            var box = truth[_rowIndex[r]].Box;
            for (int c = 0; c < columns; c++)
            {
                float iou = box.IoU(tracks[_columnIndex[c]].Box);
                bool allowed = iou >= IouThreshold;
                any |= allowed;
                _cost[(r * columns) + c] = allowed ? 1.0 - iou : Forbidden;
            }
        }

        if (!any)
        {
            return;
        }

        _solver.Solve(_cost.AsSpan(0, rows * columns), rows, columns, _assignment.AsSpan(0, rows));
        for (int r = 0; r < rows; r++)
        {
            int c = _assignment[r];
            if (c >= 0 && _cost[(r * columns) + c] < Forbidden)
            {
                truthMatch[_rowIndex[r]] = _columnIndex[c];
                trackMatch[_columnIndex[c]] = _rowIndex[r];
            }
        }
    }

    private void EnsureCapacity(int truth, int tracks)
    {
        int n = Math.Max(truth, tracks);
        if (_truthMatch.Length >= n)
        {
            return;
        }

        n *= 2;
        _truthMatch = new int[n];
        _trackMatch = new int[n];
        _rowIndex = new int[n];
        _columnIndex = new int[n];
        _assignment = new int[n];
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull
    {
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
    }
}
