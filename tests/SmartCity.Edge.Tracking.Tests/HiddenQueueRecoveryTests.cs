using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// <see cref="TrackerOptions.HiddenQueueRecovery"/>: car B creeps up a queue (10 px/s, half a box height per second)
/// behind car C, which stands nearer the camera and covers half of B when B's detections stop. C is gone after 10 s.
/// B reappears later, ahead of where it was lost or behind it.
/// </summary>
public class HiddenQueueRecoveryTests
{
    private static DetectedObject CarB(float cy, TrafficClass cls = TrafficClass.Car) => Det(300, cy, 30, 20, cls: cls);

    private static readonly DetectedObject CarC = Det(300, 325, 40, 30);

    private static ByteTracker Tracker(bool recovery) =>
        new(new TrackerOptions { ConfirmHits = 1, HiddenQueueRecovery = recovery });

    /// <summary>Frames 0–19 both cars (B creeping from y 290 to 309), then C alone until frame 99, then nothing.</summary>
    private static (int B, bool Removed, int Frame) HideB(ByteTracker tracker, int hiddenUntil, TrafficClass cls = TrafficClass.Car)
    {
        int k = 0;
        for (; k < 20; k++)
        {
            tracker.Update([CarB(290 + k, cls), CarC], Frame(k));
        }

        int b = Nearest(tracker, Box(300, 309, 30, 20))!.Value.TrackId;
        bool removed = false;
        for (; k < hiddenUntil; k++)
        {
            tracker.Update(k < 100 ? [CarC] : [], Frame(k));
            removed |= tracker.RemovedThisUpdate.Contains(b);
        }

        return (b, removed, k);
    }

    private static int IdAfterReappearing(bool recovery, float cy)
    {
        var tracker = Tracker(recovery);
        var (_, _, k) = HideB(tracker, 300);
        tracker.Update([CarB(cy)], Frame(k));
        return MatchedNow(tracker);
    }

    /// <summary>The id of the one track matched in the latest update.</summary>
    private static int MatchedNow(ByteTracker tracker)
    {
        int id = -1;
        foreach (var t in tracker.Tracks)
        {
            if (t.FramesSinceUpdate == 0)
            {
                Assert.Equal(-1, id);
                id = t.TrackId;
            }
        }

        return id;
    }

    /// <summary>On (the default), B keeps its id 26 px further up the queue; off, a creeping car gets the 2 s buffer of a moving track and a new id.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_car_hidden_for_28_s_behind_the_car_in_front_keeps_its_id_only_with_the_recovery_on(bool recovery)
    {
        var tracker = Tracker(recovery);
        var (b, removed, k) = HideB(tracker, 300);
        Assert.Equal(!recovery, removed);
        tracker.Update([CarB(335)], Frame(k));
        Assert.Equal(recovery, b == MatchedNow(tracker));
    }

    [Fact]
    public void A_detection_behind_where_the_car_was_lost_is_not_it()
    {
        int ahead = IdAfterReappearing(recovery: true, cy: 335);
        int behind = IdAfterReappearing(recovery: true, cy: 280);
        Assert.Equal(1, ahead); // B was the first track
        Assert.NotEqual(1, behind);
    }

    [Fact]
    public void A_detection_of_another_class_is_not_it()
    {
        var tracker = Tracker(recovery: true);
        var (b, _, k) = HideB(tracker, 300);
        tracker.Update([Det(300, 335, 30, 20, 0.9f, TrafficClass.Truck)], Frame(k));
        Assert.NotEqual(b, MatchedNow(tracker));
    }

    /// <summary>Pedestrians and cyclists wait beside a queue or anywhere, not in it: they get a moving track's buffer, as with the recovery off.</summary>
    [Theory]
    [InlineData(TrafficClass.Pedestrian, false)]
    [InlineData(TrafficClass.Bicycle, false)]
    [InlineData(TrafficClass.Motorcycle, true)]
    public void Only_vehicles_and_motorcycles_are_held_as_hidden_in_a_queue(TrafficClass cls, bool held)
    {
        var tracker = Tracker(recovery: true);
        var (b, removed, k) = HideB(tracker, 300, cls);
        Assert.Equal(!held, removed);
        tracker.Update([CarB(335, cls)], Frame(k));
        Assert.Equal(held, b == MatchedNow(tracker));
    }
}
