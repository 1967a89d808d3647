using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

public class BoxOverlapTests
{
    [Fact]
    public void Buffered_iou_keeps_aligned_boxes_at_one_and_lets_near_misses_overlap()
    {
        BoxF a = Box(100, 100, 40, 30);
        Assert.Equal(1f, BoxOverlap.BufferedIoU(a, a, 0.3f), 5);

        // Side by side with a 4 px gap: no IoU, but a buffered one.
        BoxF b = Box(144, 100, 40, 30);
        Assert.Equal(0f, a.IoU(b));
        Assert.InRange(BoxOverlap.BufferedIoU(a, b, 0.3f), 0.15f, 0.25f);
        Assert.Equal(0f, BoxOverlap.BufferedIoU(a, b, 0f));
    }

    [Fact]
    public void The_motion_gate_stops_a_track_taking_the_neighbouring_lane()
    {
        // A car drives right; in the frame its own detection is missed, a car in the next lane overlaps it a little.
        foreach (bool gated in new[] { true, false })
        {
            var tracker = new ByteTracker(new TrackerOptions { MotionGate = gated ? 25 : 0 });
            for (int k = 0; k < 10; k++)
            {
                tracker.Update([Det(100 + (5 * k), 200, 100, 40)], Frame(k));
            }

            int id = Single(tracker).TrackId;
            tracker.Update([Det(150, 225, 100, 40)], Frame(10));
            Assert.True(TryFind(tracker, id, out TrackedObject t));
            Assert.Equal(gated ? TrackState.Lost : TrackState.Confirmed, t.State);
        }
    }

    [Fact]
    public void Covered_fraction_is_the_share_of_the_first_box_inside_the_second()
    {
        var car = new BoxF(100, 100, 140, 130);                                      // 40 x 30
        Assert.Equal(1f, BoxOverlap.CoveredFraction(car, new BoxF(80, 90, 200, 170)));   // inside a bus
        Assert.Equal(0.5f, BoxOverlap.CoveredFraction(car, new BoxF(120, 0, 300, 300))); // right half covered
        Assert.Equal(0f, BoxOverlap.CoveredFraction(car, new BoxF(140, 100, 180, 130))); // touching only
        Assert.Equal(0f, BoxOverlap.CoveredFraction(new BoxF(5, 5, 5, 9), car));          // empty box
    }
}
