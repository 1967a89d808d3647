using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Tests;

public class GroundTruthTests
{
    [Theory]
    [InlineData("light")]
    [InlineData("pedestrians")]
    [InlineData("road")]
    public void Every_object_keeps_its_class_entry_and_exit_and_its_box_lies_inside_the_image(string preset)
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.Get(preset), 60), 3, pool: null);
        using var frame = SceneTestKit.NewFrame(scene);
        var seen = new Dictionary<int, (TrafficClass Class, Approach Entry, Approach Exit)>();
        var classes = new HashSet<TrafficClass>();
        while (scene.RenderNext(frame))
        {
            foreach (GroundTruthObject o in frame.GroundTruth!.Objects)
            {
                Assert.InRange(o.Box.X1, 0, scene.Width);
                Assert.InRange(o.Box.X2, o.Box.X1, scene.Width);
                Assert.InRange(o.Box.Y1, 0, scene.Height);
                Assert.InRange(o.Box.Y2, o.Box.Y1, scene.Height);
                Assert.True(o.Box.Area > 0, $"empty box {o}");
                Assert.InRange(o.Visibility, 0f, 1f);
                Assert.NotEqual(Approach.None, o.Entry);
                Assert.NotEqual(Approach.None, o.Exit);
                if (seen.TryGetValue(o.ObjectId, out var first))
                {
                    Assert.Equal(first, (o.Class, o.Entry, o.Exit));
                }
                else
                {
                    seen[o.ObjectId] = (o.Class, o.Entry, o.Exit);
                }

                classes.Add(o.Class);
            }
        }

        Assert.True(seen.Count > 10, $"only {seen.Count} objects in {preset}");
        Assert.Contains(TrafficClass.Car, classes);
        Assert.Contains(TrafficClass.Pedestrian, classes);
    }

    [Fact]
    public void Intersection_traffic_uses_every_approach_and_turns()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.DenseQueue, 60), 8, pool: null);
        using var frame = SceneTestKit.NewFrame(scene);
        var movements = new HashSet<(Approach, Approach)>();
        while (scene.RenderNext(frame))
        {
            foreach (GroundTruthObject o in frame.GroundTruth!.Objects)
            {
                if (o.Class.IsVehicle())
                {
                    movements.Add((o.Entry, o.Exit));
                }
            }
        }

        // Through, left and right from all four approaches: at least 10 of the 12 turning movements.
        Assert.True(movements.Count(m => m.Item1 != m.Item2) >= 10, string.Join(", ", movements));
    }

    [Fact]
    public void The_occlusion_scenario_has_partly_hidden_objects()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.Occlusion, 10), 4, pool: null);
        using var frame = SceneTestKit.NewFrame(scene);
        int partly = 0, heavy = 0;
        while (scene.RenderNext(frame))
        {
            foreach (GroundTruthObject o in frame.GroundTruth!.Objects)
            {
                if (o.Visibility is > 0.05f and < 0.8f && o.Box.Y1 > 0 && o.Box.X1 > 0 && o.Box.X2 < scene.Width && o.Box.Y2 < scene.Height)
                {
                    partly++;
                }

                if (o.Class is TrafficClass.Bus or TrafficClass.Truck)
                {
                    heavy++;
                }
            }
        }

        Assert.True(partly > 50, $"{partly} partly hidden objects inside the image");
        Assert.True(heavy > 50, $"{heavy} bus/truck sightings");
    }

    [Fact]
    public void Noise_changes_pixels_but_not_ground_truth()
    {
        ScenarioOptions quiet = SceneTestKit.Short(ScenarioCatalog.Light) with { NoiseSigma = 0 };
        var a = new SyntheticTrafficScene(quiet, 11, null);
        var b = new SyntheticTrafficScene(quiet with { NoiseSigma = 8 }, 11, null);
        using var fa = SceneTestKit.NewFrame(a);
        using var fb = SceneTestKit.NewFrame(b);
        for (int i = 0; i < 10; i++)
        {
            a.RenderNext(fa);
            b.RenderNext(fb);
            Assert.Equal(fa.GroundTruth!.Objects.ToArray(), fb.GroundTruth!.Objects.ToArray());
            int differing = 0;
            double meanDiff = 0;
            for (int p = 0; p < fa.Length; p++)
            {
                int d = fa.Pixels[p] - fb.Pixels[p];
                differing += d != 0 ? 1 : 0;
                meanDiff += d;
            }

            Assert.True(differing > fa.Length / 2, $"only {differing} bytes changed by noise");
            Assert.InRange(meanDiff / fa.Length, -1.0, 1.0);
        }
    }

    [Fact]
    public void Night_frames_are_darker_than_day_frames()
    {
        ScenarioOptions day = SceneTestKit.Short(ScenarioCatalog.Light);
        var dayScene = new SyntheticTrafficScene(day, 12, null);
        var duskScene = new SyntheticTrafficScene(day with { Lighting = LightingCondition.Dusk }, 12, null);
        var nightScene = new SyntheticTrafficScene(day with { Lighting = LightingCondition.Night, NoiseSigma = 9 }, 12, null);
        using var frame = SceneTestKit.NewFrame(dayScene);
        dayScene.RenderNext(frame);
        double dayLuma = SceneTestKit.MeanLuminance(frame.Pixels);
        duskScene.RenderNext(frame);
        double duskLuma = SceneTestKit.MeanLuminance(frame.Pixels);
        nightScene.RenderNext(frame);
        double nightLuma = SceneTestKit.MeanLuminance(frame.Pixels);
        Assert.True(nightLuma < duskLuma && duskLuma < dayLuma, $"day {dayLuma:F1}, dusk {duskLuma:F1}, night {nightLuma:F1}");
        Assert.True(nightLuma < dayLuma * 0.5, $"night {nightLuma:F1} is not much darker than day {dayLuma:F1}");
    }

    [Fact]
    public void The_static_scene_has_no_objects_and_changes_only_by_noise()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.Static, 5), 1, null);
        using var first = SceneTestKit.NewFrame(scene);
        using var frame = SceneTestKit.NewFrame(scene);
        scene.RenderNext(first);
        Assert.Equal(0, first.GroundTruth!.Count);
        while (scene.RenderNext(frame))
        {
            Assert.Equal(0, frame.GroundTruth!.Count);
            int large = 0;
            for (int p = 0; p < frame.Length; p++)
            {
                large += Math.Abs(frame.Pixels[p] - first.Pixels[p]) > 20 ? 1 : 0;
            }

            Assert.True(large < frame.Length / 10000, $"{large} bytes changed by more than 20 levels");
        }

        Assert.Equal(0, scene.RoadUserCount);
    }
}
