using SmartCity.Edge.Detection;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Tracking.Tests.TrackerTestKit;

namespace SmartCity.Edge.Tracking.Tests;

/// <summary>The optional terms of the association cost: centre distance (Distance-IoU) and a class-mismatch cost.</summary>
public class CostTermsTests
{
    /// <summary>A confirmed, standing track at <paramref name="box"/>, then one frame with <paramref name="detections"/>; returns the box of the track started from the detection the track did not take.</summary>
    private static BoxF Leftover(TrackerOptions options, DetectedObject seed, params DetectedObject[] detections)
    {
        options.MotionGate = 0; // the test is about the cost, not the gate
        var tracker = new ByteTracker(options);
        for (int k = 0; k < 5; k++)
        {
            tracker.Update([seed], Frame(k));
        }

        int id = Single(tracker).TrackId;
        tracker.Update(detections, Frame(5));
        Assert.Equal(2, tracker.Tracks.Length);
        Assert.True(TryFind(tracker, id, out TrackedObject kept));
        Assert.Equal(TrackState.Confirmed, kept.State);
        foreach (TrackedObject t in tracker.Tracks)
        {
            if (t.TrackId != id)
            {
                return t.Box;
            }
        }

        throw new InvalidOperationException("no new track");
    }

    [Theory]
    [InlineData(0f, false)]
    [InlineData(1f, true)]
    public void With_the_centre_distance_term_the_centred_detection_wins_over_a_slightly_better_overlapping_offset_one(float weight, bool centredTaken)
    {
        // Offset by a third of the width: IoU 0.5. Centred but 1.44× larger: IoU 0.48. Plain IoU takes the offset one;
        // DIoU adds 20² / (80² + 40²) = 0.05 to it and nothing to the centred one.
        DetectedObject offset = Det(120, 100, 60, 40), centred = Det(100, 100, 60 * 1.4434f, 40 * 1.4434f);
        BoxF started = Leftover(new TrackerOptions { CentreDistanceWeight = weight }, Det(100, 100, 60, 40), offset, centred);
        Assert.Equal(centredTaken ? offset.Box : centred.Box, started);
    }

    [Theory]
    [InlineData(0f, false)]
    [InlineData(0.15f, true)]
    public void With_a_class_mismatch_cost_a_truck_track_takes_the_truck_over_a_car_overlapping_it_a_little_more(float cost, bool truckTaken)
    {
        DetectedObject car = Det(103, 100, 60, 40, cls: TrafficClass.Car), truck = Det(96, 100, 60, 40, cls: TrafficClass.Truck);
        BoxF started = Leftover(new TrackerOptions { ClassMismatchCost = cost }, Det(100, 100, 60, 40, cls: TrafficClass.Truck), car, truck);
        Assert.Equal(truckTaken ? car.Box : truck.Box, started);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_pair_whose_extra_terms_take_its_cost_past_the_limit_is_not_matched_whatever_the_order_of_the_detections(bool farFirst)
    {
        // The truck detection lies on the car track (IoU 1) and passes both gates, but its class costs 1 more: 1 in all,
        // past the 0.8 limit. The one far away passes no gate. Clamped to the limit, the pair tied with leaving the track
        // unmatched, and the solver took one or the other depending on the order of the detections.
        var tracker = new ByteTracker(new TrackerOptions { ClassMismatchCost = 1 });
        DetectedObject car = Det(100, 100, 60, 40), truck = Det(100, 100, 60, 40, cls: TrafficClass.Truck), far = Det(400, 300, 60, 40);
        for (int k = 0; k < 5; k++)
        {
            tracker.Update([car], Frame(k));
        }

        int id = Single(tracker).TrackId;
        tracker.Update(farFirst ? new[] { far, truck } : new[] { truck, far }, Frame(5));
        Assert.True(TryFind(tracker, id, out TrackedObject kept));
        Assert.Equal(TrackState.Lost, kept.State);
    }

    [Fact]
    public void The_centre_penalty_is_the_squared_centre_distance_over_the_squared_enclosing_diagonal()
    {
        BoxF a = Box(100, 100, 60, 40), b = Box(120, 100, 60, 40);
        Assert.Equal(400f / ((80 * 80) + (40 * 40)), BoxOverlap.CentrePenalty(a, b), 6);
        Assert.Equal(0f, BoxOverlap.CentrePenalty(a, a));
    }

    [Theory]
    [InlineData(nameof(TrackerOptions.CentreDistanceWeight), -0.1f)]
    [InlineData(nameof(TrackerOptions.ClassMismatchCost), 1.5f)]
    [InlineData(nameof(TrackerOptions.AppearanceWeight), -1f)]
    [InlineData(nameof(TrackerOptions.AppearanceWeight), float.NaN)]
    [InlineData(nameof(TrackerOptions.ReidentifyDistance), 1.5f)]
    [InlineData(nameof(TrackerOptions.ReidentifyDistance), float.NaN)]
    [InlineData(nameof(TrackerOptions.ReidentifyRadius), 0f)]
    [InlineData(nameof(TrackerOptions.ReidentifyRadius), float.PositiveInfinity)]
    public void Out_of_range_cost_terms_are_refused_naming_the_key(string key, float value)
    {
        var o = new TrackerOptions();
        typeof(TrackerOptions).GetProperty(key)!.SetValue(o, value);
        var ex = Assert.Throws<ArgumentException>(() => o.Validate());
        Assert.StartsWith($"Tracker:{key} ", ex.Message, StringComparison.Ordinal);
    }
}
