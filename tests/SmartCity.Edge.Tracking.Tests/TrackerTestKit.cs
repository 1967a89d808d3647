using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>Shared helpers: detections from centre and size, a 10 fps clock.</summary>
internal static class TrackerTestKit
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 7, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => Start + TimeSpan.FromSeconds(seconds);

    public static DateTimeOffset Frame(int index, double fps = 10) => Start + TimeSpan.FromTicks((long)Math.Round(index * TimeSpan.TicksPerSecond / fps));

    public static BoxF Box(float cx, float cy, float w, float h) => new(cx - (w / 2), cy - (h / 2), cx + (w / 2), cy + (h / 2));

    public static DetectedObject Det(float cx, float cy, float w, float h, float score = 0.9f, TrafficClass cls = TrafficClass.Car) =>
        new(Box(cx, cy, w, h), score, (int)cls - 1, cls);

    public static TrackedObject Single(ByteTracker tracker)
    {
        Assert.Equal(1, tracker.Tracks.Length);
        return tracker.Tracks[0];
    }

    public static bool TryFind(ByteTracker tracker, int id, out TrackedObject track)
    {
        foreach (TrackedObject t in tracker.Tracks)
        {
            if (t.TrackId == id)
            {
                track = t;
                return true;
            }
        }

        track = default;
        return false;
    }

    /// <summary>Id of the first track of class <paramref name="cls"/> matched in the latest update, or −1.</summary>
    public static int MatchedId(ByteTracker tracker, TrafficClass cls)
    {
        foreach (TrackedObject t in tracker.Tracks)
        {
            if (t.Class == cls && t.FramesSinceUpdate == 0)
            {
                return t.TrackId;
            }
        }

        return -1;
    }

    /// <summary>
    /// A standing car (40 × 30 px at 300, 300) seen for 5 frames, then missing for <paramref name="hiddenFrames"/> frames
    /// while <paramref name="occluder"/> (when given) stays detected, then seen again where it stood: its id before and
    /// after, and whether the tracker removed the first id meanwhile.
    /// </summary>
    public static (int Before, int After, bool Removed) HideStandingCar(TrackerOptions options, DetectedObject? occluder, int hiddenFrames)
    {
        var tracker = new ByteTracker(options);
        DetectedObject car = Det(300, 300, 40, 30);
        DetectedObject[] seen = occluder is { } o ? [car, o] : [car];
        DetectedObject[] hidden = occluder is { } h ? [h] : [];
        int k = 0;
        for (; k < 5; k++)
        {
            tracker.Update(seen, Frame(k));
        }

        int before = MatchedId(tracker, TrafficClass.Car);
        bool removed = false;
        for (int end = k + hiddenFrames; k < end; k++)
        {
            tracker.Update(hidden, Frame(k));
            removed |= tracker.RemovedThisUpdate.Contains(before);
        }

        tracker.Update(seen, Frame(k));
        return (before, MatchedId(tracker, TrafficClass.Car), removed);
    }

    /// <summary>The confirmed or lost track whose box overlaps <paramref name="box"/> most, or null.</summary>
    public static TrackedObject? Nearest(ByteTracker tracker, BoxF box)
    {
        TrackedObject? best = null;
        float bestIou = 0;
        foreach (TrackedObject t in tracker.Tracks)
        {
            float iou = t.Box.IoU(box);
            if (t.State != TrackState.Tentative && iou > bestIou)
            {
                bestIou = iou;
                best = t;
            }
        }

        return best;
    }
}
