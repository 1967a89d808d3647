using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// The leave-the-frame rule (<see cref="TrackerOptions.FrameExitMargin"/>), on the case the accuracy harness showed
/// with ground-truth boxes: a car leaves at the right edge of a 640-wide frame, its box cut by the frame and
/// shrinking in place, and a second car that waits at that edge comes into view where the first one went out.
/// </summary>
public class FrameExitTests
{
    private const int Width = 640;
    private const int Height = 480;

    // Frames 0–7: car A drives right at 8 px per frame; from frame 3 its box is cut at x = 640 (24 of its 60 px left
    // in frame 7, then too little to detect). Frame 8: nothing. Frames 9–20: car B, standing, 28 px of it in view.
    private static DetectedObject[] FrameDetections(int k)
    {
        if (k < 8)
        {
            float x1 = 560 + (8 * k), x2 = Math.Min(Width, x1 + 60);
            return [new DetectedObject(new BoxF(x1, 200, x2, 230), 0.9f, 0, TrafficClass.Car)];
        }

        return k < 9 ? [] : [new DetectedObject(new BoxF(612, 199, Width, 231), 0.9f, 0, TrafficClass.Car)];
    }

    private static (int First, int Last, bool FirstRemoved) Run(ByteTracker tracker, bool passSize)
    {
        int first = -1, last = -1;
        bool removed = false;
        for (int k = 0; k <= 20; k++)
        {
            if (passSize)
            {
                tracker.Update(FrameDetections(k), Frame(k), true, Width, Height);
            }
            else
            {
                tracker.Update(FrameDetections(k), Frame(k));
            }

            if (k == 0)
            {
                first = Single(tracker).TrackId;
            }

            removed |= tracker.RemovedThisUpdate.Contains(first);
            foreach (var t in tracker.Tracks)
            {
                if (t.State == TrackState.Confirmed && t.FramesSinceUpdate == 0)
                {
                    last = t.TrackId;
                }
            }
        }

        return (first, last, removed);
    }

    [Fact]
    public void A_track_lost_at_the_edge_it_was_driving_to_is_removed_and_the_car_entering_there_gets_its_own_id()
    {
        var (first, last, removed) = Run(new ByteTracker(new TrackerOptions { ConfirmHits = 1 }), passSize: true);
        Assert.True(removed, "the leaving track should be removed as it goes");
        Assert.NotEqual(first, last);
    }

    [Fact]
    public void Without_the_frame_size_the_leaving_track_takes_the_entering_car()
    {
        // The behaviour the rule exists for: the lost track's prediction overlaps the new box at the edge.
        var (first, last, removed) = Run(new ByteTracker(new TrackerOptions { ConfirmHits = 1 }), passSize: false);
        Assert.False(removed);
        Assert.Equal(first, last);
    }

    [Fact]
    public void A_negative_margin_turns_the_rule_off()
    {
        var (first, last, _) = Run(new ByteTracker(new TrackerOptions { ConfirmHits = 1, FrameExitMargin = -1 }), passSize: true);
        Assert.Equal(first, last);
    }

    [Fact]
    public void A_track_lost_inside_the_frame_or_moving_away_from_the_edge_stays_in_the_lost_buffer()
    {
        var tracker = new ByteTracker(new TrackerOptions { ConfirmHits = 1 });

        // Entering from the right edge (moving left, box cut at x = 640), then missed: it is coming in, not leaving.
        for (int k = 0; k < 4; k++)
        {
            tracker.Update([new DetectedObject(new BoxF(600 - (8 * k), 200, Width, 230), 0.9f, 0, TrafficClass.Car)], Frame(k), true, Width, Height);
        }

        // A second car in mid-frame driving right, then both missed.
        tracker.Update([Det(300, 300, 40, 30)], Frame(4), true, Width, Height);
        tracker.Update([], Frame(5), true, Width, Height);
        tracker.Update([], Frame(6), true, Width, Height);
        Assert.Equal(0, tracker.RemovedThisUpdate.Length);
        Assert.Contains(tracker.Tracks.ToArray(), t => t.State == TrackState.Lost && t.Box.X2 >= Width - 40);
    }

    [Fact]
    public void The_margin_is_checked()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TrackerOptions { FrameExitMargin = 500 }.Validate());
        Assert.Contains("Tracker:FrameExitMargin", ex.Message, StringComparison.Ordinal);
    }
}
