using SmartCity.Edge.Simulation.Scenarios;

namespace SmartCity.Edge.Simulation.Tests;

public class ScenarioCatalogTests
{
    [Theory]
    [InlineData("light")]
    [InlineData("dense-queue")]
    [InlineData("occlusion")]
    [InlineData("pedestrians")]
    [InlineData("night")]
    [InlineData("road")]
    [InlineData("static")]
    public void Every_preset_is_found_valid_and_renders(string name)
    {
        Assert.True(ScenarioCatalog.TryGet(name.ToUpperInvariant(), out ScenarioOptions? options));
        Assert.Equal(name, options.Name);
        options.Validate();
        Assert.Equal(10, options.Fps);
        Assert.Equal((640, 480), (options.Width, options.Height));
        var scene = new SyntheticTrafficScene(SceneTestKit.Short(options, 1), null);
        using var frame = SceneTestKit.NewFrame(scene);
        Assert.True(scene.RenderNext(frame));
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => ScenarioCatalog.Get("rush-hour"));
        Assert.Contains("dense-queue", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_name_the_field()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => (ScenarioCatalog.Light with { Fps = 0 }).Validate());
        Assert.Contains("'Fps'", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => new SyntheticTrafficScene(ScenarioCatalog.Light with { ClassMix = new ClassMix(0, 0, 0, 0, 0) }, null));
        Assert.Contains("'ClassMix'", ex.Message, StringComparison.Ordinal);
    }
}
