using System.Text;
using System.Text.Json;
using Xunit;

namespace SmartCity.Contracts.Tests;

public sealed class WireJsonRoundTripTests
{
    public static TheoryData<MessageKind> AllKinds => new(Enum.GetValues<MessageKind>());

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void Every_payload_round_trips_to_the_same_bytes_and_envelope(MessageKind kind)
    {
        WirePayload original = WireExamples.For(kind);

        byte[] first = WireJson.Serialize(original);
        Assert.True(WireJson.TryDeserialize(first, kind, out WirePayload? parsed, out string? error), error);
        byte[] second = WireJson.Serialize(parsed);

        Assert.Equal(original.GetType(), parsed.GetType());
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(original.ToEnvelope(), parsed.ToEnvelope());
        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
    }

    [Fact]
    public void Traffic_body_survives_field_by_field()
    {
        TrafficSummaryPayload original = WireExamples.Traffic();

        Assert.True(WireJson.TryDeserialize(WireJson.Serialize(original), out TrafficSummaryPayload? parsed, out string? error), error);

        Assert.Equal(original.Camera, parsed.Camera);
        Assert.Equal(original.Status, parsed.Status);
        Assert.Equal(original.FramesSeen, parsed.FramesSeen);
        Assert.Equal(original.FramesDetected, parsed.FramesDetected);
        Assert.Equal(original.FramesDropped, parsed.FramesDropped);
        Assert.Equal(original.Lines!, parsed.Lines!);
        Assert.Equal(original.Movements!, parsed.Movements!);
        Assert.Equal(original.Zones!, parsed.Zones!);
        Assert.Equal(original.Speeds!, parsed.Speeds!);
        Assert.Equal(original.Queues!, parsed.Queues!);
        Assert.Equal(original.UnlistedMovements, parsed.UnlistedMovements);
        Assert.Equal(original.IncompleteMovements, parsed.IncompleteMovements);
        Assert.Equal(original.DetectorEvents, parsed.DetectorEvents);
    }

    [Fact]
    public void Air_health_events_and_command_bodies_survive_field_by_field()
    {
        AirSummaryPayload air = WireExamples.Air();
        Assert.True(WireJson.TryDeserialize(WireJson.Serialize(air), out AirSummaryPayload? airBack, out string? error), error);
        Assert.Equal(air.Quantities.Count, airBack.Quantities.Count);
        for (int i = 0; i < air.Quantities.Count; i++)
        {
            Assert.Equal(air.Quantities[i].Flags!, airBack.Quantities[i].Flags!);
            Assert.Equal(air.Quantities[i] with { Flags = null }, airBack.Quantities[i] with { Flags = null });
        }

        HealthPayload health = WireExamples.Health();
        Assert.True(WireJson.TryDeserialize(WireJson.Serialize(health), out HealthPayload? healthBack, out error), error);
        Assert.Equal(health.Cameras, healthBack.Cameras);
        Assert.Equal(health with { Cameras = [] }, healthBack with { Cameras = [] });

        CrossingEventsPayload events = WireExamples.Events();
        Assert.True(WireJson.TryDeserialize(WireJson.Serialize(events), out CrossingEventsPayload? eventsBack, out error), error);
        Assert.Equal(events.Crossings, eventsBack.Crossings);
        Assert.Null(eventsBack.Crossings[1].SpeedKmh);

        CommandPayload command = WireExamples.Command();
        Assert.True(WireJson.TryDeserialize(WireJson.Serialize(command), out CommandPayload? commandBack, out error), error);
        Assert.Equal(command.Args!, commandBack.Args!);

        StatusPayload status = WireExamples.Status();
        Assert.True(WireJson.TryDeserialize(WireJson.Serialize(status), out StatusPayload? statusBack, out error), error);
        Assert.Equal(status, statusBack);

        CommandResultPayload result = WireExamples.CommandResult() with { Outcome = CommandOutcome.UnknownCommand, Message = "no such command" };
        Assert.True(WireJson.TryDeserialize(WireJson.Serialize(result), out CommandResultPayload? resultBack, out error), error);
        Assert.Equal(result, resultBack);
    }

    [Fact]
    public void No_data_interval_keeps_measures_absent_not_zero()
    {
        byte[] json = WireJson.Serialize(WireExamples.TrafficNoData());
        using JsonDocument doc = JsonDocument.Parse(json);

        Assert.Equal("no_data", doc.RootElement.GetProperty("status").GetString());
        foreach (string member in new[] { "lines", "movements", "zones", "speeds", "queues", "unlisted_movements", "incomplete_movements", "detector_events" })
        {
            Assert.False(doc.RootElement.TryGetProperty(member, out _), member);
        }

        Assert.True(WireJson.TryDeserialize(json, out TrafficSummaryPayload? parsed, out string? error), error);
        Assert.Null(parsed.Lines);
        Assert.Null(parsed.DetectorEvents);
    }

    [Fact]
    public void Wire_names_are_snake_case_and_enums_are_strings()
    {
        string json = Encoding.UTF8.GetString(WireJson.Serialize(WireExamples.Traffic() with
        {
            Movements = [new MovementCountEntry { From = "n", To = "n", Kind = TurnKind.UTurn, Class = "car", Count = 1 }],
        }));

        Assert.StartsWith("{\"schema\":1,\"device\":\"lamp-0042\",\"seq\":1200,\"ts\":\"2025-05-14T08:15:00+00:00\",\"interval_s\":900,", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"u_turn\"", json, StringComparison.Ordinal);
        Assert.Contains("\"direction\":\"in\"", json, StringComparison.Ordinal);
        Assert.Contains("\"frames_seen\":13500", json, StringComparison.Ordinal);
        Assert.Contains("\"p85_kmh\":38.9", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Kind", json, StringComparison.Ordinal);

        string air = Encoding.UTF8.GetString(WireJson.Serialize(WireExamples.Air()));
        Assert.Contains("\"sd\":2.7", air, StringComparison.Ordinal);
        Assert.Contains("\"flags\":[\"corrected\"]", air, StringComparison.Ordinal);
        Assert.Contains("\"corrected_pm25\":10.9", air, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_ignores_unknown_members_of_the_same_schema()
    {
        byte[] json = Encoding.UTF8.GetBytes(
            """{"schema":1,"device":"lamp-0042","seq":5,"ts":"2025-05-14T08:15:00Z","interval_s":60,"added_later":{"x":[1,2]},"agent_version":"1","cameras":[],"outbox_depth":0}""");

        Assert.True(WireJson.TryDeserialize(json, MessageKind.Health, out WirePayload? payload, out string? error), error);
        Assert.Equal(5, payload.Seq);
    }

    [Fact]
    public void Sequence_and_span_readers_agree_on_a_multi_segment_payload()
    {
        byte[] json = WireJson.Serialize(WireExamples.Traffic());
        var sequence = TestSequence.Split(json, 3);

        Assert.False(sequence.IsSingleSegment);
        Assert.True(WireJson.TryDeserialize(sequence, MessageKind.Traffic, out WirePayload? parsed, out string? error), error);
        Assert.Equal(json, WireJson.Serialize(parsed));
    }
}
