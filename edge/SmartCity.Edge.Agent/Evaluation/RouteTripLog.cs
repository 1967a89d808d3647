using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// The route ground truth of a run: per ground-truth object its class, the approaches it entered and left by
/// (from the simulator's planned route), and the first and last frame it was in the picture. A trip is
/// complete when the object appeared after the first frame and left before the last one, so the whole journey
/// across the scene lies inside the evaluated window.
/// </summary>
internal sealed class RouteTripLog
{
    private readonly Dictionary<int, RouteTrip> _trips = [];
    private long _lastFrame = -1;

    /// <summary>Ids of the objects in the first frame (already on their way when the window opened).</summary>
    public HashSet<int> PresentAtStart { get; } = [];

    /// <summary>Index of the latest frame added.</summary>
    public long LastFrame => _lastFrame;

    /// <summary>Records one frame's ground truth.</summary>
    public void Add(long frameIndex, ReadOnlySpan<GroundTruthObject> truth)
    {
        _lastFrame = frameIndex;
        foreach (ref readonly var gt in truth)
        {
            if (frameIndex == 0)
            {
                PresentAtStart.Add(gt.ObjectId);
            }

            _trips[gt.ObjectId] = _trips.TryGetValue(gt.ObjectId, out var trip)
                ? trip with { LastFrame = frameIndex }
                : new RouteTrip(gt.ObjectId, gt.Class, gt.Entry, gt.Exit, frameIndex, frameIndex);
        }
    }

    /// <summary>Every object seen.</summary>
    public IEnumerable<RouteTrip> Trips => _trips.Values;

    /// <summary>Whether a trip lies wholly inside the window.</summary>
    public bool IsComplete(in RouteTrip trip) => trip.FirstFrame > 0 && trip.LastFrame < _lastFrame;

    /// <summary>Whether a trip began inside the window but was still in the picture in the last frame.</summary>
    public bool IsCutAtEnd(in RouteTrip trip) => trip.FirstFrame > 0 && trip.LastFrame == _lastFrame;
}
