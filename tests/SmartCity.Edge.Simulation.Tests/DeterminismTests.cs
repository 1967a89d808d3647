using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Edge.Simulation.Tests;

public class DeterminismTests
{
    [Fact]
    public void Same_seed_and_options_give_identical_frames_and_ground_truth()
    {
        ScenarioOptions options = SceneTestKit.Short(ScenarioCatalog.DenseQueue);
        var a = new SyntheticTrafficScene(options, 42, pool: null);
        var b = new SyntheticTrafficScene(options, 42, pool: null);
        Assert.Equal(SceneTestKit.Hash(a, 100), SceneTestKit.Hash(b, 100));
    }

    [Fact]
    public void A_different_seed_gives_different_frames()
    {
        ScenarioOptions options = SceneTestKit.Short(ScenarioCatalog.Light);
        var a = new SyntheticTrafficScene(options, 1, pool: null);
        var b = new SyntheticTrafficScene(options, 2, pool: null);
        Assert.NotEqual(SceneTestKit.Hash(a, 20), SceneTestKit.Hash(b, 20));
    }

    [Fact]
    public void The_road_scene_is_deterministic_too()
    {
        ScenarioOptions options = SceneTestKit.Short(ScenarioCatalog.Road);
        Assert.Equal(SceneTestKit.Hash(new SyntheticTrafficScene(options, 9, null), 40), SceneTestKit.Hash(new SyntheticTrafficScene(options, 9, null), 40));
    }
}
