using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>The situations ByteTrack's design is for: occlusion, low-score recovery, class stability.</summary>
public class AssociationTests
{
    [Fact]
    public void A_stationary_car_hidden_for_a_second_by_a_passing_bus_keeps_its_id()
    {
        var tracker = new ByteTracker(new TrackerOptions());
        var rng = new Random(4);
        BoxF car = Box(320, 300, 60, 40);
        int carId = 0, busId = 0;
        int hiddenFrames = 0;
        for (int k = 0; k < 90; k++)
        {
            // The bus (200×110) drives left to right at 150 px/s in front of the waiting car.
            float busX = -150 + (15 * k);
            BoxF bus = Box(busX, 290, 200, 110);
            var dets = new List<DetectedObject>
            {
                new(Jitter(bus, rng), 0.95f, 5, TrafficClass.Bus),
            };

            // The car's visible share decides whether and how confidently it is detected.
            float covered = Intersection(car, bus) / car.Area;
            if (covered < 0.5f)
            {
                dets.Add(new(Jitter(car, rng), 0.9f, 2, TrafficClass.Car));
            }
            else if (covered < 0.8f)
            {
                dets.Add(new(Jitter(car, rng), 0.3f, 2, TrafficClass.Car));
            }
            else
            {
                hiddenFrames++;
            }

            tracker.Update(dets.ToArray(), Frame(k));
            TrackedObject? c = Nearest(tracker, car);
            if (k == 10)
            {
                carId = c!.Value.TrackId;
            }
            else if (k > 10 && covered < 0.5f && busX > 600)
            {
                Assert.Equal(carId, c!.Value.TrackId);
                Assert.Equal(TrackState.Confirmed, c.Value.State);
            }

            if (busX is > 0 and < 100 && busId == 0 && TryBus(tracker, out int id))
            {
                busId = id;
            }
        }

        // Hidden for about a second (10 fps), partly covered (low score only) for a few frames either side.
        Assert.InRange(hiddenFrames, 9, 13);
        Assert.NotEqual(0, carId);
        Assert.NotEqual(carId, busId);
        Assert.True(TryFind(tracker, carId, out TrackedObject final));
        Assert.Equal(TrafficClass.Car, final.Class);
        Assert.InRange(final.Box.CenterX, 315, 325);
    }

    [Fact]
    public void Low_score_detections_keep_a_tracked_track_but_do_not_start_one()
    {
        var tracker = new ByteTracker(new TrackerOptions());
        for (int k = 0; k < 5; k++)
        {
            tracker.Update([Det(100 + (5 * k), 200, 50, 40, 0.9f)], Frame(k));
        }

        int id = Single(tracker).TrackId;

        // Partly occluded: the detector keeps seeing the car, at 0.2–0.4.
        for (int k = 5; k < 25; k++)
        {
            tracker.Update([Det(100 + (5 * k), 200, 50, 40, 0.2f + (0.01f * (k - 5)))], Frame(k));
            TrackedObject t = Single(tracker);
            Assert.Equal(id, t.TrackId);
            Assert.Equal(TrackState.Confirmed, t.State);
            Assert.Equal(0, t.FramesSinceUpdate);
        }

        // A low-score detection alone never starts a track.
        tracker.Update([Det(220, 200, 50, 40, 0.3f), Det(500, 400, 40, 40, 0.45f)], Frame(25));
        Assert.Equal(id, Single(tracker).TrackId);

        // ByteTrack's second stage: without it (LowScore = HighScore) the same sequence loses the track.
        var strict = new ByteTracker(new TrackerOptions { LowScore = 0.5f });
        for (int k = 0; k < 5; k++)
        {
            strict.Update([Det(100 + (5 * k), 200, 50, 40, 0.9f)], Frame(k));
        }

        strict.Update([Det(125, 200, 50, 40, 0.3f)], Frame(5));
        Assert.Equal(TrackState.Lost, Single(strict).State);
    }

    [Fact]
    public void The_class_is_a_score_weighted_vote_not_the_latest_detection()
    {
        var tracker = new ByteTracker(new TrackerOptions());
        for (int k = 0; k < 30; k++)
        {
            // Every fifth frame the detector calls the car a truck, twice with a high score.
            TrafficClass cls = k % 5 == 4 ? TrafficClass.Truck : TrafficClass.Car;
            float score = cls == TrafficClass.Truck ? 0.95f : 0.7f;
            tracker.Update([Det(100 + (3 * k), 200, 60, 40, score, cls)], Frame(k));
            if (k >= 2)
            {
                Assert.Equal(TrafficClass.Car, Single(tracker).Class);
            }
        }

        // A track that really is a bus, first seen as a truck for two frames, becomes a bus.
        var second = new ByteTracker(new TrackerOptions());
        for (int k = 0; k < 10; k++)
        {
            TrafficClass cls = k < 2 ? TrafficClass.Truck : TrafficClass.Bus;
            second.Update([Det(300, 200, 120, 80, 0.8f, cls)], Frame(k));
        }

        Assert.Equal(TrafficClass.Bus, Single(second).Class);
    }

    [Fact]
    public void Class_aware_matching_keeps_classes_apart()
    {
        // A pedestrian walks through the spot a car just left; agnostic matching may hand it the car's track.
        foreach (bool aware in new[] { true, false })
        {
            var tracker = new ByteTracker(new TrackerOptions { ClassAware = aware, ConfirmHits = 1 });
            tracker.Update([Det(100, 100, 40, 40, 0.9f, TrafficClass.Car)], Frame(0));
            tracker.Update([Det(102, 100, 40, 40, 0.9f, TrafficClass.Pedestrian)], Frame(1));
            int ids = 0;
            foreach (TrackedObject t in tracker.Tracks)
            {
                ids = Math.Max(ids, t.TrackId);
            }

            Assert.Equal(aware ? 2 : 1, ids);
        }
    }

    private static bool TryBus(ByteTracker tracker, out int id)
    {
        foreach (TrackedObject t in tracker.Tracks)
        {
            if (t.Class == TrafficClass.Bus && t.State == TrackState.Confirmed)
            {
                id = t.TrackId;
                return true;
            }
        }

        id = 0;
        return false;
    }

    private static BoxF Jitter(BoxF b, Random rng) =>
        new(b.X1 + rng.NextSingle() - 0.5f, b.Y1 + rng.NextSingle() - 0.5f, b.X2 + rng.NextSingle() - 0.5f, b.Y2 + rng.NextSingle() - 0.5f);

    private static float Intersection(BoxF a, BoxF b) =>
        MathF.Max(0, MathF.Min(a.X2, b.X2) - MathF.Max(a.X1, b.X1)) * MathF.Max(0, MathF.Min(a.Y2, b.Y2) - MathF.Max(a.Y1, b.Y1));
}
