using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>
/// The colour-signature settings of the tracker (<see cref="TrackerOptions.AppearanceWeight"/>,
/// <see cref="TrackerOptions.ReidentifyDistance"/>) on painted frames. Where a setting should change the outcome, the
/// test also runs without it and checks that the outcome differs, so it tests the setting and not the IoU stages.
/// </summary>
public sealed class AppearanceTrackingTests : IDisposable
{
    private const int Width = 640;
    private const int Height = 480;
    private static readonly byte[] White = [235, 235, 235];
    private static readonly byte[] Dark = [40, 30, 30];

    private readonly Frame _frame = Vision.Frames.Frame.Allocate(Width, Height, PixelFormat.Bgr24);

    public void Dispose() => _frame.Dispose();

    /// <summary>Paints the frame grey with the given boxes in their colours and stamps it with frame <paramref name="k"/>'s time.</summary>
    private Frame Paint(int k, params (DetectedObject Det, byte[] Colour)[] objects)
    {
        _frame.Pixels.Fill(110);
        foreach (var (det, colour) in objects)
        {
            BoxF b = det.Box.Clip(Width, Height);
            for (int y = (int)b.Y1; y < (int)b.Y2; y++)
            {
                Span<byte> row = _frame.Pixels.Slice(y * _frame.Stride);
                for (int x = (int)b.X1; x < (int)b.X2; x++)
                {
                    colour.CopyTo(row.Slice(x * 3, 3));
                }
            }
        }

        _frame.Timestamp = Frame(k);
        return _frame;
    }

    private void Step(ByteTracker tracker, int k, params (DetectedObject Det, byte[] Colour)[] objects)
    {
        var detections = new DetectedObject[objects.Length];
        for (int i = 0; i < objects.Length; i++)
        {
            detections[i] = objects[i].Det;
        }

        tracker.Update(detections, Paint(k, objects));
    }

    private static int IdAt(ByteTracker tracker, float cx, float cy)
    {
        foreach (var t in tracker.Tracks)
        {
            if (t.FramesSinceUpdate == 0 && MathF.Abs(t.Box.CenterX - cx) < 3 && MathF.Abs(t.Box.CenterY - cy) < 3)
            {
                return t.TrackId;
            }
        }

        return -1;
    }

    /// <summary>
    /// A white car drives right at 10 px a frame, is missed for 8 frames while it brakes to a stop 20 px further on,
    /// and is detected again there; its track coasted on, well past it. Returns the ids before and after.
    /// </summary>
    private (int Before, int After) BrakeWhileMissed(TrackerOptions options, byte[] reappearing) =>
        Brake(options, White, reappearing, behindBus: false);

    /// <summary>
    /// As <see cref="BrakeWhileMissed"/> with a dark car, but where it stops a white bus nearer the camera (its box
    /// reaches lower) stands over the left half of it: the car's box, detected whole, is half bus.
    /// </summary>
    private (int Before, int After) BrakeBehindABus(TrackerOptions options) => Brake(options, Dark, Dark, behindBus: true);

    private (int Before, int After) Brake(TrackerOptions options, byte[] colour, byte[] reappearing, bool behindBus)
    {
        var tracker = new ByteTracker(options);
        int k = 0;
        float x = 100;
        for (; k < 10; k++, x += 10)
        {
            Step(tracker, k, (Det(x, 200, 40, 30), colour));
        }

        int before = IdAt(tracker, x - 10, 200);
        for (; k < 18; k++)
        {
            Step(tracker, k);
        }

        float stop = x + 10;
        for (int shown = 0; shown < 3; shown++, k++)
        {
            // Painted in this order, the bus stands over the car's left half (x stop - 20 to stop).
            var car = (Det(stop, 200, 40, 30), reappearing);
            if (behindBus)
            {
                Step(tracker, k, car, (Det(stop - 40, 205, 80, 40, cls: TrafficClass.Bus), White));
            }
            else
            {
                Step(tracker, k, car);
            }
        }

        return (before, IdAt(tracker, stop, 200));
    }

    [Fact]
    public void A_lost_car_found_away_from_its_prediction_is_reidentified_by_its_colours()
    {
        var (before, after) = BrakeWhileMissed(new TrackerOptions { ReidentifyDistance = 0.08f, AppearanceWeight = 0 }, White);
        Assert.True(before > 0);
        Assert.Equal(before, after);

        // Without re-identification the IoU stages do not reach it: a new track.
        var (before0, after0) = BrakeWhileMissed(new TrackerOptions { ReidentifyDistance = 0, AppearanceWeight = 0 }, White);
        Assert.True(after0 > 0);
        Assert.NotEqual(before0, after0);
    }

    /// <summary>
    /// A white car (near, y 200) drives up beside a dark car standing further off (y 190) and stops in front of it, hiding
    /// it for 5 frames; then the two boxes show again where the IoU stages give each track the other car's box (the dark
    /// one where the white track stands, the white one where the dark track was lost), and the cars drive apart. Colour
    /// costs are off in the association, so only the check after the crossing can tell. Returns the white car's id
    /// before and the id on the white car at the end.
    /// </summary>
    private (int Before, int After) CrossWithBoxesTraded(TrackerOptions options)
    {
        options.AppearanceWeight = 0;
        var tracker = new ByteTracker(options);
        int k = 0;
        for (; k < 10; k++)
        {
            Step(tracker, k, (Det(300, 190, 40, 30), Dark), (Det(200, 200, 40, 30), White));
        }

        int before = IdAt(tracker, 200, 200);
        float x = 200;
        for (; k < 20; k++)
        {
            x += 8;
            Step(tracker, k, (Det(300, 190, 40, 30), Dark), (Det(x, 200, 40, 30), White));
        }

        for (int hidden = 0; hidden < 5; hidden++, k++)
        {
            Step(tracker, k, (Det(x, 200, 40, 30), White));
        }

        float white = 300, dark = x;
        for (int apart = 0; apart < 4; apart++, k++, white += 10, dark -= 10)
        {
            Step(tracker, k, (Det(white, 190, 40, 30), White), (Det(dark, 200, 40, 30), Dark));
        }

        for (int still = 0; still < 8; still++, k++)
        {
            Step(tracker, k, (Det(white, 190, 40, 30), White), (Det(dark, 200, 40, 30), Dark));
        }

        return (before, IdAt(tracker, white, 190));
    }

    [Fact]
    public void Two_cars_that_traded_boxes_while_one_hid_the_other_get_their_identities_back()
    {
        var (before, after) = CrossWithBoxesTraded(new TrackerOptions { SwapBackAfterCrossing = true });
        Assert.True(before > 0);
        Assert.Equal(before, after);

        // Without the check the white car leaves under the dark car's identity.
        var (before0, after0) = CrossWithBoxesTraded(new TrackerOptions { SwapBackAfterCrossing = false });
        Assert.True(after0 > 0);
        Assert.NotEqual(before0, after0);
    }

    /// <summary>
    /// A dark car stands at (300, 190); a white car drives up from the left nearer the camera (y 200) at 5 px a frame, stops in front of it
    /// and hides it for 5 frames. Then the box where the white car stood is the dark car's, driving off to the right (the
    /// white track follows it), and the white car shows 70 px to the left, away from every track's reach: a new track
    /// (detected as <paramref name="comesOutAs"/>).
    /// Colour costs are off in the association. Returns the dark and white cars' ids before, and the ids on the dark and
    /// white cars at the end.
    /// </summary>
    private (int Dark, int White, int DarkAfter, int WhiteAfter) FrontCarComesOutAsNewTrack(TrackerOptions options, TrafficClass comesOutAs = TrafficClass.Car)
    {
        options.AppearanceWeight = 0;
        var tracker = new ByteTracker(options);
        int k = 0;
        for (; k < 10; k++)
        {
            Step(tracker, k, (Det(300, 190, 40, 30), Dark), (Det(200, 200, 40, 30), White));
        }

        int dark = IdAt(tracker, 300, 190), white = IdAt(tracker, 200, 200);
        float x = 200;
        for (; k < 30; k++)
        {
            x += 5;
            Step(tracker, k, (Det(300, 190, 40, 30), Dark), (Det(x, 200, 40, 30), White));
        }

        for (int hidden = 0; hidden < 5; hidden++, k++)
        {
            Step(tracker, k, (Det(x, 200, 40, 30), White));
        }

        float darkX = x;
        for (int apart = 0; apart < 12; apart++, k++)
        {
            darkX += 6;
            Step(tracker, k, (Det(darkX, 200, 40, 30), Dark), (Det(230, 200, 40, 30, cls: comesOutAs), White));
        }

        return (dark, white, IdAt(tracker, darkX, 200), IdAt(tracker, 230, 200));
    }

    [Fact]
    public void A_car_that_came_out_from_behind_as_a_new_track_gets_its_identity_back()
    {
        var (dark, white, darkAfter, whiteAfter) = FrontCarComesOutAsNewTrack(new TrackerOptions { SwapBackFromNewTrack = true });
        Assert.True(dark > 0 && white > 0 && dark != white);
        Assert.Equal(dark, darkAfter);
        Assert.Equal(white, whiteAfter);

        // Without the check the white car's identity drives off with the dark car, and the white car is someone new.
        var (dark0, white0, darkAfter0, whiteAfter0) = FrontCarComesOutAsNewTrack(new TrackerOptions { SwapBackFromNewTrack = false });
        Assert.Equal(white0, darkAfter0);
        Assert.NotEqual(dark0, whiteAfter0);
        Assert.NotEqual(white0, whiteAfter0);
    }

    [Fact]
    public void A_new_track_of_another_class_does_not_take_the_partners_identity()
    {
        var (_, white, darkAfter, whiteAfter) = FrontCarComesOutAsNewTrack(new TrackerOptions { SwapBackFromNewTrack = true }, TrafficClass.Bus);
        Assert.Equal(white, darkAfter);
        Assert.NotEqual(white, whiteAfter);
    }

    [Fact]
    public void A_lost_car_found_half_behind_a_bus_is_reidentified_by_the_colours_the_bus_leaves_uncovered()
    {
        var (before, after) = BrakeBehindABus(new TrackerOptions { ReidentifyDistance = 0.08f, AppearanceWeight = 0, ReidentifyUncoveredCells = true });
        Assert.True(before > 0);
        Assert.Equal(before, after);

        // Compared whole, half the signature is the bus's white: a new track.
        var (before0, after0) = BrakeBehindABus(new TrackerOptions { ReidentifyDistance = 0.08f, AppearanceWeight = 0, ReidentifyUncoveredCells = false });
        Assert.True(after0 > 0);
        Assert.NotEqual(before0, after0);
    }

    [Fact]
    public void A_differently_coloured_car_there_is_not_taken_for_the_lost_one()
    {
        var (before, after) = BrakeWhileMissed(new TrackerOptions { ReidentifyDistance = 0.08f, AppearanceWeight = 0 }, Dark);
        Assert.True(after > 0);
        Assert.NotEqual(before, after);
    }

    /// <summary>
    /// A white car stands at (300, 200) and is missed for a frame; then a dark car 4 px right of it and the white
    /// car 6 px left of it are detected. By IoU alone the dark box is the better match.
    /// </summary>
    private int WhichBoxKeepsTheId(TrackerOptions options)
    {
        var tracker = new ByteTracker(options);
        int k = 0;
        for (; k < 10; k++)
        {
            Step(tracker, k, (Det(300, 200, 40, 30), White));
        }

        int id = IdAt(tracker, 300, 200);
        Step(tracker, k++);
        Step(tracker, k, (Det(304, 200, 40, 30, 0.9f), Dark), (Det(294, 200, 40, 30, 0.9f), White));
        return IdAt(tracker, 294, 200) == id ? 1 : IdAt(tracker, 304, 200) == id ? 2 : 0;
    }

    [Fact]
    public void The_appearance_cost_ranks_the_box_that_looks_like_the_track_first()
    {
        Assert.Equal(1, WhichBoxKeepsTheId(new TrackerOptions { AppearanceWeight = 1, ReidentifyDistance = 0 }));
        Assert.Equal(2, WhichBoxKeepsTheId(new TrackerOptions { ReidentifyDistance = 0, AppearanceWeight = 0 }));
    }

    [Fact]
    public void Without_the_frame_the_appearance_settings_have_no_effect()
    {
        var options = new TrackerOptions { ReidentifyDistance = 0.08f, AppearanceWeight = 1 };
        var tracker = new ByteTracker(options);
        var plain = new ByteTracker(new TrackerOptions { ReidentifyDistance = 0, AppearanceWeight = 0 });
        var script = new MovingObjectsScript(20, 100, 3);
        for (int f = 0; f < 200; f++)
        {
            tracker.Update(script.Frame(f), Frame(f), true, 1280, 720);
            plain.Update(script.Frame(f), Frame(f), true, 1280, 720);
            Assert.Equal(plain.Tracks.ToArray(), tracker.Tracks.ToArray());
        }
    }

    [Fact]
    public void Updates_with_colour_signatures_allocate_nothing_in_steady_state()
    {
        var script = new MovingObjectsScript(50, 100, 9);
        var tracker = new ByteTracker(new TrackerOptions { AppearanceWeight = 1, ReidentifyDistance = 0.08f });
        using var frame = Vision.Frames.Frame.Allocate(1280, 720, PixelFormat.Bgr24);
        var rng = new Random(5);
        rng.NextBytes(frame.Pixels);
        for (int f = 0; f < 300; f++)
        {
            frame.Timestamp = Frame(f);
            tracker.Update(script.Frame(f), frame);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int f = 300; f < 800; f++)
        {
            frame.Timestamp = Frame(f);
            tracker.Update(script.Frame(f), frame);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= 1024, $"{allocated} bytes allocated over 500 frames");
        Assert.InRange(tracker.ConfirmedCount, 40, 50);
    }
}
