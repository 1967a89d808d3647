using SmartCity.Edge.Detection;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

public class TrackLifecycleTests
{
    [Fact]
    public void A_track_is_born_tentative_and_confirmed_after_the_confirm_hits()
    {
        var tracker = new ByteTracker(new TrackerOptions { ConfirmHits = 3 });
        tracker.Update([Det(100, 100, 40, 30)], Frame(0));
        TrackedObject t = Single(tracker);
        Assert.Equal(1, t.TrackId);
        Assert.Equal(TrackState.Tentative, t.State);
        Assert.Equal(1, t.Hits);
        Assert.Equal(0, tracker.ConfirmedCount);

        tracker.Update([Det(102, 100, 40, 30)], Frame(1));
        Assert.Equal(TrackState.Tentative, Single(tracker).State);

        tracker.Update([Det(104, 100, 40, 30)], Frame(2));
        t = Single(tracker);
        Assert.Equal(TrackState.Confirmed, t.State);
        Assert.Equal(3, t.Hits);
        Assert.Equal(1, t.TrackId);
        Assert.Equal(1, tracker.ConfirmedCount);
        Assert.Equal(1, tracker.TracksCreated);
        Assert.Equal(1, tracker.TracksConfirmed);
    }

    [Fact]
    public void Only_detections_above_the_new_track_score_start_tracks()
    {
        var tracker = new ByteTracker(new TrackerOptions { HighScore = 0.5f, NewTrackScore = 0.6f });
        tracker.Update([Det(100, 100, 40, 30, 0.55f), Det(300, 100, 40, 30, 0.3f), Det(500, 100, 40, 30, 0.65f)], Frame(0));
        TrackedObject t = Single(tracker);
        Assert.Equal(500, t.Box.CenterX, 1);
    }

    [Fact]
    public void A_small_box_needs_the_higher_score_to_start_a_track_and_extends_one_as_before()
    {
        var options = new TrackerOptions { HighScore = 0.5f, NewTrackScore = 0.6f, SmallNewTrackScore = 0.7f, SmallTrackHeight = 16, ConfirmHits = 1 };
        var tracker = new ByteTracker(options);

        // Far-field boxes 12 px tall: 0.65 would start a track for a larger box, not for these; 0.75 does.
        tracker.Update([Det(100, 50, 14, 12, 0.65f), Det(300, 50, 14, 12, 0.75f), Det(500, 200, 40, 30, 0.65f)], Frame(0));
        Assert.Equal(new[] { 300f, 500f }, tracker.Tracks.ToArray().Select(t => MathF.Round(t.Box.CenterX)).Order().ToArray());

        // Once started, the small track is extended by boxes under the birth score.
        tracker.Update([Det(302, 51, 14, 12, 0.55f), Det(502, 200, 40, 30, 0.65f)], Frame(1));
        Assert.Equal(2, tracker.Tracks.ToArray().Count(t => t.FramesSinceUpdate == 0));

        // With the small-box score at or below NewTrackScore, or no height limit, every box starts from NewTrackScore.
        foreach (TrackerOptions same in new[] { new TrackerOptions { SmallNewTrackScore = 0.5f }, new TrackerOptions { SmallTrackHeight = 0 } })
        {
            var plain = new ByteTracker(same);
            plain.Update([Det(100, 50, 14, 12, 0.65f)], Frame(0));
            Assert.Equal(1, plain.Tracks.Length);
        }
    }

    [Fact]
    public void A_tentative_track_that_misses_too_often_dies_unreported()
    {
        var tracker = new ByteTracker(new TrackerOptions { TentativeMaxMisses = 1 });
        tracker.Update([Det(100, 100, 40, 30)], Frame(0));
        tracker.Update([], Frame(1));
        Assert.Equal(1, Single(tracker).FramesSinceUpdate);
        tracker.Update([], Frame(2));
        Assert.Equal(0, tracker.Tracks.Length);
        Assert.Equal(0, tracker.RemovedThisUpdate.Length);
    }

    [Fact]
    public void A_confirmed_track_is_lost_then_removed_after_the_timeout_and_reported_once()
    {
        var tracker = new ByteTracker(new TrackerOptions { LostTimeout = TimeSpan.FromSeconds(2) });
        for (int k = 0; k < 5; k++)
        {
            tracker.Update([Det(100 + (10 * k), 100, 40, 30)], Frame(k));
        }

        int id = Single(tracker).TrackId;
        // A moving track lost for 2.0 s is still kept (the timeout is exclusive); at 2.1 s it is removed.
        for (int k = 5; k <= 24; k++)
        {
            tracker.Update([], Frame(k));
            TrackedObject t = Single(tracker);
            Assert.Equal(TrackState.Lost, t.State);
            Assert.Equal(k - 4, t.FramesSinceUpdate);
            Assert.Equal(0, tracker.RemovedThisUpdate.Length);
            Assert.Equal(0, tracker.ConfirmedCount);
        }

        tracker.Update([], Frame(25));
        Assert.Equal(0, tracker.Tracks.Length);
        Assert.Equal([id], tracker.RemovedThisUpdate.ToArray());
        tracker.Update([], Frame(26));
        Assert.Equal(0, tracker.RemovedThisUpdate.Length);
    }

    [Fact]
    public void A_track_lost_while_standing_still_is_kept_for_the_stationary_timeout_and_does_not_move()
    {
        var tracker = new ByteTracker(new TrackerOptions { LostTimeout = TimeSpan.FromSeconds(2), StationaryLostTimeout = TimeSpan.FromSeconds(5) });
        var rng = new Random(1);
        for (int k = 0; k < 20; k++)
        {
            // A queued car: jitter of a pixel or two, no motion.
            tracker.Update([Det(200 + (2 * rng.NextSingle()) - 1, 150 + (2 * rng.NextSingle()) - 1, 60, 40)], Frame(k));
        }

        TrackedObject before = Single(tracker);
        for (int k = 20; k < 70; k++)
        {
            tracker.Update([], Frame(k));
            TrackedObject t = Single(tracker);
            Assert.Equal(TrackState.Lost, t.State);
            Assert.Equal(0, t.VelocityX);
            Assert.Equal(before.Box.CenterX, t.Box.CenterX, 0.5f);
        }

        tracker.Update([], Frame(70));
        Assert.Equal(0, tracker.Tracks.Length);
        Assert.Equal([before.TrackId], tracker.RemovedThisUpdate.ToArray());
    }

    [Fact]
    public void A_lost_track_is_refound_with_its_id()
    {
        var tracker = new ByteTracker(new TrackerOptions());
        for (int k = 0; k < 5; k++)
        {
            tracker.Update([Det(100 + (5 * k), 100, 40, 30)], Frame(k));
        }

        int id = Single(tracker).TrackId;
        for (int k = 5; k < 10; k++)
        {
            tracker.Update([], Frame(k));
        }

        Assert.Equal(TrackState.Lost, Single(tracker).State);
        tracker.Update([Det(145, 100, 40, 30)], Frame(10));
        TrackedObject t = Single(tracker);
        Assert.Equal(id, t.TrackId);
        Assert.Equal(TrackState.Confirmed, t.State);
        Assert.Equal(0, t.FramesSinceUpdate);
    }

    [Fact]
    public void Ids_start_at_one_and_are_never_reused_also_after_reset()
    {
        var tracker = new ByteTracker(new TrackerOptions { ConfirmHits = 1, LostTimeout = TimeSpan.Zero, StationaryLostTimeout = TimeSpan.Zero });
        tracker.Update([Det(100, 100, 40, 30), Det(300, 100, 40, 30)], Frame(0));
        Assert.Equal([1, 2], Ids(tracker));
        tracker.Update([], Frame(1));
        Assert.Equal([1, 2], tracker.RemovedThisUpdate.ToArray());
        tracker.Update([Det(100, 100, 40, 30)], Frame(2));
        Assert.Equal([3], Ids(tracker));

        tracker.Reset();
        Assert.Equal(0, tracker.Tracks.Length);
        Assert.Equal([3], tracker.RemovedThisUpdate.ToArray());
        tracker.Update([Det(100, 100, 40, 30)], Frame(0));
        Assert.Equal([4], Ids(tracker));
        Assert.Equal(4, tracker.TracksCreated);
    }

    [Fact]
    public void Frames_without_detection_hold_the_tracks()
    {
        var tracker = new ByteTracker(new TrackerOptions { LostTimeout = TimeSpan.FromSeconds(1) });
        for (int k = 0; k < 10; k++)
        {
            tracker.Update([Det(100 + (4 * k), 100, 40, 30)], Frame(k));
        }

        TrackedObject before = Single(tracker);

        // Ten seconds of motion-gate skips: the track neither moves, ages, nor times out.
        for (int k = 10; k < 110; k++)
        {
            tracker.Update([Det(900, 900, 10, 10)], Frame(k), detected: false);
            Assert.Equal(before, Single(tracker));
            Assert.Equal(0, tracker.RemovedThisUpdate.Length);
        }

        // The next detector frame predicts only over its own interval (0.1 s), not the skipped 10 s.
        tracker.Update([Det(100 + (4 * 10), 100, 40, 30)], Frame(110));
        TrackedObject after = Single(tracker);
        Assert.Equal(before.TrackId, after.TrackId);
        Assert.Equal(TrackState.Confirmed, after.State);
        Assert.InRange(after.Box.CenterX, 138, 142);
    }

    [Fact]
    public void Irregular_and_backward_timestamps_keep_the_track()
    {
        var tracker = new ByteTracker(new TrackerOptions());
        double t = 0;
        double[] gaps = [0.1, 0.04, 0.33, 0.1, 0.5, 0.07, 0.2];
        for (int k = 0; k < 40; k++)
        {
            t += gaps[k % gaps.Length];
            tracker.Update([Det((float)(50 + (100 * t)), 200, 50, 40)], At(t));
        }

        TrackedObject tr = Single(tracker);
        Assert.Equal(1, tr.TrackId);
        Assert.InRange(tr.VelocityX, 90, 110);

        // A clock stepping back is taken as no time passing: no negative prediction, no crash.
        tracker.Update([Det((float)(50 + (100 * t)), 200, 50, 40)], At(t - 5));
        Assert.Equal(1, Single(tracker).TrackId);
        Assert.InRange(Single(tracker).Box.CenterX, (50 + (100 * t)) - 3, (50 + (100 * t)) + 3);
    }

    [Fact]
    public void Invalid_boxes_and_scores_are_ignored()
    {
        var tracker = new ByteTracker(new TrackerOptions { ConfirmHits = 1 });
        DetectedObject[] bad =
        [
            new(new(10, 10, 10, 30), 0.9f, 0, Vision.Frames.TrafficClass.Car),
            new(new(10, 10, float.NaN, 30), 0.9f, 0, Vision.Frames.TrafficClass.Car),
            new(new(10, 10, 50, 30), float.NaN, 0, Vision.Frames.TrafficClass.Car),
            new(new(50, 10, 10, 30), 0.9f, 0, Vision.Frames.TrafficClass.Car),
        ];
        tracker.Update(bad, Frame(0));
        Assert.Equal(0, tracker.Tracks.Length);
    }

    private static int[] Ids(ByteTracker tracker)
    {
        var ids = new int[tracker.Tracks.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = tracker.Tracks[i].TrackId;
        }

        return ids;
    }
}
