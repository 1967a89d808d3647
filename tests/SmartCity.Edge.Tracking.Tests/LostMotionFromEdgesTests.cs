using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// <see cref="TrackerOptions.LostMotionFromEdges"/>: car B (30 × 20 px) stands in a queue behind van C, nearer the
/// camera (lower in the frame), whose box's top touches B's bottom. For the 0.8 s before B's detections stop, C edges
/// back and covers more and more of B: the detector boxes what shows, so B's bottom edge rises 1.5 px a frame with C's
/// top while B's top stays put. C then stands there. B reappears where it stood 5 s later.
/// </summary>
public class LostMotionFromEdgesTests
{
    private const float BTop = 290, BH = 20;

    /// <summary>C's box, its top <paramref name="hidden"/> px above B's bottom.</summary>
    private static DetectedObject VanC(float hidden) =>
        new(new BoxF(280, BTop + BH - hidden, 320, 340), 0.9f, 0, TrafficClass.Car);

    /// <summary>B's box, its bottom <paramref name="hidden"/> px covered.</summary>
    private static DetectedObject CarB(float hidden) =>
        new(new BoxF(285, BTop, 315, BTop + BH - hidden), 0.9f, 0, TrafficClass.Car);

    private static (int Before, int After, bool Removed) Run(bool edges, float shrinkPerFrame = 1.5f)
    {
        var tracker = new ByteTracker(new TrackerOptions { LostMotionFromEdges = edges });
        int k = 0;
        for (; k < 30; k++)
        {
            tracker.Update([CarB(0), VanC(0)], Frame(k));
        }

        for (int s = 1; s <= 8; s++, k++)
        {
            tracker.Update([CarB(s * shrinkPerFrame), VanC(s * shrinkPerFrame)], Frame(k));
        }

        DetectedObject c = VanC(8 * shrinkPerFrame);

        int before = Nearest(tracker, CarB(0).Box)!.Value.TrackId;
        bool removed = false;
        for (int end = k + 50; k < end; k++)
        {
            tracker.Update([c], Frame(k));
            removed |= tracker.RemovedThisUpdate.Contains(before);
        }

        tracker.Update([CarB(0), VanC(0)], Frame(k++));
        tracker.Update([CarB(0), VanC(0)], Frame(k++));
        tracker.Update([CarB(0), VanC(0)], Frame(k));
        int after = Nearest(tracker, CarB(0).Box)!.Value.TrackId;
        return (before, after, removed);
    }

    [Fact]
    public void A_car_whose_box_shrinks_from_the_bottom_before_it_is_hidden_stands_and_keeps_its_id()
    {
        var (before, after, removed) = Run(edges: true);
        Assert.False(removed);
        Assert.Equal(before, after);
    }

    /// <summary>The control: the filter reads the shrinking box as B driving away up the frame; B gets a moving track's 2 s and a new id.</summary>
    [Fact]
    public void Without_it_the_shrinking_box_reads_as_motion_and_the_car_gets_a_new_id()
    {
        var (before, after, removed) = Run(edges: false);
        Assert.True(removed);
        Assert.NotEqual(before, after);
    }

    /// <summary>A car that really drives away is not made to stand: both edges move, so the lesser one is its motion.</summary>
    [Fact]
    public void A_car_driving_away_is_still_moving()
    {
        var tracker = new ByteTracker(new TrackerOptions { LostMotionFromEdges = true });
        int k = 0;
        for (; k < 30; k++)
        {
            tracker.Update([Det(300, 300 - (1.5f * k), 30, 20)], Frame(k));
        }

        int id = Single(tracker).TrackId;
        bool removed = false;
        for (int end = k + 30; k < end && !removed; k++)
        {
            tracker.Update([], Frame(k));
            removed = tracker.RemovedThisUpdate.Contains(id);
        }

        Assert.True(removed, "a car lost while driving at 15 px/s should get the 2 s buffer, not the 10 s of a standing one");
    }

    /// <summary>
    /// A track under a second old has no past box yet, so the filter judges it: B, seen for 0.7 s with C touching its
    /// bottom and then hidden, stood, and is kept. (An earlier version aged the missing past box and measured the
    /// motion from an empty box at the frame's corner: hundreds of px/s, a moving track, removed after 2 s.)
    /// </summary>
    [Fact]
    public void A_track_too_young_for_a_past_box_is_judged_by_its_filter()
    {
        var tracker = new ByteTracker(new TrackerOptions { LostMotionFromEdges = true });
        int k = 0;
        for (; k < 7; k++)
        {
            tracker.Update([CarB(0), VanC(0)], Frame(k));
        }

        int before = Nearest(tracker, CarB(0).Box)!.Value.TrackId;
        bool removed = false;
        for (int end = k + 40; k < end; k++)
        {
            tracker.Update([VanC(0)], Frame(k));
            removed |= tracker.RemovedThisUpdate.Contains(before);
        }

        Assert.False(removed, "a car that stood for its whole 0.7 s should get a standing track's buffer");
    }
}
