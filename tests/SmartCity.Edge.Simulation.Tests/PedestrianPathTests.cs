using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Simulation.World;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Tests;

public class PedestrianPathTests
{
    [Fact]
    public void Pedestrians_walk_through_the_corners_of_their_path_without_jumping()
    {
        // A busy crossing for two simulated minutes: hundreds of pedestrians turn from the kerb onto a crosswalk and
        // off it again, most of them walking off the path's centre line.
        ScenarioOptions options = SceneTestKit.Short(ScenarioCatalog.Pedestrians, 120);
        var scene = new SyntheticTrafficScene(options, 7, pool: null);
        using var frame = SceneTestKit.NewFrame(scene);
        var users = new RoadUserState[1024];
        var last = new Dictionary<int, RoadUserState>();
        var seen = new Dictionary<int, RoadUserState>();
        float dt = (float)(1 / options.Fps);
        int steps = 0, moving = 0;
        float worst = 0;
        string worstAt = "";
        while (scene.RenderNext(frame))
        {
            int n = scene.CopyRoadUsers(users);
            seen.Clear();
            for (int i = 0; i < n; i++)
            {
                RoadUserState u = users[i];
                if (u.Class != TrafficClass.Pedestrian)
                {
                    continue;
                }

                seen[u.ObjectId] = u;
                if (!last.TryGetValue(u.ObjectId, out RoadUserState before))
                {
                    continue;
                }

                // The walk itself covers speed × dt; turning the sideways offset (up to 0.8 m) through a right-angled
                // corner over 2 m of path adds to that (1.7× at worst here). Laid along the corner's segments alone, the
                // offset flipped at the corner: 1.2 m in one step, 10× the walk.
                float step = (u.Position - before.Position).Length();
                float walked = MathF.Max(u.SpeedMetresPerSecond, before.SpeedMetresPerSecond) * dt;
                steps++;
                if (walked > 0)
                {
                    moving++;
                    float ratio = step / walked;
                    if (ratio > worst)
                    {
                        worst = ratio;
                        worstAt = $"pedestrian {u.ObjectId} at frame {frame.Sequence}: {step:F2} m in one step walking {walked:F2} m";
                    }
                }
                else
                {
                    Assert.True(step < 1e-4f, $"pedestrian {u.ObjectId} moved {step:F3} m at frame {frame.Sequence} while standing");
                }
            }

            (last, seen) = (seen, last);
        }

        Assert.True(moving > 5000, $"only {moving} walking steps in {steps}");
        Assert.True(worst <= 2f, $"worst step is {worst:F1}× the distance walked: {worstAt}");
    }
}
