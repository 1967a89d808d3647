using System.Text;
using Xunit;

namespace SmartCity.Contracts.Tests;

public sealed class WireJsonRejectionTests
{
    private const string ValidHealth =
        """{"schema":1,"device":"lamp-0042","seq":5,"ts":"2025-05-14T08:15:00+00:00","interval_s":60,"agent_version":"0.4.0","cameras":[],"outbox_depth":0}""";

    public static TheoryData<string, MessageKind, string> Malformed => new()
    {
        { "{\"schema\":1,\"device\":\"lamp-0042\",\"seq\":5,\"ts\":\"2025-05-", MessageKind.Health, "malformed health payload" },
        { "{", MessageKind.Traffic, "malformed traffic payload" },
        { "[]", MessageKind.Air, "malformed air payload" },
        { "42", MessageKind.Status, "malformed status payload" },
        { "null", MessageKind.Health, "health payload is JSON null" },
        { ValidHealth.Replace("\"seq\":5", "\"seq\":\"5\"", StringComparison.Ordinal), MessageKind.Health, "$.seq" },
        { ValidHealth.Replace("\"seq\":5", "\"seq\":5.5", StringComparison.Ordinal), MessageKind.Health, "$.seq" },
        { ValidHealth.Replace("\"seq\":5", "\"seq\":99999999999999999999999", StringComparison.Ordinal), MessageKind.Health, "$.seq" },
        { ValidHealth.Replace("\"cameras\":[]", "\"cameras\":{}", StringComparison.Ordinal), MessageKind.Health, "$.cameras" },
        { ValidHealth.Replace("2025-05-14T08:15:00+00:00", "yesterday", StringComparison.Ordinal), MessageKind.Health, "$.ts" },
        { ValidHealth.Replace("\"device\":\"lamp-0042\",", "", StringComparison.Ordinal), MessageKind.Health, "device" },
        { ValidHealth.Replace("\"lamp-0042\"", "null", StringComparison.Ordinal), MessageKind.Health, "device" },
        { ValidHealth.Replace("\"schema\":1,", "", StringComparison.Ordinal), MessageKind.Health, "schema" },
        { ValidHealth + "x", MessageKind.Health, "malformed health payload" },
        { ValidHealth + ValidHealth, MessageKind.Health, "malformed health payload" },
        { ValidHealth.Replace("\"seq\":5", "\"seq\":5,\"seq\":6", StringComparison.Ordinal), MessageKind.Health, "malformed health payload" },
        {
            """{"schema":1,"device":"lamp-0042","seq":1,"ts":"2025-05-14T08:15:00Z","interval_s":0,"state":"asleep","agent_version":"1","birth_ts":"2025-05-14T08:00:00Z"}""",
            MessageKind.Status, "$.state"
        },
        {
            """{"schema":1,"device":"lamp-0042","seq":1,"ts":"2025-05-14T08:15:00Z","interval_s":0,"state":0,"agent_version":"1","birth_ts":"2025-05-14T08:00:00Z"}""",
            MessageKind.Status, "$.state"
        },
        { new string('[', 40) + new string(']', 40), MessageKind.Events, "malformed events payload" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_json_is_refused_with_a_reason(string json, MessageKind kind, string expected)
    {
        Assert.False(WireJson.TryDeserialize(Encoding.UTF8.GetBytes(json), kind, out WirePayload? payload, out string? error));
        Assert.Null(payload);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    /// <summary>Regression: the fuzzer (CsCheck seed f8D-dSIQfrg1) found a property name with an unpaired
    /// surrogate escape that made the schema peek throw instead of refusing the payload.</summary>
    [Theory]
    [InlineData("{\"\\udc00\":1}")]
    [InlineData("{\"\\ud800x\":1,\"schema\":1}")]
    [InlineData("{\"device\":\"\\ud800\",\"schema\":1}")]
    public void Unpaired_surrogate_escapes_are_refused_not_thrown(string json)
    {
        foreach (MessageKind kind in Enum.GetValues<MessageKind>())
        {
            Assert.False(WireJson.TryDeserialize(Encoding.UTF8.GetBytes(json), kind, out var payload, out string? error));
            Assert.Null(payload);
            Assert.False(string.IsNullOrEmpty(error));
        }
    }

    [Fact]
    public void Empty_payload_is_refused()
    {
        Assert.False(WireJson.TryDeserialize(ReadOnlySpan<byte>.Empty, MessageKind.Traffic, out _, out string? error));
        Assert.Equal("traffic payload is empty", error);
    }

    [Fact]
    public void Invalid_utf8_is_refused_not_thrown()
    {
        byte[] json = Encoding.UTF8.GetBytes(ValidHealth.Replace("0.4.0", "0.4.\u00e90", StringComparison.Ordinal));
        int at = Array.IndexOf(json, (byte)0xC3);
        json[at] = 0xFF;

        Assert.False(WireJson.TryDeserialize(json, MessageKind.Health, out _, out string? error));
        Assert.StartsWith("malformed health payload", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_2_is_refused_as_unsupported_whether_or_not_it_fits_the_v1_shape()
    {
        byte[] sameShape = Encoding.UTF8.GetBytes(ValidHealth.Replace("\"schema\":1", "\"schema\":2", StringComparison.Ordinal));
        byte[] newShape = Encoding.UTF8.GetBytes(
            """{"schema":2,"device":{"id":"lamp-0042"},"seq":"5","ts":1715674500,"interval_s":60}""");

        Assert.False(WireJson.TryDeserialize(sameShape, MessageKind.Health, out _, out string? error));
        Assert.Equal("health payload has schema version 2; this reader supports 1", error);
        Assert.False(WireJson.TryDeserialize(newShape, MessageKind.Health, out _, out error));
        Assert.Equal("health payload has schema version 2; this reader supports 1", error);
    }

    [Fact]
    public void Unknown_kind_is_refused()
    {
        Assert.False(WireJson.TryDeserialize(Encoding.UTF8.GetBytes(ValidHealth), (MessageKind)99, out _, out string? error));
        Assert.Equal("unknown message kind 99", error);
    }

    [Fact]
    public void Oversized_payload_is_refused_before_parsing()
    {
        // Valid JSON up to the limit and broken after it: a reader that parsed first would report a syntax error.
        byte[] big = new byte[WireJson.MaxPayloadBytes + 1];
        big.AsSpan().Fill((byte)' ');
        big[0] = (byte)'{';

        Assert.False(WireJson.TryDeserialize(big, MessageKind.Traffic, out _, out string? error));
        Assert.Equal($"traffic payload of {WireJson.MaxPayloadBytes + 1} bytes exceeds the limit of {WireJson.MaxPayloadBytes} bytes", error);

        Assert.False(WireJson.TryDeserialize(TestSequence.Split(big, 4), MessageKind.Traffic, out _, out error));
        Assert.Contains("exceeds the limit", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Payload_exactly_at_the_limit_is_parsed()
    {
        byte[] json = Encoding.UTF8.GetBytes(ValidHealth);
        byte[] padded = new byte[WireJson.MaxPayloadBytes];
        padded.AsSpan().Fill((byte)' ');
        json.CopyTo(padded, 0);

        Assert.True(WireJson.TryDeserialize(padded, MessageKind.Health, out _, out string? error), error);
    }

    [Fact]
    public void Writer_refuses_an_oversized_payload_and_leaves_the_destination_untouched()
    {
        CrossingEntry crossing = WireExamples.Events().Crossings[0];
        var crossings = new CrossingEntry[4000];
        Array.Fill(crossings, crossing);
        CrossingEventsPayload huge = WireExamples.Events() with { Crossings = crossings };
        using var destination = new PooledBufferWriter();

        Assert.False(WireJson.TrySerialize(huge, destination, out int written, out string? error));
        Assert.Equal(0, written);
        Assert.Equal(0, destination.WrittenCount);
        Assert.Matches(@"^events payload of \d+ bytes exceeds the limit of 262144 bytes$", error);
        Assert.Throws<ArgumentException>(() => WireJson.Serialize(huge));

        // The thread's scratch buffer recovers: the next message serializes normally.
        Assert.True(WireJson.TrySerialize(WireExamples.Events(), destination, out written, out error), error);
        Assert.Equal(written, destination.WrittenCount);
    }

    [Fact]
    public void Writer_refuses_an_invalid_payload_with_the_validator_reason()
    {
        Assert.False(WireJson.TrySerialize(WireExamples.Traffic() with { Seq = -1 }, out byte[]? utf8, out string? error));
        Assert.Null(utf8);
        Assert.Equal("seq -1 is negative", error);

        var ex = Assert.Throws<ArgumentException>(() => WireJson.Serialize(WireExamples.Air() with { Device = "Lamp 1" }));
        Assert.Contains("AirSummaryPayload", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Lamp 1' is not a valid device id", ex.Message, StringComparison.Ordinal);
    }
}
