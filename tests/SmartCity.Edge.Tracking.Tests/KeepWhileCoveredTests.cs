using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// <see cref="TrackerOptions.KeepWhileCovered"/>: a lost track whose prediction a matched track in front still covers
/// is not timed out. A pedestrian walking behind a standing bus for 10.7 s (beyond the 4 s passing buffer) comes out
/// at the far end and keeps its identity; a queued car hidden behind a standing bus for 90 s (beyond the 60 s occluded
/// buffer) is found where it stood. With the rule off both get new identities; with nothing in front, or hidden for
/// longer than the 5-minute cap, they are removed.
/// </summary>
public class KeepWhileCoveredTests
{
    /// <summary>A long bus, x 170–490, y 290–350: it reaches lower than the walker and covers 83 % of its height.</summary>
    private static readonly DetectedObject LongBus = Det(330, 320, 320, 60, 0.9f, TrafficClass.Bus);

    private static readonly DetectedObject QueueBus = Det(300, 290, 120, 80, 0.9f, TrafficClass.Bus);

    private static DetectedObject Walker(int frame) => Det(150 + (3 * frame), 300, 12, 30, 0.9f, TrafficClass.Pedestrian);

    /// <summary>Visible for frames 0–9, behind the bus from frame 10 (centre x 180) until frame 117 (x 501, past its end).</summary>
    private static (int Before, int After, bool Removed) WalkBehindLongBus(bool keepWhileCovered, bool busInFront = true)
    {
        var tracker = new ByteTracker(new TrackerOptions { ConfirmHits = 1, KeepWhileCovered = keepWhileCovered });
        int k = 0;
        for (; k < 10; k++)
        {
            tracker.Update(busInFront ? [Walker(k), LongBus] : [Walker(k)], Frame(k));
        }

        int before = MatchedId(tracker, TrafficClass.Pedestrian);
        bool removed = false;
        for (; k < 117; k++)
        {
            tracker.Update(busInFront ? [LongBus] : [], Frame(k));
            removed |= tracker.RemovedThisUpdate.Contains(before);
        }

        tracker.Update(busInFront ? [Walker(k), LongBus] : [Walker(k)], Frame(k));
        return (before, MatchedId(tracker, TrafficClass.Pedestrian), removed);
    }

    private static (int Before, int After, bool Removed) HideInQueue(TimeSpan hidden, bool keepWhileCovered, bool busInFront = true) =>
        HideStandingCar(new TrackerOptions { ConfirmHits = 1, KeepWhileCovered = keepWhileCovered }, busInFront ? QueueBus : null, (int)(hidden.TotalSeconds * 10));

    [Fact]
    public void A_pedestrian_walking_behind_a_long_standing_bus_keeps_its_id()
    {
        var (before, after, removed) = WalkBehindLongBus(keepWhileCovered: true);
        Assert.True(before > 0);
        Assert.False(removed);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Without_the_rule_the_pedestrian_behind_the_long_bus_gets_a_new_id()
    {
        var (before, after, removed) = WalkBehindLongBus(keepWhileCovered: false);
        Assert.True(removed);
        Assert.True(before > 0 && after > 0);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void A_pedestrian_the_detector_missed_with_nothing_in_front_is_removed()
    {
        var (before, after, removed) = WalkBehindLongBus(keepWhileCovered: true, busInFront: false);
        Assert.True(removed);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void A_queued_car_hidden_behind_a_standing_bus_for_90_s_keeps_its_id()
    {
        var (before, after, removed) = HideInQueue(TimeSpan.FromSeconds(90), keepWhileCovered: true);
        Assert.False(removed);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Without_the_rule_the_queued_car_is_removed_after_the_occluded_buffer()
    {
        var (before, after, removed) = HideInQueue(TimeSpan.FromSeconds(90), keepWhileCovered: false);
        Assert.True(removed);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void A_car_hidden_for_longer_than_five_minutes_is_removed()
    {
        var (before, after, removed) = HideInQueue(TimeSpan.FromMinutes(6), keepWhileCovered: true);
        Assert.True(removed);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void A_standing_car_gone_with_nothing_in_front_is_removed_after_the_stationary_buffer()
    {
        var (before, after, removed) = HideInQueue(TimeSpan.FromSeconds(30), keepWhileCovered: true, busInFront: false);
        Assert.True(removed);
        Assert.NotEqual(before, after);
    }
}
