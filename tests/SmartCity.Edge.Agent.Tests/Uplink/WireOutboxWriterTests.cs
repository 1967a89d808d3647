using SmartCity.Contracts;
using SmartCity.Edge.Agent.Uplink;
using SmartCity.Edge.Uplink.Outbox;
using Xunit;

namespace SmartCity.Edge.Agent.Tests.Uplink;

public sealed class WireOutboxWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("smartcity-writer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_payload_carries_the_seq_the_outbox_gave_its_record()
    {
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _dir });
        var writer = new WireOutboxWriter(outbox, "lamp-0042");

        long a = writer.TryAppend(TrafficPayloadMapper.Map(TrafficPayloadMapperTests.Complete(), "lamp-0042", 0), out _);
        long b = writer.TryAppend(AirPayloadMapper.Map(AirPayloadMapperTests.Realistic(), "lamp-0042", 0), out _);
        long c = writer.TryAppend(TrafficPayloadMapper.Map(TrafficPayloadMapperTests.Complete(), "lamp-0042", 0), out _);
        outbox.Flush();

        Assert.Equal([1L, 2L, 3L], [a, b, c]);
        var records = outbox.ReadFrom(0);
        Assert.Equal(3, records.Count);
        Assert.Equal(["smartcity/v1/lamp-0042/traffic", "smartcity/v1/lamp-0042/air", "smartcity/v1/lamp-0042/traffic"], records.Select(r => r.Topic));
        foreach (var record in records)
        {
            Assert.True(Topics.TryParse(record.Topic, out string device, out var kind, out _));
            Assert.True(WireJson.TryDeserialize(record.Payload.Span, kind, out var payload, out string? error), error);
            Assert.Equal(record.Seq, payload.Seq);
            Assert.True(WireValidator.TryValidate(device, payload, out string? reason), reason);
        }

        Assert.Equal((3L, 0L), (writer.Appended, writer.Refused));
    }

    [Fact]
    public void An_invalid_payload_is_refused_with_its_reason_and_consumes_no_seq()
    {
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _dir });
        var writer = new WireOutboxWriter(outbox, "lamp-0042");
        var bad = TrafficPayloadMapper.Map(TrafficPayloadMapperTests.Complete(), "lamp-0042", 0) with { Camera = "" };
        var foreign = TrafficPayloadMapper.Map(TrafficPayloadMapperTests.Complete(), "lamp-0099", 0);

        Assert.Equal(-1, writer.TryAppend(bad, out string? error));
        Assert.Contains("camera", error, StringComparison.Ordinal);
        Assert.Equal(-1, writer.TryAppend(foreign, out error));
        Assert.Contains("lamp-0099", error, StringComparison.Ordinal);
        Assert.Equal(1, writer.TryAppend(TrafficPayloadMapper.Map(TrafficPayloadMapperTests.Complete(), "lamp-0042", 0), out _));
        Assert.Equal((1L, 2L), (writer.Appended, writer.Refused));
        Assert.NotNull(writer.LastRefusal);
    }

    [Fact]
    public void A_payload_over_the_wire_size_limit_is_refused_not_stored()
    {
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _dir });
        var writer = new WireOutboxWriter(outbox, "lamp-0042");
        var crossings = Enumerable.Range(0, 4000)
            .Select(i => new CrossingEntry { At = DateTimeOffset.UtcNow, TrackId = i, Line = new string('l', 100), Direction = LineDirection.In, Class = "car", SpeedKmh = 30 })
            .ToArray();
        var huge = new CrossingEventsPayload { Device = "lamp-0042", Seq = 0, Ts = DateTimeOffset.UtcNow, IntervalS = 60, Camera = "cam", Crossings = crossings };

        Assert.Equal(-1, writer.TryAppend(huge, out string? error));
        Assert.NotNull(error);
        Assert.Equal(0, outbox.GetStats().LastSeq);
        Assert.Equal(1, writer.TryAppend(TrafficPayloadMapper.Map(TrafficPayloadMapperTests.Complete(), "lamp-0042", 0), out _));
    }
}
