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

    private static (int Before, int After, bool Removed) HideForThirtySeconds(bool busInFront, bool hiddenQueueRecovery = false)
    {
        var tracker = new ByteTracker(new TrackerOptions { ConfirmHits = 1, HiddenQueueRecovery = hiddenQueueRecovery });
        DetectedObject car = Det(300, 300, 40, 30);
        int k = 0;
        for (; k < 5; k++)
        {
            tracker.Update(busInFront ? [car, Bus] : [car], Frame(k));
        }

        int before = Find(tracker, TrafficClass.Car);
        bool removed = false;
        for (; k < 305; k++)
        {
            tracker.Update(busInFront ? [Bus] : [], Frame(k));
            removed |= tracker.RemovedThisUpdate.Contains(before);
        }

        tracker.Update(busInFront ? [car, Bus] : [car], Frame(k));
        return (before, Find(tracker, TrafficClass.Car), removed);
    }

    private static int Find(ByteTracker tracker, TrafficClass cls)
    {
        foreach (var t in tracker.Tracks)
        {
            if (t.Class == cls && t.FramesSinceUpdate == 0)
            {
                return t.TrackId;
            }
        }

        return -1;
    }

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
