using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// Counts identity switches the way CLEAR-MOT does: per frame the ground-truth objects are matched one-to-one to
/// confirmed tracks (IoU ≥ 0.5, optimal assignment); a ground-truth object matched to a different track id than
/// at its previous match is one switch. Objects the detector cannot see (too hidden, too small) are left out. Also
/// counts class errors of matched tracks.
/// </summary>
internal sealed class IdSwitchCounter(Func<GroundTruthObject, bool> isDetectable)
{
    private readonly Dictionary<int, int> _lastTrack = [];
    private readonly Dictionary<int, long> _lastFrame = [];
    private readonly HashSet<int> _groundTruthIds = [];
    private readonly HashSet<int> _pedestrianIds = [];
    private readonly AssignmentSolver _solver = new();
    private readonly List<TrackedObject> _confirmed = [];
    private int[] _assignment = new int[256];

    public int Switches { get; private set; }

    public int GroundTruthTracks => _groundTruthIds.Count;

    /// <summary>Ground-truth tracks of road users other than pedestrians.</summary>
    public int VehicleTracks => _groundTruthIds.Count - _pedestrianIds.Count;

    /// <summary>Switches of road users other than pedestrians.</summary>
    public int VehicleSwitches { get; private set; }

    /// <summary>Visible ground-truth objects summed over frames.</summary>
    public int VisibleObjects { get; private set; }

    /// <summary>Visible ground-truth objects matched to a confirmed track.</summary>
    public int MatchedObjects { get; private set; }

    /// <summary>Matched objects whose track's voted class differs from the true class.</summary>
    public int ClassErrors { get; private set; }

    public List<string> SwitchLog { get; } = [];

    public void Add(long frame, ReadOnlySpan<GroundTruthObject> truth, ReadOnlySpan<TrackedObject> tracks)
    {
        _confirmed.Clear();
        foreach (TrackedObject t in tracks)
        {
            if (t.State == TrackState.Confirmed)
            {
                _confirmed.Add(t);
            }
        }

        foreach (GroundTruthObject o in truth)
        {
            if (isDetectable(o))
            {
                _groundTruthIds.Add(o.ObjectId);
                if (o.Class == TrafficClass.Pedestrian)
                {
                    _pedestrianIds.Add(o.ObjectId);
                }

                VisibleObjects++;
            }
        }

        if (truth.Length == 0 || _confirmed.Count == 0)
        {
            return;
        }

        Span<float> costs = _solver.Prepare(truth.Length, _confirmed.Count);
        for (int g = 0; g < truth.Length; g++)
        {
            for (int t = 0; t < _confirmed.Count; t++)
            {
                // Objects the detector cannot see are "don't care": nothing can track them, and letting them take
                // part would pair a neighbour's track with a hidden object's full box and log a switch that is not.
                costs[(g * _confirmed.Count) + t] = !isDetectable(truth[g]) ? 1 : 1 - truth[g].Box.IoU(_confirmed[t].Box);
            }
        }

        if (_assignment.Length < truth.Length)
        {
            _assignment = new int[truth.Length * 2];
        }

        _solver.Solve(0.5f, _assignment);
        for (int g = 0; g < truth.Length; g++)
        {
            if (_assignment[g] < 0)
            {
                continue;
            }

            GroundTruthObject o = truth[g];
            TrackedObject t = _confirmed[_assignment[g]];
            MatchedObjects++;

            if (t.Class != o.Class)
            {
                ClassErrors++;
            }

            if (_lastTrack.TryGetValue(o.ObjectId, out int previous) && previous != t.TrackId)
            {
                Switches++;
                if (o.Class != TrafficClass.Pedestrian)
                {
                    VehicleSwitches++;
                }

                string was = "removed";
                foreach (TrackedObject p in tracks)
                {
                    if (p.TrackId == previous)
                    {
                        was = p.State.ToString();
                    }
                }

                SwitchLog.Add($"frame {frame}: {o.Class} #{o.ObjectId} (vis {o.Visibility:F2}) track {previous} → {t.TrackId} after {frame - _lastFrame[o.ObjectId]} frames, old track {was}");
            }

            _lastTrack[o.ObjectId] = t.TrackId;
            _lastFrame[o.ObjectId] = frame;
        }
    }
}
