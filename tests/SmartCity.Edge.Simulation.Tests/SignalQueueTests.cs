using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Simulation.World;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Tests;

public class SignalQueueTests
{
    [Fact]
    public void Vehicles_queue_behind_the_stop_line_on_red_and_discharge_on_green()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.DenseQueue, 120), 5, pool: null);
        using var frame = SceneTestKit.NewFrame(scene);
        var users = new RoadUserState[1024];
        int longestQueue = 0;
        bool sawDischarge = false;
        while (scene.RenderNext(frame))
        {
            int n = scene.CopyRoadUsers(users);
            foreach (Approach approach in new[] { Approach.North, Approach.East, Approach.South, Approach.West })
            {
                SignalAspect aspect = scene.AspectFor(approach);
                int queued = 0;
                for (int i = 0; i < n; i++)
                {
                    RoadUserState u = users[i];
                    if (u.Entry != approach || !u.Class.IsVehicle() || float.IsNaN(u.DistanceToStopLine))
                    {
                        continue;
                    }

                    if (u.SpeedMetresPerSecond < 0.3f && u.DistanceToStopLine < 80)
                    {
                        queued++;
                    }
                    else if (aspect == SignalAspect.Green && u.SpeedMetresPerSecond > 3f && u.DistanceToStopLine < 10)
                    {
                        sawDischarge = true;
                    }
                }

                if (aspect == SignalAspect.Red)
                {
                    longestQueue = Math.Max(longestQueue, queued);
                }
            }
        }

        Assert.True(longestQueue >= 5, $"longest red queue was {longestQueue} vehicles");
        Assert.True(sawDischarge, "no vehicle crossed the stop line at speed on green");
    }

    [Fact]
    public void Stopped_vehicles_keep_a_gap_to_the_one_in_front()
    {
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(ScenarioCatalog.DenseQueue, 60), 6, pool: null);
        using var frame = SceneTestKit.NewFrame(scene);
        var users = new RoadUserState[1024];
        int pairs = 0;
        while (scene.RenderNext(frame))
        {
            int n = scene.CopyRoadUsers(users);
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    RoadUserState a = users[i], b = users[j];
                    if (a.Class == TrafficClass.Pedestrian || b.Class == TrafficClass.Pedestrian || a.SpeedMetresPerSecond > 0.1f || b.SpeedMetresPerSecond > 0.1f)
                    {
                        continue;
                    }

                    // Two stopped vehicles in the same lane: centres at least their half lengths apart.
                    float cross = MathF.Abs(((a.Position.X - b.Position.X) * a.Heading.Y) - ((a.Position.Y - b.Position.Y) * a.Heading.X));
                    float along = MathF.Abs(((a.Position.X - b.Position.X) * a.Heading.X) + ((a.Position.Y - b.Position.Y) * a.Heading.Y));
                    if (cross < 0.8f && along < 20f)
                    {
                        pairs++;
                        Assert.True(along > 2.5f, $"{a} and {b} overlap in a queue");
                    }
                }
            }
        }

        Assert.True(pairs > 0, "no queued pairs were found to check");
    }
}
