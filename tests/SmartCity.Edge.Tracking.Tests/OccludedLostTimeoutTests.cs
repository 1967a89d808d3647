using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// <see cref="TrackerOptions.OccludedLostTimeout"/>: a queued car hidden behind a standing bus for 30 s keeps its
/// identity; the same car gone with nothing in front of it is removed after the 10 s stationary buffer.
/// </summary>
public class OccludedLostTimeoutTests
{
    private static readonly DetectedObject Bus = Det(300, 290, 120, 80, 0.9f, TrafficClass.Bus);

    private static (int Before, int After, bool Removed) HideForThirtySeconds(bool busInFront, bool hiddenQueueRecovery = false) =>
        HideStandingCar(new TrackerOptions { ConfirmHits = 1, HiddenQueueRecovery = hiddenQueueRecovery }, busInFront ? Bus : null, 300);

    /// <summary>With the hidden-queue recovery on, the car is found where it stood by that recovery alone (after 2 s the IoU stages no longer see it).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_standing_car_hidden_behind_a_larger_matched_track_keeps_its_id_for_30_s(bool hiddenQueueRecovery)
    {
        var (before, after, removed) = HideForThirtySeconds(busInFront: true, hiddenQueueRecovery);
        Assert.False(removed);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Without_anything_in_front_the_stationary_buffer_applies()
    {
        var (before, after, removed) = HideForThirtySeconds(busInFront: false);
        Assert.True(removed);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void The_timeout_is_checked()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TrackerOptions { OccludedLostTimeout = TimeSpan.FromHours(1) }.Validate());
        Assert.Contains("Tracker:OccludedLostTimeout must be 0–10 min", ex.Message, StringComparison.Ordinal);
    }
}
