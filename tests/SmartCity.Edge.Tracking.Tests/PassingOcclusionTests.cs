using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// <see cref="TrackerOptions.PassingOcclusionLostTimeout"/>: a pedestrian walking at 3 px a frame behind a parked car
/// for 3.5 s comes out where its pace takes it, and keeps its identity; without the rule, or with nothing in front
/// (the detector missed it), the 2 s buffer and the slowing prediction give it a new one.
/// </summary>
public class PassingOcclusionTests
{
    private static readonly DetectedObject ParkedCar = Det(250, 320, 120, 60);

    /// <summary>The same box as <see cref="ParkedCar"/>, called a pedestrian: a group of people nearer the camera.</summary>
    private static readonly DetectedObject NearGroup = Det(250, 320, 120, 60, 0.9f, TrafficClass.Pedestrian);

    private static DetectedObject Walker(int frame, TrafficClass cls = TrafficClass.Pedestrian) => Det(170 + (3 * frame), 300, 12, 30, 0.9f, cls);

    private static (int Before, int After) WalkBehind(
        bool carInFront, TimeSpan passing, TrafficClass cls = TrafficClass.Pedestrian, bool queueRecovery = true, bool groupNotCar = false)
    {
        DetectedObject occluder = groupNotCar ? NearGroup : ParkedCar;
        var tracker = new ByteTracker(new TrackerOptions { ConfirmHits = 1, PassingOcclusionLostTimeout = passing, HiddenQueueRecovery = queueRecovery });
        int k = 0;
        for (; k < 10; k++)
        {
            tracker.Update(carInFront ? [Walker(k, cls), occluder] : [Walker(k, cls)], Frame(k));
        }

        int before = Find(tracker, cls);
        for (; k < 45; k++)
        {
            tracker.Update(carInFront ? [occluder] : [], Frame(k));
        }

        tracker.Update(carInFront ? [Walker(k, cls), occluder] : [Walker(k, cls)], Frame(k));
        return (before, Find(tracker, cls));
    }

    private static int Find(ByteTracker tracker, TrafficClass cls)
    {
        foreach (var t in tracker.Tracks)
        {
            if (t.Class == cls && t.FramesSinceUpdate == 0 && t.Box.Y2 < 340)
            {
                return t.TrackId;
            }
        }

        return -1;
    }

    [Theory]
    [InlineData(TrafficClass.Pedestrian)]
    [InlineData(TrafficClass.Bicycle)]
    public void A_pedestrian_or_cyclist_passing_behind_a_parked_car_keeps_its_id(TrafficClass cls)
    {
        var (before, after) = WalkBehind(carInFront: true, new TrackerOptions().PassingOcclusionLostTimeout, cls);
        Assert.True(before > 0);
        Assert.Equal(before, after);
    }

    /// <summary>
    /// A vehicle behind another is left to the queue rules: the same ride, as a motorcycle, gets a new id (with the
    /// queue recovery off, so that this rule alone decides).
    /// </summary>
    [Fact]
    public void A_vehicle_passing_behind_one_is_not_kept_longer()
    {
        var (before, after) = WalkBehind(carInFront: true, TimeSpan.FromSeconds(4), TrafficClass.Motorcycle, queueRecovery: false);
        Assert.True(before > 0 && after > 0);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Without_the_rule_the_pedestrian_gets_a_new_id()
    {
        var (before, after) = WalkBehind(carInFront: true, TimeSpan.Zero);
        Assert.True(before > 0 && after > 0);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void A_pedestrian_the_detector_missed_with_nothing_in_front_is_not_kept_longer()
    {
        var (before, after) = WalkBehind(carInFront: false, TimeSpan.FromSeconds(4));
        Assert.True(before > 0 && after > 0);
        Assert.NotEqual(before, after);
    }

    /// <summary>Only a vehicle counts as what hides a walker; people nearer the camera overlap walkers all the time in a crowd.</summary>
    [Fact]
    public void A_pedestrian_behind_people_nearer_the_camera_is_not_kept_longer()
    {
        var (before, after) = WalkBehind(carInFront: true, TimeSpan.FromSeconds(4), groupNotCar: true);
        Assert.True(before > 0 && after > 0);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void The_timeout_is_checked()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TrackerOptions { PassingOcclusionLostTimeout = TimeSpan.FromMinutes(2) }.Validate());
        Assert.Contains("Tracker:PassingOcclusionLostTimeout must be 0 (off) to 1 min", ex.Message, StringComparison.Ordinal);
    }
}
