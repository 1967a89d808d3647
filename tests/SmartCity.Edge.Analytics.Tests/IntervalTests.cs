using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Analytics.Tests.AnalyticsTestKit;

namespace SmartCity.Edge.Analytics.Tests;

public class IntervalTests
{
    private static CameraAnalytics LineEngine() => NewEngine(Options(o => o.Lines = [HorizontalLine()]));

    /// <summary>Frames at 10 fps from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), seconds after 07:00.</summary>
    private static void Frames(CameraAnalytics engine, double from, double to)
    {
        for (int k = 0; from + (k * 0.1) < to - 1e-9; k++)
        {
            engine.Frame(from + (k * 0.1));
        }
    }

    [Fact]
    public void Intervals_align_to_wall_clock_multiples_of_their_length()
    {
        var engine = LineEngine();
        Frames(engine, 12.3, 125);
        List<IntervalSummary> s = engine.TakeAll();
        Assert.Equal(2, s.Count);
        Assert.Equal((At(0), At(60)), (s[0].Start, s[0].End));
        Assert.Equal((At(60), At(120)), (s[1].Start, s[1].End));

        // The first started 12.3 s late: partial, and says so. The second had frames throughout.
        Assert.Equal(IntervalStatus.Partial, s[0].Status);
        Assert.Contains("first 12.3 s", s[0].Reason, StringComparison.Ordinal);
        Assert.Equal(IntervalStatus.Complete, s[1].Status);
        Assert.Null(s[1].Reason);
        Assert.InRange(s[1].FramesSeen, 599, 601);
    }

    [Fact]
    public void No_data_is_kept_distinct_from_zero()
    {
        var engine = LineEngine();
        Frames(engine, 0, 60);
        Frames(engine, 180, 200);   // camera down 07:01–07:03
        List<IntervalSummary> s = engine.TakeAll();
        Assert.Equal([IntervalStatus.Complete, IntervalStatus.NoData, IntervalStatus.NoData], s.Select(x => x.Status).ToArray());

        // A complete interval with no traffic: zero, not absent.
        Assert.Equal(0, s[0].LineTotal("stop", CrossingDirection.In));
        Assert.NotNull(s[0].Lines);
        Assert.Equal(0, s[0].DetectorEvents);

        // No data: absent, not zero.
        Assert.Null(s[1].LineTotal("stop", CrossingDirection.In));
        Assert.Null(s[1].Lines);
        Assert.Null(s[1].Movements);
        Assert.Null(s[1].DetectorEvents);
        Assert.Equal(0, s[1].FramesSeen);
        Assert.Contains("no frames", s[1].Reason, StringComparison.Ordinal);
        Assert.Equal((At(60), At(120)), (s[1].Start, s[1].End));
        Assert.Equal((At(120), At(180)), (s[2].Start, s[2].End));
    }

    [Fact]
    public void Timestamps_going_backwards_mark_the_interval_partial_and_never_throw()
    {
        var engine = LineEngine();
        Frames(engine, 0, 30);
        engine.Frame(25);            // 5 s back
        Frames(engine, 25.1, 60);
        engine.Drive(1, 60, 300, 200, 300, 280, 16);
        List<IntervalSummary> s = engine.TakeAll();
        IntervalSummary first = Assert.Single(s);
        Assert.Equal(IntervalStatus.Partial, first.Status);
        Assert.Contains("backwards", first.Reason, StringComparison.Ordinal);
        Assert.Equal(1, engine.LiveLineCount(0, CrossingDirection.In, TrafficClass.Car));
    }

    [Fact]
    public void A_clock_jump_back_before_the_interval_closes_it_and_restarts_where_the_clock_is()
    {
        var engine = LineEngine();
        Frames(engine, 300, 310);
        Frames(engine, -3600, -3590);   // an hour back
        engine.Flush(At(-3540));
        List<IntervalSummary> s = engine.TakeAll();
        Assert.Equal(2, s.Count);
        Assert.Equal(At(300), s[0].Start);
        Assert.Equal(IntervalStatus.Partial, s[0].Status);
        Assert.Contains("backwards", s[0].Reason, StringComparison.Ordinal);
        Assert.Equal(At(-3600), s[1].Start);
        Assert.Contains("clock jump", s[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_longer_than_the_limit_marks_the_interval_partial()
    {
        var engine = LineEngine();
        Frames(engine, 0, 20);
        Frames(engine, 25, 61);
        IntervalSummary s = Assert.Single(engine.TakeAll());
        Assert.Equal(IntervalStatus.Partial, s.Status);
        Assert.Contains("1 gap(s)", s.Reason, StringComparison.Ordinal);
        Assert.Contains("5.1 s", s.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_dropped_frames_mark_the_interval_partial_and_all_dropped_is_no_data()
    {
        var engine = LineEngine();
        Frames(engine, 0, 30);
        engine.ReportDroppedFrames(300);
        Frames(engine, 30, 60);
        engine.Frame(60);
        engine.ReportDroppedFrames(10);
        engine.Flush(At(120));
        List<IntervalSummary> s = engine.TakeAll();
        Assert.Equal(IntervalStatus.Partial, s[0].Status);
        Assert.Equal(300, s[0].FramesDropped);
        Assert.Contains("33 % of frames dropped", s[0].Reason!.Replace("33%", "33 %", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(10, s[1].FramesDropped);
    }

    [Fact]
    public void Flushing_inside_an_interval_closes_it_as_partial_and_finishing_tracks_emits_their_movements()
    {
        var engine = NewEngine(Options(o => o.Approaches = MovementTests.FourArms()));
        double t = engine.Drive(1, 0, 300, 80, 300, 150, 7);
        t = engine.Drive(1, t, 300, 150, 300, 230, 8);
        engine.Drive(1, t, 300, 230, 300, 380, 10);   // into the south exit zone, still inside it
        engine.Flush(At(10), finishTracks: true);
        IntervalSummary s = Assert.Single(engine.TakeAll());
        Assert.Equal(IntervalStatus.Partial, s.Status);
        Assert.Contains("flushed 50 s before", s.Reason, StringComparison.Ordinal);
        Assert.Equal(1, s.MovementTotal("north", "south"));
        Assert.Null(engine.CurrentIntervalStart);
    }
}
