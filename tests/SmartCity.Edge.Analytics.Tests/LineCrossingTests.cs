using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Tracking;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Analytics.Tests.AnalyticsTestKit;

namespace SmartCity.Edge.Analytics.Tests;

public class LineCrossingTests
{
    private static IntervalSummary Close(CameraAnalytics engine)
    {
        engine.Flush(At(60));
        return Assert.Single(engine.TakeAll());
    }

    [Fact]
    public void Crossing_along_the_in_vector_counts_in_and_against_it_counts_out()
    {
        var engine = NewEngine(Options(o => o.Lines = [HorizontalLine()]));
        engine.Drive(1, 0, 300, 200, 300, 280, 16);
        engine.Drive(2, 5, 200, 300, 200, 180, 16);
        IntervalSummary s = Close(engine);
        Assert.Equal(1, s.LineTotal("stop", CrossingDirection.In));
        Assert.Equal(1, s.LineTotal("stop", CrossingDirection.Out));
        Assert.Equal(1, s.LineTotal("stop", CrossingDirection.In, TrafficClass.Car));
    }

    [Fact]
    public void The_in_vector_decides_the_direction_not_the_order_of_the_end_points()
    {
        // Same line drawn the other way round, "in" now pointing up the image: the downward track is "out".
        var line = new CountingLineOptions { Name = "stop", Start = [500, 240], End = [100, 240], In = [0.2f, -1] };
        var engine = NewEngine(Options(o => o.Lines = [line]));
        engine.Drive(1, 0, 300, 200, 300, 280, 16);
        IntervalSummary s = Close(engine);
        Assert.Equal(0, s.LineTotal("stop", CrossingDirection.In));
        Assert.Equal(1, s.LineTotal("stop", CrossingDirection.Out));
    }

    [Fact]
    public void A_box_jittering_on_the_line_counts_once()
    {
        var engine = NewEngine(Options(o => o.Lines = [HorizontalLine(hysteresis: 4)]));
        double t = engine.Drive(1, 0, 300, 200, 300, 236, 6);
        float[] jitter = [237, 243, 238, 242, 236.5f, 243.5f, 239, 241];
        for (int k = 0; k < 40; k++)
        {
            engine.Frame(t, Track(1, 300, jitter[k % jitter.Length]));
            t += 0.1;
        }

        engine.Drive(1, t, 300, 243, 300, 290, 5);
        IntervalSummary s = Close(engine);
        Assert.Equal(1, s.LineTotal("stop", CrossingDirection.In));
        Assert.Equal(0, s.LineTotal("stop", CrossingDirection.Out));
    }

    [Fact]
    public void A_track_that_crosses_turns_back_and_crosses_again_counts_at_most_once_per_direction()
    {
        var engine = NewEngine(Options(o => o.Lines = [HorizontalLine()]));
        double t = engine.Drive(7, 0, 300, 200, 300, 280, 8);
        t = engine.Drive(7, t, 300, 280, 300, 200, 8);
        t = engine.Drive(7, t, 300, 200, 300, 280, 8);
        engine.Drive(7, t, 300, 280, 300, 200, 8);
        IntervalSummary s = Close(engine);
        Assert.Equal(1, s.LineTotal("stop", CrossingDirection.In));
        Assert.Equal(1, s.LineTotal("stop", CrossingDirection.Out));
    }

    [Fact]
    public void Passing_beside_the_end_of_the_line_does_not_count()
    {
        var engine = NewEngine(Options(o => o.Lines = [HorizontalLine()]));
        engine.Drive(1, 0, 560, 200, 560, 280, 16);
        Assert.Equal(0, Close(engine).LineTotal("stop", CrossingDirection.In));
    }

    [Fact]
    public void Bottom_centre_anchor_counts_a_box_whose_centre_has_not_crossed()
    {
        var engine = NewEngine(Options(o => o.Lines =
            [HorizontalLine("bottom"), HorizontalLine("centre", anchor: LineAnchor.Centre)]));

        // Box 60 px tall stops with its bottom at y = 260 (beyond the line) and its centre at 230 (before it).
        engine.Drive(1, 0, 300, 180, 300, 260, 16, h: 60);
        IntervalSummary s = Close(engine);
        Assert.Equal(1, s.LineTotal("bottom", CrossingDirection.In));
        Assert.Equal(0, s.LineTotal("centre", CrossingDirection.In));
    }

    [Fact]
    public void Centre_anchor_counts_when_the_centre_crosses()
    {
        var engine = NewEngine(Options(o => o.Lines = [HorizontalLine("centre", anchor: LineAnchor.Centre)]));
        engine.Drive(1, 0, 300, 180, 300, 320, 16, h: 60);
        Assert.Equal(1, Close(engine).LineTotal("centre", CrossingDirection.In));
    }

    [Fact]
    public void A_class_filter_counts_only_its_classes()
    {
        CountingLineOptions line = HorizontalLine();
        line.Classes = [TrafficClass.Bus];
        var engine = NewEngine(Options(o => o.Lines = [line]));
        engine.Drive(1, 0, 300, 200, 300, 280, 16, TrafficClass.Car);
        engine.Drive(2, 3, 250, 200, 250, 280, 16, TrafficClass.Bus);
        IntervalSummary s = Close(engine);
        Assert.Equal(0, s.LineTotal("stop", CrossingDirection.In, TrafficClass.Car));
        Assert.Equal(1, s.LineTotal("stop", CrossingDirection.In, TrafficClass.Bus));
    }

    [Fact]
    public void A_line_counting_one_direction_neither_counts_nor_reports_the_other()
    {
        CountingLineOptions line = HorizontalLine();
        line.Directions = [CrossingDirection.In];
        var engine = NewEngine(Options(o => o.Lines = [line]));
        engine.Drive(1, 0, 300, 200, 300, 280, 16);
        engine.Drive(2, 3, 250, 280, 250, 200, 16);
        Span<CrossingEvent> events = new CrossingEvent[4];
        Assert.Equal(1, engine.TakeCrossingEvents(events));
        Assert.Equal((1, CrossingDirection.In), (events[0].TrackId, events[0].Direction));
        IntervalSummary s = Close(engine);
        Assert.Equal(1, s.LineTotal("stop", CrossingDirection.In));
        Assert.Equal(0, s.LineTotal("stop", CrossingDirection.Out));
    }

    /// <summary>
    /// A car whose tracker class still reads "motorcycle" as it crosses: it came into the picture as a strip (or stood
    /// half hidden by the car in front), 16 frames of a 12 × 30 px "motorcycle", then 8 frames whole, 40 × 30 px, as a
    /// car. It crosses in its sixth whole frame and is counted in the journey's class (by score × area, 6 × 1200 >
    /// 16 × 360), as its movement would be, not in the tracker's.
    /// </summary>
    [Fact]
    public void A_crossing_is_counted_in_the_journeys_class_not_the_trackers()
    {
        var engine = NewEngine(Options(o => o.Lines = [HorizontalLine()]));
        double t = engine.Drive(7, 0, 300, 150, 300, 190, 15, TrafficClass.Motorcycle, w: 12, detected: TrafficClass.Motorcycle);
        engine.Drive(7, t, 300, 200, 300, 270, 7, TrafficClass.Motorcycle, detected: TrafficClass.Car);
        Span<CrossingEvent> events = new CrossingEvent[4];
        Assert.Equal(1, engine.TakeCrossingEvents(events));
        Assert.Equal(TrafficClass.Car, events[0].Class);
        IntervalSummary s = Close(engine);
        Assert.Equal(1, s.LineTotal("stop", CrossingDirection.In, TrafficClass.Car));
        Assert.Equal(0, s.LineTotal("stop", CrossingDirection.In, TrafficClass.Motorcycle));
    }

    [Fact]
    public void A_class_filter_sees_the_journeys_class()
    {
        CountingLineOptions line = HorizontalLine();
        line.Classes = [TrafficClass.Car];
        var engine = NewEngine(Options(o => o.Lines = [line]));
        engine.Drive(1, 0, 300, 200, 300, 280, 16, TrafficClass.Truck, detected: TrafficClass.Car);
        Assert.Equal(1, Close(engine).LineTotal("stop", CrossingDirection.In, TrafficClass.Car));
    }

    [Fact]
    public void Tentative_and_lost_tracks_and_skipped_detector_frames_do_not_count()
    {
        var engine = NewEngine(Options(o => o.Lines = [HorizontalLine()]));
        double t = 0;
        for (int k = 0; k <= 16; k++, t += 0.1)
        {
            float y = 200 + (5 * k);
            engine.Update([Track(1, 300, y, state: TrackState.Tentative), Track(2, 200, y, state: TrackState.Lost, framesSinceUpdate: 2)], [], At(t));
            engine.Update([Track(3, 400, y)], [], At(t + 0.05), detected: false);
        }

        Assert.Equal(0, Close(engine).LineTotal("stop", CrossingDirection.In));
    }

    [Fact]
    public void Each_crossing_is_kept_as_an_event_with_track_line_direction_and_class()
    {
        var engine = NewEngine(Options(o => o.Lines = [HorizontalLine()]));
        engine.Drive(42, 0, 300, 200, 300, 280, 16, TrafficClass.Truck);
        Span<CrossingEvent> events = new CrossingEvent[8];
        int n = engine.TakeCrossingEvents(events);
        Assert.Equal(1, n);
        Assert.Equal(42, events[0].TrackId);
        Assert.Equal("stop", events[0].Line);
        Assert.Equal(CrossingDirection.In, events[0].Direction);
        Assert.Equal(TrafficClass.Truck, events[0].Class);
        Assert.True(float.IsNaN(events[0].SpeedKmh), "no calibration, so no speed");
        Assert.Equal(0, engine.TakeCrossingEvents(events));
    }

    [Fact]
    public void The_live_view_shows_the_current_intervals_counts()
    {
        var engine = NewEngine(Options(o => o.Lines = [HorizontalLine()]));
        engine.Drive(1, 0, 300, 200, 300, 280, 16);
        Assert.Equal(1, engine.LiveLineCount(0, CrossingDirection.In, TrafficClass.Car));
        Assert.Equal(At(0), engine.CurrentIntervalStart);
        engine.Frame(61);
        Assert.Equal(0, engine.LiveLineCount(0, CrossingDirection.In, TrafficClass.Car));
    }
}
