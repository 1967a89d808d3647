using Xunit;

namespace SmartCity.Edge.Tracking.Tests;

public class TrackerOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_follow_bytetrack()
    {
        var o = new TrackerOptions();
        o.Validate();
        Assert.Equal(0.5f, o.HighScore);
        Assert.Equal(0.1f, o.LowScore);
        Assert.Equal(0.6f, o.NewTrackScore);
        Assert.Equal(0.7f, o.SmallNewTrackScore);
        Assert.Equal(16f, o.SmallTrackHeight);
        Assert.Equal(0.2f, o.MatchIou);
        Assert.Equal(0.5f, o.SecondMatchIou);
        Assert.Equal(0.3f, o.UnconfirmedMatchIou);
        Assert.Equal(3, o.ConfirmHits);
        Assert.Equal(TimeSpan.FromSeconds(2), o.LostTimeout);
        Assert.False(o.ClassAware);
        Assert.Equal(1f, o.AppearanceWeight);
        Assert.Equal(0.08f, o.ReidentifyDistance);
        Assert.Equal(1.5f, o.ReidentifyRadius);
        Assert.True(o.HiddenQueueRecovery);
        Assert.False(o.CompleteHiddenBottoms);
        Assert.True(o.LostMotionFromEdges);
        Assert.False(o.QueueFollowsOccluder);
    }

    [Theory]
    [InlineData(nameof(TrackerOptions.HighScore))]
    [InlineData(nameof(TrackerOptions.LowScore))]
    [InlineData(nameof(TrackerOptions.NewTrackScore))]
    [InlineData(nameof(TrackerOptions.SmallNewTrackScore))]
    [InlineData(nameof(TrackerOptions.SmallTrackHeight))]
    [InlineData(nameof(TrackerOptions.MatchIou))]
    [InlineData(nameof(TrackerOptions.SecondMatchIou))]
    [InlineData(nameof(TrackerOptions.UnconfirmedMatchIou))]
    [InlineData(nameof(TrackerOptions.ConfirmHits))]
    [InlineData(nameof(TrackerOptions.TentativeMaxMisses))]
    [InlineData(nameof(TrackerOptions.LostTimeout))]
    [InlineData(nameof(TrackerOptions.LostVelocityHalfLife))]
    [InlineData(nameof(TrackerOptions.LostBoxBuffer))]
    [InlineData(nameof(TrackerOptions.StationaryLostTimeout))]
    [InlineData(nameof(TrackerOptions.StationarySpeed))]
    public void Out_of_range_values_are_refused_naming_the_key(string key)
    {
        var o = new TrackerOptions();
        switch (key)
        {
            case nameof(TrackerOptions.HighScore): o.HighScore = 1.5f; break;
            case nameof(TrackerOptions.LowScore): o.LowScore = 0.7f; break;
            case nameof(TrackerOptions.NewTrackScore): o.NewTrackScore = 0.4f; break;
            case nameof(TrackerOptions.SmallNewTrackScore): o.SmallNewTrackScore = 1.2f; break;
            case nameof(TrackerOptions.SmallTrackHeight): o.SmallTrackHeight = -1; break;
            case nameof(TrackerOptions.MatchIou): o.MatchIou = 0; break;
            case nameof(TrackerOptions.SecondMatchIou): o.SecondMatchIou = float.NaN; break;
            case nameof(TrackerOptions.UnconfirmedMatchIou): o.UnconfirmedMatchIou = 1; break;
            case nameof(TrackerOptions.ConfirmHits): o.ConfirmHits = 0; break;
            case nameof(TrackerOptions.TentativeMaxMisses): o.TentativeMaxMisses = -1; break;
            case nameof(TrackerOptions.LostTimeout): o.LostTimeout = TimeSpan.FromSeconds(-1); break;
            case nameof(TrackerOptions.LostVelocityHalfLife): o.LostVelocityHalfLife = TimeSpan.FromHours(1); break;
            case nameof(TrackerOptions.LostBoxBuffer): o.LostBoxBuffer = -0.1f; break;
            case nameof(TrackerOptions.StationaryLostTimeout): o.StationaryLostTimeout = TimeSpan.FromHours(1); break;
            case nameof(TrackerOptions.StationarySpeed): o.StationarySpeed = -1; break;
        }

        ArgumentException ex = Assert.Throws<ArgumentException>(() => o.Validate("Cameras:0:Tracker"));
        Assert.StartsWith($"Cameras:0:Tracker:{key} ", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ByteTracker(o));
    }
}
