using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// <see cref="TrackerOptions.QueueFollowsOccluder"/>: car B creeps (10 px/s) up to the back of a queue behind car C,
/// which stands nearer the camera and covers B's lower part, and vanishes. While B is hidden the queue moves on: C drives
/// 140 px towards the camera and its box grows to 1.9 times its size. B reappears behind C, further on than the two box
/// diagonals the plain recovery corridor reaches (even grown as C did), and 1.8 times as big (the plain limit is 1.67).
/// </summary>
public class QueueFollowsOccluderTests
{
    private const float BWidth = 16;

    private static ByteTracker Tracker(bool follow) =>
        new(new TrackerOptions { ConfirmHits = 1, QueueFollowsOccluder = follow });

    /// <summary>C: stands at y 330 (40 × 30) until frame 100, then drives 1 px a frame to y 470, growing to 76 × 57.</summary>
    private static DetectedObject CarC(int frame)
    {
        float t = Math.Clamp((frame - 100) / 140f, 0, 1);
        return Det(300, 330 + (140 * t), 40 * (1 + (0.9f * t)), 30 * (1 + (0.9f * t)));
    }

    /// <summary>Frames from <paramref name="first"/>: a car of height <paramref name="height"/> creeping from y 295 to 314 behind C, then C alone up to frame <paramref name="until"/>.</summary>
    private static int HideBehindC(ByteTracker tracker, int first, int until, float height)
    {
        int id = 0;
        for (int k = first; k < until; k++)
        {
            DetectedObject[] dets = k < first + 20 ? [Det(300, 295 + (k - first), BWidth, height), CarC(k)] : [CarC(k)];
            tracker.Update(dets, Frame(k));
            if (k == first + 19)
            {
                id = Nearest(tracker, Box(300, 314, BWidth, height))!.Value.TrackId;
            }
        }

        return id;
    }

    private static int MatchedAt(ByteTracker tracker, BoxF box)
    {
        foreach (var t in tracker.Tracks)
        {
            if (t.FramesSinceUpdate == 0 && t.Box.IoU(box) > 0.5f)
            {
                return t.TrackId;
            }
        }

        return -1;
    }

    /// <summary>
    /// B (16 × 14) reappears 86 px on, 28.8 × 25.2: beyond the plain corridor (2 × 21 px, 81 px grown 1.9 times), within the
    /// one that followed C's 153 px.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_car_hidden_while_the_queue_moved_on_keeps_its_id_only_when_following_the_car_in_front(bool follow)
    {
        var tracker = Tracker(follow);
        int b = HideBehindC(tracker, 0, 250, 14);
        var reappeared = Det(300, 400, 28.8f, 25.2f);
        tracker.Update([reappeared, CarC(250)], Frame(250));
        Assert.Equal(follow, MatchedAt(tracker, reappeared.Box) == b);
    }

    /// <summary>A car 8 px tall is held as hidden in the queue with the option on; off, boxes under 12 px are too noisy and it gets a moving track's 2 s.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Cars_from_6_px_tall_count_as_hidden_in_a_queue_only_with_the_option(bool follow)
    {
        var tracker = Tracker(follow);
        int b = HideBehindC(tracker, 0, 60, 8);
        Assert.Equal(follow, TryFind(tracker, b, out _));
    }

    /// <summary>
    /// B1 vanishes behind C, then B2 at the same spot four seconds later; C leaves. The first car that shows again near that
    /// spot is the one hidden more recently, B2 (further back in the queue); the one further on is B1.
    /// </summary>
    [Fact]
    public void Of_two_cars_hidden_at_one_spot_the_later_one_shows_first_near_it()
    {
        var tracker = Tracker(follow: true);
        int b1 = HideBehindC(tracker, 0, 40, 14);
        int b2 = HideBehindC(tracker, 40, 100, 14);
        Assert.NotEqual(b1, b2);
        for (int k = 100; k < 200; k++)
        {
            tracker.Update([], Frame(k));
        }

        var near = Det(300, 322, BWidth, 14);
        tracker.Update([near], Frame(200));
        Assert.Equal(b2, MatchedAt(tracker, near.Box));

        var further = Det(300, 340, BWidth, 14);
        tracker.Update([near, further], Frame(201));
        Assert.Equal(b1, MatchedAt(tracker, further.Box));
    }
}
