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

    [Fact]
    public void A_device_configuration_overrides_only_what_it_sets()
    {
        var tracker = new TrackerOptions { HighScore = 0.35f, NewTrackScore = 0.45f, LowScore = 0.1f };
        var unset = new Configuration.DetectorSettings { IntraOpThreads = 2 };
        var set = new Configuration.DetectorSettings
        {
            IntraOpThreads = 1, ScoreThreshold = 0.2f, NmsIou = 0.6f, DetailRegion = new DetailRegion(160, 0, 320, 240), DetailMaxHeight = 16,
        };
        set.ClassThresholds["car"] = 0.5f;

        DetectorOptions plain = TrackerProfile.DetectorOptions(unset, tracker);
        DetectorOptions overridden = TrackerProfile.DetectorOptions(set, tracker);

        Assert.Equal((2, 0.1f, (float?)null), (plain.IntraOpThreads, plain.ScoreThreshold, plain.NmsIou));
        Assert.Empty(plain.ClassThresholds);
        Assert.Equal(((DetailRegion?)null, DetectorOptions.DefaultDetailMaxHeight), (plain.DetailRegion, plain.DetailMaxHeight));

        // The configured score threshold is the tracker's operating point (below), not a floor: the detector still
        // hands the tracker everything down to its low threshold.
        Assert.Equal((1, 0.1f, (float?)0.6f), (overridden.IntraOpThreads, overridden.ScoreThreshold, overridden.NmsIou));
        Assert.Equal(0.5f, overridden.ClassThresholds["car"]);
        Assert.Equal((new DetailRegion(160, 0, 320, 240), 16f), (overridden.DetailRegion!.Value, overridden.DetailMaxHeight));
        Assert.True(overridden.ClassAgnosticNms);
        Assert.Equal(plain.SuppressedScore, overridden.SuppressedScore);
    }

    [Fact]
    public void A_configured_score_threshold_is_the_trackers_operating_point()
    {
        ModelManifest model = ModelManifest.Load(TestData.DemoModel);

        TrackerOptions own = TrackerProfile.For(model);
        TrackerOptions raised = TrackerProfile.For(model, operatingPoint: 0.5f);
        TrackerOptions lowered = TrackerProfile.For(model, operatingPoint: 0.2f);

        Assert.Equal(model.ScoreThreshold, own.HighScore);
        Assert.Equal((0.5f, 0.6f, 0.1f), (raised.HighScore, raised.NewTrackScore, raised.LowScore));
        Assert.Equal(0.2f, lowered.HighScore);
        Assert.InRange(lowered.NewTrackScore, 0.29f, 0.31f);
        Assert.True(lowered.LowScore < lowered.HighScore);
        raised.Validate();
        lowered.Validate();

        // An explicit Tracker section wins.
        var configured = new TrackerOptions { HighScore = 0.7f, NewTrackScore = 0.8f };
        Assert.Same(configured, TrackerProfile.For(model, configured, 0.5f));
    }
}
