using SmartCity.Edge.Analytics.Configuration;
using SmartCity.Edge.Analytics.Summaries;
using Xunit;
using static SmartCity.Edge.Analytics.Tests.AnalyticsTestKit;

namespace SmartCity.Edge.Analytics.Tests;

public class ZoneTests
{
    private static ZoneOptions Box(int? channel = 5) => new()
    {
        Name = "bay", Polygon = [[200, 200], [400, 200], [400, 300], [200, 300]], DetectorChannel = channel,
    };

    [Fact]
    public void Occupancy_entries_exits_and_dwell_over_an_interval()
    {
        var engine = NewEngine(Options(o => o.Zones = [Box()]));

        // 10 frames: object 1 inside for frames 0–5 (enters at 0.0 s, leaves at 0.6 s), object 2 inside for frames 2–9.
        for (int k = 0; k < 10; k++)
        {
            var tracks = new List<Tracking.TrackedObject>
            {
                Track(1, k <= 5 ? 300 : 500, 250),
                Track(2, k >= 2 ? 250 : 100, 250),
            };
            engine.Update(tracks.ToArray(), [], At(k * 0.1));
        }

        engine.Update([], [2], At(1.0));
        engine.Flush(At(60));
        ZoneSummary z = Assert.Single(Assert.Single(engine.TakeAll()).Zones!);
        Assert.Equal(2, z.Entries);
        Assert.Equal(2, z.Exits);
        Assert.Equal(2, z.MaxOccupancy);

        // Frames 0–1: 1 object, 2–5: 2, 6–9: 1, the removal frame: 0 → (2 + 8 + 4 + 0) / 11.
        Assert.Equal(14.0 / 11, z.MeanOccupancy, 6);
        Assert.Equal(2, z.DwellSamples);

        // Object 1 dwelt 0.6 s; object 2 was last seen inside at 0.9 s after entering at 0.2 s: 0.7 s.
        Assert.Equal(0.65, z.MeanDwellSeconds!.Value, 6);
        Assert.Equal(0.7, z.MaxDwellSeconds!.Value, 6);
    }

    [Fact]
    public void Virtual_detector_switches_on_with_the_first_object_and_off_with_the_last_as_82_and_81()
    {
        var engine = NewEngine(Options(o => o.Zones = [Box(channel: 7)]));
        engine.Frame(0.0, Track(1, 100, 250));
        engine.Frame(0.1, Track(1, 300, 250));                      // 1 enters: on
        engine.Frame(0.2, Track(1, 300, 250), Track(2, 250, 250));  // 2 enters: still on
        engine.Frame(0.3, Track(1, 500, 250), Track(2, 250, 250));  // 1 leaves: still on
        engine.Frame(0.4, Track(1, 500, 250), Track(2, 100, 250));  // 2 leaves: off
        engine.Frame(0.5, Track(1, 500, 250), Track(2, 260, 250));  // 2 back: on
        engine.Update([Track(1, 500, 250)], [2], At(0.6));          // 2 removed inside: off

        var events = new DetectorEvent[10];
        int n = engine.TakeDetectorEvents(events);
        Assert.Equal(4, n);
        Assert.Equal(
            [AtspmEventCode.DetectorOn, AtspmEventCode.DetectorOff, AtspmEventCode.DetectorOn, AtspmEventCode.DetectorOff],
            events[..4].Select(e => e.Code).ToArray());
        Assert.Equal([82, 81, 82, 81], events[..4].Select(e => (int)e.Code).ToArray());
        Assert.Equal([At(0.1), At(0.4), At(0.5), At(0.6)], events[..4].Select(e => e.Timestamp).ToArray());
        Assert.All(events[..4], e => Assert.Equal(7, e.Channel));
        Assert.Equal(0, engine.LiveZoneOccupancy(0));

        engine.Flush(At(60));
        Assert.Equal(4, Assert.Single(engine.TakeAll()).DetectorEvents);
    }

    [Fact]
    public void A_zone_without_a_channel_emits_no_detector_events()
    {
        var engine = NewEngine(Options(o => o.Zones = [Box(channel: null)]));
        engine.Frame(0.0, Track(1, 300, 250));
        engine.Frame(0.1, Track(1, 500, 250));
        Assert.Equal(0, engine.TakeDetectorEvents(new DetectorEvent[4]));
    }
}
