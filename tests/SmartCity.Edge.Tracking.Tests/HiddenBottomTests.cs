using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// <see cref="TrackerOptions.CompleteHiddenBottoms"/>, on the case traced in the synthetic dense-queue scenario (seed
/// 900301, truth 137): car A (60 × 30 px) drives left at 50 px/s; a bus B, nearer the camera (lower in the frame),
/// drives right at 100 px/s in front of it and hides A's lower part for half a second. Meanwhile the detector boxes
/// only A's top two thirds, with a low score.
/// </summary>
public class HiddenBottomTests
{
    private const float AY = 165, AH = 30, AW = 60;

    private static float AX(int k) => 420 - (5 * k);

    private static DetectedObject CarA(int k) => Det(AX(k), AY, AW, AH);

    /// <summary>B's box: its top (y 160) lies above A's bottom (180), it reaches lower (188), from frame 10 to 14 it spans A.</summary>
    private static DetectedObject BusB(int k) => Det(270 + (10 * k), 174, 140, 28, cls: TrafficClass.Bus);

    /// <summary>What the detector sees of A while B hides its lower part: the top 20 px, score 0.35.</summary>
    private static DetectedObject TopOfA(int k) =>
        new(new BoxF(AX(k) - (AW / 2), AY - (AH / 2), AX(k) + (AW / 2), AY - (AH / 2) + 20), 0.35f, 0, TrafficClass.Car);

    private static ByteTracker Tracker(bool complete) => new(new TrackerOptions { CompleteHiddenBottoms = complete });

    /// <summary>Frames 0–9 A whole, 10–14 A's top strip above B, 15–19 A whole again; A's box at frame 14.</summary>
    private static BoxF Run(bool complete)
    {
        var tracker = Tracker(complete);
        int k = 0;
        for (; k < 10; k++)
        {
            tracker.Update([CarA(k), BusB(k)], Frame(k));
        }

        int before = Nearest(tracker, CarA(9).Box)!.Value.TrackId;
        BoxF hidden = default;
        for (; k < 15; k++)
        {
            tracker.Update([BusB(k), TopOfA(k)], Frame(k));
            Assert.True(TryFind(tracker, before, out TrackedObject a), $"frame {k}: A's track is gone");
            hidden = a.Box;
        }

        return hidden;
    }

    [Fact]
    public void A_box_whose_bottom_a_road_user_nearer_the_camera_hides_keeps_the_track_height_and_ground_point()
    {
        // B's box covers the strip's bottom edge: the strip is completed to the height of A's whole boxes (its aspect, 30 / 60).
        BoxF hidden = Run(complete: true);
        Assert.InRange(hidden.Height, AH - 3, AH + 3);
        Assert.InRange(hidden.Y2, AY + (AH / 2) - 3, AY + (AH / 2) + 3);

        // Off: the track's box shrinks to the strip, and its bottom (where the analytics put the car on the ground) rises by half the car.
        BoxF shrunk = Run(complete: false);
        Assert.True(shrunk.Height < AH - 8, $"height {shrunk.Height}");
        Assert.True(shrunk.Y2 < AY + (AH / 2) - 8, $"bottom {shrunk.Y2}");
    }

    [Fact]
    public void A_bottom_hidden_for_longer_than_3_s_is_no_longer_completed()
    {
        // A truck (20 × 16 px) stands in a queue behind a car that hides its lower half for a minute. For 3 s its
        // strips are completed to the 16 px it had whole; after that they are taken as they are: a height carried over
        // for minutes would be wrong as soon as the truck moves closer or away.
        var tracker = Tracker(complete: true);
        var whole = new DetectedObject(new BoxF(300, 100, 320, 116), 0.9f, 2, TrafficClass.Truck);
        var strip = new DetectedObject(new BoxF(300, 100, 320, 108), 0.8f, 2, TrafficClass.Truck);
        var car = new DetectedObject(new BoxF(295, 106, 325, 130), 0.9f, 0, TrafficClass.Car);
        int k = 0;
        for (; k < 10; k++)
        {
            tracker.Update([whole], Frame(k));
        }

        int id = Nearest(tracker, whole.Box)!.Value.TrackId;
        float completed = 0;
        for (; k < 610; k++)
        {
            tracker.Update([strip, car], Frame(k));
            Assert.True(TryFind(tracker, id, out TrackedObject truck), $"frame {k}: the truck's track is gone");
            if (k == 30)
            {
                completed = truck.Box.Height;
            }
        }

        Assert.InRange(completed, 15, 17);
        Assert.True(TryFind(tracker, id, out TrackedObject after));
        Assert.InRange(after.Box.Height, 7, 9);
    }

    [Fact]
    public void A_strip_whose_bottom_nothing_hides_is_taken_as_it_is()
    {
        // The same strips without B: nothing nearer the camera covers their bottom, so the track shrinks to them.
        var tracker = Tracker(complete: true);
        int k = 0;
        for (; k < 10; k++)
        {
            tracker.Update([CarA(k)], Frame(k));
        }

        int id = Nearest(tracker, CarA(9).Box)!.Value.TrackId;
        for (; k < 15; k++)
        {
            tracker.Update([TopOfA(k)], Frame(k));
        }

        Assert.True(TryFind(tracker, id, out TrackedObject a));
        Assert.True(a.Box.Height < AH - 8, $"height {a.Box.Height}");
    }
}
