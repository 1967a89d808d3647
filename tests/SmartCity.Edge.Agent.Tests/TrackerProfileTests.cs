using SmartCity.Edge.Agent.Pipeline;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Tracking;
using Xunit;

namespace SmartCity.Edge.Agent.Tests;

public class TrackerProfileTests
{
    [Fact]
    public void Detector_keeps_what_the_second_association_needs_and_no_more()
    {
        var tracker = new TrackerOptions { HighScore = 0.35f, NewTrackScore = 0.45f, LowScore = 0.1f };

        DetectorOptions options = TrackerProfile.DetectorOptions(1, tracker);

        Assert.Equal(0.1f, options.ScoreThreshold);
        Assert.True(options.ClassAgnosticNms);

        // Boxes NMS suppressed next to a kept one come at a score the tracker takes as low: they can extend a
        // track in the second association but never start one.
        Assert.NotNull(options.SuppressedScore);
        Assert.InRange(options.SuppressedScore.Value, tracker.LowScore, tracker.HighScore - 0.01f);
        Assert.Equal(NonMaxSuppression.DefaultSuppressedMaxIou, options.SuppressedMaxIou);
        options.Validate();
    }

    [Fact]
    public void Without_a_low_band_suppressed_boxes_stay_suppressed()
    {
        // A configuration whose low and high thresholds meet has no score a suppressed box could take without
        // starting tracks.
        var tracker = new TrackerOptions { HighScore = 0.5f, NewTrackScore = 0.6f, LowScore = 0.5f };

        Assert.Null(TrackerProfile.DetectorOptions(1, tracker).SuppressedScore);
    }
}
