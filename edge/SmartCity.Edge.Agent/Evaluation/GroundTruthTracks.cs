using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// Ground truth dressed as a perfect tracker's output: every ground-truth object of a frame is a confirmed
/// track matched in that frame, its id the object's persistent id, its velocity the change of its box centre
/// since the previous frame; an object that leaves the picture is removed. Fed to the same analytics engine as
/// the real tracks, it gives the reference counts, so the comparison measures detection and tracking error
/// and nothing else. Hidden objects stay tracked, as a perfect tracker would keep them.
/// </summary>
internal sealed class GroundTruthTracks
{
    private readonly Dictionary<int, (BoxF Box, long Ticks, int Hits)> _previous = [];
    private readonly HashSet<int> _seen = [];
    private readonly List<int> _gone = [];
    private TrackedObject[] _tracks = new TrackedObject[64];
    private int[] _removed = new int[64];
    private int _trackCount;
    private int _removedCount;

    /// <summary>The tracks of the latest update.</summary>
    public ReadOnlySpan<TrackedObject> Tracks => _tracks.AsSpan(0, _trackCount);

    /// <summary>Ids of objects present in the previous update and gone in the latest.</summary>
    public ReadOnlySpan<int> RemovedThisUpdate => _removed.AsSpan(0, _removedCount);

    /// <summary>Takes one frame's ground truth; <paramref name="include"/> may leave objects out (null keeps all).</summary>
    public void Update(ReadOnlySpan<GroundTruthObject> truth, DateTimeOffset timestamp, Func<int, bool>? include = null)
    {
        if (_tracks.Length < truth.Length)
        {
            _tracks = new TrackedObject[truth.Length * 2];
        }

        long ticks = timestamp.UtcTicks;
        _trackCount = 0;
        _seen.Clear();
        foreach (ref readonly var gt in truth)
        {
            if (include is not null && !include(gt.ObjectId))
            {
                continue;
            }

            float vx = 0, vy = 0;
            int hits = 1;
            if (_previous.TryGetValue(gt.ObjectId, out var last))
            {
                double dt = (double)(ticks - last.Ticks) / TimeSpan.TicksPerSecond;
                if (dt > 0)
                {
                    vx = (float)((gt.Box.CenterX - last.Box.CenterX) / dt);
                    vy = (float)((gt.Box.CenterY - last.Box.CenterY) / dt);
                }

                hits = last.Hits + 1;
            }

            _previous[gt.ObjectId] = (gt.Box, ticks, hits);
            _seen.Add(gt.ObjectId);
            _tracks[_trackCount++] = new TrackedObject(gt.ObjectId, gt.Class, gt.Box, vx, vy, 1f, TrackState.Confirmed, hits, 0, gt.Class);
        }

        _gone.Clear();
        foreach (int id in _previous.Keys)
        {
            if (!_seen.Contains(id))
            {
                _gone.Add(id);
            }
        }

        if (_removed.Length < _gone.Count)
        {
            _removed = new int[_gone.Count * 2];
        }

        _removedCount = 0;
        foreach (int id in _gone)
        {
            _previous.Remove(id);
            _removed[_removedCount++] = id;
        }
    }
}
