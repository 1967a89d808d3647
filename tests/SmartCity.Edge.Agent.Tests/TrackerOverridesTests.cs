using SmartCity.Edge.Agent.Commands;
using SmartCity.Edge.Tracking;
using Xunit;

namespace SmartCity.Edge.Agent.Tests;

public class TrackerOverridesTests
{
    [Fact]
    public void Sets_numbers_switches_and_times_by_case_insensitive_name()
    {
        var o = new TrackerOptions();
        TrackerOverrides.Apply(o, ["matchiou=0.35", "ConfirmHits=4", "ClassAware=true", "StationaryLostTimeout=45s", "LostTimeout=00:00:03", "MotionGate=16"]);
        Assert.Equal(0.35f, o.MatchIou);
        Assert.Equal(4, o.ConfirmHits);
        Assert.True(o.ClassAware);
        Assert.Equal(TimeSpan.FromSeconds(45), o.StationaryLostTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), o.LostTimeout);
        Assert.Equal(16, o.MotionGate);
    }

    [Theory]
    [InlineData("MatchIou", "expected KEY=VALUE")]
    [InlineData("Nonsense=1", "unknown key 'Nonsense'")]
    [InlineData("MatchIou=abc", "'abc' is not a valid Single")]
    [InlineData("MatchIou=1.5", "--tracker:MatchIou must be in (0, 1)")]
    [InlineData("StationaryLostTimeout=1h", "'1h' is not a valid TimeSpan")]
    public void Refuses_a_bad_override_naming_it(string item, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => TrackerOverrides.Apply(new TrackerOptions(), [item]));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
