using SmartCity.Edge.Analytics;
using SmartCity.Edge.Simulation.Layout;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// Checks the reference analytics against the simulator's planned routes, so that an analytics bug cannot
/// hide in the reference counts: a vehicle entering by approach A crosses A's stop line inbound once, and a
/// vehicle going from A to B makes the movement A → B once. Pedestrians walk on the sidewalks and crossings,
/// not through the lane zones and stop lines, so their routes say nothing about lines and movements: they are
/// compared between reference and pipeline only.
/// </summary>
internal static class RouteChecker
{
    /// <summary>Relative tolerance of the bracket, on top of one road user.</summary>
    public const double RelativeTolerance = 0.01;

    /// <summary>Compares <paramref name="referenceTotals"/> (analytics on objects that entered during the run) with the routes.</summary>
    public static IReadOnlyList<RouteCheckRow> Check(
        RouteTripLog routes, IReadOnlyDictionary<CountKey, long> referenceTotals, AnalyticsLayout analytics, SceneLayout scene)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(referenceTotals);
        ArgumentNullException.ThrowIfNull(analytics);
        ArgumentNullException.ThrowIfNull(scene);
        var complete = new Dictionary<CountKey, long>();
        var cut = new Dictionary<CountKey, long>();
        foreach (var trip in routes.Trips)
        {
            bool isComplete = routes.IsComplete(trip);
            if (!Checked(trip.Class) || (!isComplete && !routes.IsCutAtEnd(trip)))
            {
                continue;
            }

            var target = isComplete ? complete : cut;
            if (scene.Find(trip.Entry) is { } entry)
            {
                var key = CountKey.ForLine(SyntheticSceneAnalytics.LineName(entry), CrossingDirection.In, trip.Class);
                target[key] = target.GetValueOrDefault(key) + 1;
            }

            int from = analytics.IndexOfApproach(SyntheticSceneAnalytics.ApproachName(trip.Entry));
            int to = analytics.IndexOfApproach(SyntheticSceneAnalytics.ApproachName(trip.Exit));
            if (from >= 0 && to >= 0 && analytics.TryGetMovement(from, to, out MovementKind kind))
            {
                var key = CountKey.ForMovement(analytics.Approaches[from].Name, analytics.Approaches[to].Name, kind, trip.Class);
                target[key] = target.GetValueOrDefault(key) + 1;
            }
        }

        var keys = new SortedSet<CountKey>(Comparer<CountKey>.Create(Compare));
        keys.UnionWith(complete.Keys);
        keys.UnionWith(cut.Keys);
        foreach (var key in referenceTotals.Keys)
        {
            if (Checked(key.Class))
            {
                keys.Add(key);
            }
        }

        var rows = new List<RouteCheckRow>(keys.Count);
        foreach (var key in keys)
        {
            long c = complete.GetValueOrDefault(key);
            long tolerance = 1 + (long)Math.Floor(RelativeTolerance * c);
            bool predicted = key.Kind == CountKind.Movement || key.Element.EndsWith(" in", StringComparison.Ordinal);
            rows.Add(new RouteCheckRow(key.Kind, key.Element, key.Class, c, cut.GetValueOrDefault(key), referenceTotals.GetValueOrDefault(key), tolerance, predicted));
        }

        return rows;
    }

    /// <summary>Report order: kind, element, class.</summary>
    public static int Compare(CountKey a, CountKey b)
    {
        int c = a.Kind.CompareTo(b.Kind);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Element, b.Element);
        }

        return c != 0 ? c : a.Class.CompareTo(b.Class);
    }

    private static bool Checked(TrafficClass cls) => cls is not (TrafficClass.Pedestrian or TrafficClass.Other);
}
