using SmartCity.Contracts;
using SmartCity.Edge.Agent.Uplink;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Vision.Frames;
using Xunit;

namespace SmartCity.Edge.Agent.Tests.Uplink;

public sealed class TrafficPayloadMapperTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 15, 0, TimeSpan.Zero);

    internal static IntervalSummary Complete() => new()
    {
        Camera = "north-arm",
        Start = Start,
        End = Start.AddMinutes(15),
        Status = IntervalStatus.Complete,
        FramesSeen = 9000,
        FramesDetected = 6120,
        FramesDropped = 3,
        Lines =
        [
            new LineCount("north-stop", CrossingDirection.In, TrafficClass.Car, 117),
            new LineCount("north-stop", CrossingDirection.In, TrafficClass.Bus, 4),
            new LineCount("north-stop", CrossingDirection.Out, TrafficClass.Bicycle, 9),
        ],
        Movements =
        [
            new MovementCount("north", "south", MovementKind.Through, TrafficClass.Car, 71),
            new MovementCount("north", "east", MovementKind.Left, TrafficClass.Car, 30),
            new MovementCount("south", "south", MovementKind.UTurn, TrafficClass.Motorcycle, 1),
        ],
        UnlistedMovements = 1,
        IncompleteMovements = 6,
        Zones = [new ZoneSummary("crossing", 0.42, 5, 38, 37, 35, 11.5, 41)],
        Speeds = [new SpeedSummary("north-stop", SpeedSite.Line, 104, 31.2, 38.9), new SpeedSummary("west", SpeedSite.Approach, 0, null, null)],
        Queues = [new QueueSummary("north", 9, 58.5, 12.25)],
        DetectorEvents = 212,
    };

    [Fact]
    public void A_complete_interval_maps_every_measure_and_passes_the_validator()
    {
        var payload = TrafficPayloadMapper.Map(Complete(), "lamp-0042", 1200);

        Assert.True(WireValidator.TryValidate("lamp-0042", payload, out string? reason), reason);
        Assert.Equal(Start.AddMinutes(15), payload.Ts);
        Assert.Equal(900, payload.IntervalS);
        Assert.Equal(TrafficIntervalStatus.Complete, payload.Status);
        Assert.Null(payload.Reason);
        Assert.Equal(9000, payload.FramesSeen);
        Assert.Equal(6120, payload.FramesDetected);
        Assert.Equal(3, payload.FramesDropped);
        Assert.Equal(
            [("north-stop", LineDirection.In, "car", 117), ("north-stop", LineDirection.In, "bus", 4), ("north-stop", LineDirection.Out, "bicycle", 9)],
            payload.Lines!.Select(l => (l.Line, l.Direction, l.Class, l.Count)));
        Assert.Equal(
            [("north", "south", TurnKind.Through, "car", 71), ("north", "east", TurnKind.Left, "car", 30), ("south", "south", TurnKind.UTurn, "motorcycle", 1)],
            payload.Movements!.Select(m => (m.From, m.To, m.Kind, m.Class, m.Count)));
        Assert.Equal(1, payload.UnlistedMovements);
        Assert.Equal(6, payload.IncompleteMovements);
        var zone = Assert.Single(payload.Zones!);
        Assert.Equal(("crossing", 0.42, 5, 38, 37, 35, 11.5, 41.0), (zone.Zone, zone.MeanOccupancy, zone.MaxOccupancy, zone.Entries, zone.Exits, zone.DwellSamples, zone.MeanDwellS!.Value, zone.MaxDwellS!.Value));
        Assert.Equal(SpeedSiteKind.Line, payload.Speeds![0].Site);
        Assert.Equal(38.9, payload.Speeds[0].P85Kmh);
        Assert.Equal(SpeedSiteKind.Approach, payload.Speeds[1].Site);
        Assert.Null(payload.Speeds[1].MeanKmh);
        var queue = Assert.Single(payload.Queues!);
        Assert.Equal(("north", 9, 58.5, 12.25), (queue.Approach, queue.MaxVehicles, queue.MaxM, queue.MeanM));
        Assert.Equal(212, payload.DetectorEvents);
    }

    [Fact]
    public void The_mapped_payload_survives_the_wire_unchanged()
    {
        var payload = TrafficPayloadMapper.Map(Complete(), "lamp-0042", 7);
        byte[] json = WireJson.Serialize(payload);
        Assert.True(WireJson.TryDeserialize(json, MessageKind.Traffic, out var back, out string? error), error);
        var t = Assert.IsType<TrafficSummaryPayload>(back);
        Assert.Equal(7, t.Seq);
        Assert.Equal(payload.Lines, t.Lines);
        Assert.Equal(payload.Queues, t.Queues);
        Assert.Contains("\"class\":\"bicycle\"", System.Text.Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Fact]
    public void No_data_stays_absent_never_zero()
    {
        var summary = new IntervalSummary
        {
            Camera = "north-arm",
            Start = Start,
            End = Start.AddSeconds(60),
            Status = IntervalStatus.NoData,
            Reason = "source offline: no frames for 60 s",
        };

        var payload = TrafficPayloadMapper.Map(summary, "lamp-0042", 3);

        Assert.True(WireValidator.TryValidate("lamp-0042", payload, out string? reason), reason);
        Assert.Equal(TrafficIntervalStatus.NoData, payload.Status);
        Assert.Equal("source offline: no frames for 60 s", payload.Reason);
        Assert.Null(payload.Lines);
        Assert.Null(payload.Movements);
        Assert.Null(payload.Zones);
        Assert.Null(payload.Queues);
        Assert.Null(payload.DetectorEvents);
        string json = System.Text.Encoding.UTF8.GetString(WireJson.Serialize(payload));
        Assert.DoesNotContain("\"lines\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"detector_events\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_street_is_zero_not_absent()
    {
        var summary = new IntervalSummary
        {
            Camera = "north-arm",
            Start = Start,
            End = Start.AddSeconds(10),
            Status = IntervalStatus.Complete,
            FramesSeen = 100,
            Lines = [],
            Movements = [],
            UnlistedMovements = 0,
            IncompleteMovements = 0,
            Zones = [],
            Speeds = [],
            Queues = [],
            DetectorEvents = 0,
        };

        var payload = TrafficPayloadMapper.Map(summary, "lamp-0042", 4);

        Assert.True(WireValidator.TryValidate("lamp-0042", payload, out string? reason), reason);
        Assert.NotNull(payload.Lines);
        Assert.Empty(payload.Lines);
        Assert.Equal(0, payload.DetectorEvents);
        Assert.Equal(10, payload.IntervalS);
    }

    [Fact]
    public void A_partial_interval_always_carries_a_reason_and_a_complete_one_never()
    {
        var partial = Complete() with { Status = IntervalStatus.Partial, Reason = null };
        var p = TrafficPayloadMapper.Map(partial, "lamp-0042", 5);
        Assert.Equal(TrafficIntervalStatus.Partial, p.Status);
        Assert.False(string.IsNullOrWhiteSpace(p.Reason));
        Assert.True(WireValidator.TryValidate("lamp-0042", p, out string? reason), reason);

        var complete = Complete() with { Reason = "leftover note" };
        var c = TrafficPayloadMapper.Map(complete, "lamp-0042", 6);
        Assert.Null(c.Reason);
        Assert.True(WireValidator.TryValidate("lamp-0042", c, out reason), reason);
    }

    [Fact]
    public void A_speed_that_is_not_a_number_travels_as_unknown()
    {
        var summary = Complete() with { Speeds = [new SpeedSummary("north-stop", SpeedSite.Line, 3, double.NaN, double.PositiveInfinity)] };
        var payload = TrafficPayloadMapper.Map(summary, "lamp-0042", 8);
        Assert.Null(payload.Speeds![0].MeanKmh);
        Assert.Null(payload.Speeds[0].P85Kmh);
        Assert.True(WireValidator.TryValidate("lamp-0042", payload, out string? reason), reason);
    }
}
