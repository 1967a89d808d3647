using SmartCity.Edge.Agent.Evaluation;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using Xunit.Abstractions;

namespace SmartCity.Edge.Analytics.Tests;

public class SyntheticSceneTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("light")]
    [InlineData("road")]
    [InlineData("dense-queue")]
    public void A_configuration_built_from_the_scene_layout_loads(string scenario)
    {
        var scene = new SyntheticTrafficScene(ScenarioCatalog.Get(scenario), pool: null);
        var options = SyntheticSceneAnalytics.FromLayout(scene.Layout, "synthetic");
        AnalyticsLayout layout = AnalyticsLayout.Compile(options, "demo-edge-01", scene.Width, scene.Height);
        Assert.Equal(scene.Layout.Approaches.Count, layout.Approaches.Count);
        Assert.Equal(scene.Layout.Approaches.Count, layout.Lines.Count);
        Assert.True(layout.Calibration!.RmsResidualMetres < 0.05, $"residual {layout.Calibration.RmsResidualMetres} m");
    }

    [Theory]
    [InlineData("light")]
    [InlineData("road")]
    [InlineData("dense-queue")]
    public void Perfect_tracks_from_ground_truth_count_exactly_the_true_routes(string scenario)
    {
        ScenarioOptions preset = ScenarioCatalog.Get(scenario) with { Duration = TimeSpan.FromMinutes(3) };
        var scene = new SyntheticTrafficScene(preset, pool: null);
        List<(DateTimeOffset Time, GroundTruthObject[] Objects)> frames = Record(scene);

        // Only road users seen whole: born after the first frame and gone before the last.
        var first = new Dictionary<int, int>();
        var last = new Dictionary<int, int>();
        for (int f = 0; f < frames.Count; f++)
        {
            foreach (GroundTruthObject o in frames[f].Objects)
            {
                first.TryAdd(o.ObjectId, f);
                last[o.ObjectId] = f;
            }
        }

        bool Whole(int id) => first[id] > 0 && last[id] < frames.Count - 1;

        var engine = CameraAnalytics.Create(SyntheticSceneAnalytics.FromLayout(scene.Layout, "synthetic"), "demo-edge-01", scene.Width, scene.Height);
        var expected = new Dictionary<(string From, string To, TrafficClass Class), int>();
        var expectedIn = new Dictionary<string, int>();
        var previous = new HashSet<int>();
        var tracks = new List<TrackedObject>();
        var removed = new List<int>();
        foreach ((DateTimeOffset time, GroundTruthObject[] objects) in frames)
        {
            tracks.Clear();
            var now = new HashSet<int>();
            foreach (GroundTruthObject o in objects)
            {
                if (!Whole(o.ObjectId))
                {
                    continue;
                }

                now.Add(o.ObjectId);
                tracks.Add(new TrackedObject(o.ObjectId, o.Class, o.Box, 0, 0, 1, TrackState.Confirmed, 10, 0, o.Class));
                if (!previous.Contains(o.ObjectId) && o.Class != TrafficClass.Pedestrian)
                {
                    var key = (Name(o.Entry), Name(o.Exit), o.Class);
                    expected[key] = expected.GetValueOrDefault(key) + 1;
                    string line = $"{Name(o.Entry)}-{(preset.Scene == SceneKind.Road ? "count" : "stop")}";
                    expectedIn[line] = expectedIn.GetValueOrDefault(line) + 1;
                }
            }

            removed.Clear();
            removed.AddRange(previous.Where(id => !now.Contains(id)));
            engine.Update(tracks.ToArray(), removed.ToArray(), time);
            previous = now;
        }

        engine.Flush(frames[^1].Time + TimeSpan.FromSeconds(0.1));
        List<IntervalSummary> summaries = [];
        while (engine.TryTakeCompletedInterval(out IntervalSummary? s))
        {
            summaries.Add(s);
        }

        var counted = new Dictionary<(string From, string To, TrafficClass Class), int>();
        foreach (MovementCount m in summaries.SelectMany(s => s.Movements!))
        {
            counted[(m.From, m.To, m.Class)] = counted.GetValueOrDefault((m.From, m.To, m.Class)) + m.Count;
        }

        foreach (var (key, n) in expected.OrderBy(e => e.Key.ToString()))
        {
            output.WriteLine($"{key}: true {n}, counted {counted.GetValueOrDefault(key)}");
        }

        output.WriteLine($"incomplete {summaries.Sum(s => s.IncompleteMovements)}, unlisted {summaries.Sum(s => s.UnlistedMovements)}");
        Assert.True(expected.Values.Sum() >= 10, $"only {expected.Values.Sum()} whole road users in the run");
        Assert.Equal(expected.OrderBy(e => e.Key.ToString()).ToList(), counted.OrderBy(e => e.Key.ToString()).ToList());
        Assert.Equal(0, summaries.Sum(s => s.IncompleteMovements));

        foreach (var (line, n) in expectedIn)
        {
            int inCount = summaries.Sum(s => s.LineTotal(line, CrossingDirection.In) ?? 0);
            output.WriteLine($"{line}: true in {n}, counted {inCount}");
            Assert.Equal(n, inCount);
        }
    }

    private static string Name(Approach a) => SyntheticSceneAnalytics.ApproachName(a);

    private static List<(DateTimeOffset, GroundTruthObject[])> Record(SyntheticTrafficScene scene)
    {
        var frames = new List<(DateTimeOffset, GroundTruthObject[])>();
        using Frame frame = Frame.Allocate(scene.Width, scene.Height, PixelFormat.Bgr24);
        while (scene.RenderNext(frame))
        {
            frames.Add((frame.Timestamp, frame.GroundTruth!.Objects.ToArray()));
        }

        return frames;
    }
}
