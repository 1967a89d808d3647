using System.Numerics;
using System.Text.Json.Nodes;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Simulation.Layout;
using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Cloud.Dashboard.DeviceConfig;

/// <summary>
/// A starting point for a simulated camera whose file has no analytics section yet: per approach of the synthetic scene
/// a counting line at the stop line ("in" = inbound), entry and exit zones and the stop line, plus the scene's surveyed
/// calibration points — the layout the agent itself derives when the section is absent.
/// </summary>
internal static class SyntheticLayoutSuggestion
{
    public static JsonObject? For(DeviceConfigFile file)
    {
        if (!file.IsSynthetic || !ScenarioCatalog.TryGet(file.Scenario, out ScenarioOptions? scenario))
        {
            return null;
        }

        SceneLayout layout = SyntheticTrafficScene.LayoutFor(scenario);
        var lines = new JsonArray();
        var approaches = new JsonArray();
        foreach (ApproachLayout a in layout.Approaches)
        {
            string name = a.Approach.ToString().ToLowerInvariant();
            lines.Add(new JsonObject
            {
                ["name"] = $"{name}-{(a.StopLine ? "stop" : "count")}",
                ["start"] = Xy(a.CountingLine.Start),
                ["end"] = Xy(a.CountingLine.End),
                ["in"] = Xy(a.InboundDirection),
            });
            var approach = new JsonObject
            {
                ["name"] = name,
                ["side"] = name,
                ["entryZone"] = Polygon(a.EntryZone),
                ["exitZone"] = Polygon(a.ExitZone),
            };
            if (a.StopLine)
            {
                approach["stopLine"] = new JsonObject { ["start"] = Xy(a.CountingLine.Start), ["end"] = Xy(a.CountingLine.End) };
            }

            approaches.Add(approach);
        }

        return new JsonObject
        {
            ["camera"] = file.DeviceId + "-cam",
            ["lines"] = lines,
            ["zones"] = new JsonArray(),
            ["approaches"] = approaches,
            ["calibration"] = new JsonObject
            {
                ["imagePoints"] = Polygon(layout.CalibrationImagePoints),
                ["groundPoints"] = Polygon(layout.CalibrationGroundPoints),
            },
        };
    }

    private static JsonArray Xy(Vector2 p) => [Round(p.X), Round(p.Y)];

    private static JsonArray Polygon(IReadOnlyList<Vector2> points) => [.. points.Select(p => (JsonNode?)Xy(p))];

    private static double Round(float v) => Math.Round(v, 2);
}
