using SmartCity.Edge.Analytics;
using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Pipeline;

/// <summary>
/// What the live console shows of the traffic analytics: the current interval's counts per line and direction
/// and per turning movement, by class. Built once a second on the pipeline thread (so it allocates once a
/// second, never per frame) and handed to the display thread whole.
/// </summary>
internal sealed record TrafficLiveView(
    DateTimeOffset? IntervalStart,
    long IntervalFrames,
    int ConfirmedTracks,
    long TracksConfirmed,
    IReadOnlyList<TrafficLiveView.Row> Lines,
    IReadOnlyList<TrafficLiveView.Row> Movements)
{
    /// <summary>One line-and-direction or one movement with its counts indexed by <see cref="TrafficClass"/>.</summary>
    public sealed record Row(string Name, int[] ByClass)
    {
        public int Total => ByClass.Sum();
    }

    public static TrafficLiveView Capture(CameraAnalytics analytics, ByteTracker tracker)
    {
        var layout = analytics.Layout;
        var lines = new List<Row>();
        for (int l = 0; l < layout.Lines.Count; l++)
        {
            foreach (var direction in new[] { CrossingDirection.In, CrossingDirection.Out })
            {
                var counts = new int[TrafficClasses.Count];
                foreach (var cls in TrafficClasses.RoadUsers)
                {
                    counts[(int)cls] = analytics.LiveLineCount(l, direction, cls);
                }

                lines.Add(new Row($"{layout.Lines[l].Name} {direction.ToString().ToLowerInvariant()}", counts));
            }
        }

        var movements = new List<Row>();
        for (int from = 0; from < layout.Approaches.Count; from++)
        {
            for (int to = 0; to < layout.Approaches.Count; to++)
            {
                if (!layout.TryGetMovement(from, to, out var kind))
                {
                    continue;
                }

                var counts = new int[TrafficClasses.Count];
                foreach (var cls in TrafficClasses.RoadUsers)
                {
                    counts[(int)cls] = analytics.LiveMovementCount(from, to, cls);
                }

                movements.Add(new Row($"{layout.Approaches[from].Name}→{layout.Approaches[to].Name} {kind.ToString().ToLowerInvariant()}", counts));
            }
        }

        return new TrafficLiveView(analytics.CurrentIntervalStart, analytics.CurrentIntervalFrames, tracker.ConfirmedCount, tracker.TracksConfirmed, lines, movements);
    }
}
