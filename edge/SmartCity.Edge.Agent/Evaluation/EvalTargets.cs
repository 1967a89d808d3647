using System.Globalization;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>
/// The issue's targets, checked on the harness's results: count accuracy per movement and class (and per line,
/// direction and class) over each scenario's whole run, ID switches per 100 ground-truth tracks on the
/// dense-queue scenario, and tracker + analytics time against the detector's.
/// </summary>
internal static class EvalTargets
{
    /// <summary>Human-readable misses; empty when every target is met.</summary>
    public static IReadOnlyList<string> Misses(IReadOnlyList<ScenarioEvalResult> results, TrafficEvalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(settings);
        var inv = CultureInfo.InvariantCulture;
        var misses = new List<string>();
        foreach (var r in results)
        {
            string name = r.Scenario.Name;
            double target = settings.TargetFor(name);
            var keys = new List<CountKey>(r.Counts.Totals.Keys);
            keys.Sort(RouteChecker.Compare);
            foreach (var key in keys)
            {
                var value = r.Counts.Totals[key];
                if (value.Accuracy < target)
                {
                    misses.Add(string.Create(inv, $"{name}: {(key.Kind == CountKind.Line ? "line" : "movement")} {key.Element} {key.Class.ToName()}: true {value.True}, counted {value.Counted} → {value.Accuracy:P1} < {target:P0}"));
                }
            }

            if (string.Equals(name, ScenarioCatalog.DenseQueue.Name, StringComparison.Ordinal)
                && r.Tracking.IdSwitchesPer100Tracks > settings.DenseQueueIdSwitchesPer100)
            {
                misses.Add(string.Create(inv, $"{name}: {r.Tracking.IdSwitchesPer100Tracks:F2} ID switches per 100 ground-truth tracks > {settings.DenseQueueIdSwitchesPer100:F0}"));
            }

            if (!settings.OracleDetections && (r.Cost.BusyTrackingShare ?? r.Cost.TrackingShare) is { } share && share > settings.TrackingCostShare)
            {
                misses.Add(string.Create(inv, $"{name}: tracker + analytics take {share:P1} of the detector's time > {settings.TrackingCostShare:P0}"));
            }
        }

        return misses;
    }
}
