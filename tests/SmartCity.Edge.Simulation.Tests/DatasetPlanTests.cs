using SmartCity.Edge.Simulation.Output;

namespace SmartCity.Edge.Simulation.Tests;

public class DatasetPlanTests
{
    [Fact]
    public void Scenario_i_plays_with_the_first_seed_plus_i_and_no_fixed_duration()
    {
        Assert.True(DatasetPlan.TryCreate("light, night", 31_000_000, frames: 7, stride: 3, out var list, out var error));
        Assert.Null(error);
        Assert.Equal(["light", "night"], list.Select(s => s.Options.Name));
        Assert.Equal([31_000_000, 31_000_001], list.Select(s => s.Seed));
        Assert.All(list, s => Assert.Equal((7, 3), (s.Frames, s.FrameStride)));
        Assert.All(list, s => Assert.Null(s.Options.Duration));
    }

    [Fact]
    public void The_default_list_names_every_dataset_scenario()
    {
        Assert.True(DatasetPlan.TryCreate(DatasetPlan.DefaultScenarios, 1000, 1, 5, out var list, out _));
        Assert.Equal(6, list.Count);
    }

    [Fact]
    public void An_unknown_scenario_is_refused_by_name()
    {
        Assert.False(DatasetPlan.TryCreate("light,rush-hour", 1000, 1, 5, out _, out var error));
        Assert.Equal("scenarios", error!.Field);
        Assert.Contains("'rush-hour'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(899_999)] // the second scenario would play with 900000
    [InlineData(900_500)]
    public void A_seed_range_touching_the_held_out_seeds_is_refused(int first)
    {
        Assert.False(DatasetPlan.TryCreate("light,night", first, 1, 5, out _, out var error));
        Assert.Equal("seed", error!.Field);
        Assert.Contains("reserved for held-out evaluation", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(899_999, false)]
    [InlineData(900_000, true)]
    [InlineData(900_999, true)]
    [InlineData(901_000, false)]
    public void The_held_out_range_is_900000_to_900999(int seed, bool heldOut) =>
        Assert.Equal(heldOut, DatasetPlan.IsHeldOutSeed(seed));
}
