using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>
/// Base of every payload: the envelope fields sit at the top level of the JSON object next to the body's fields, so
/// a consumer reads one flat object. Serialize and deserialize through <see cref="WireJson"/>.
/// </summary>
public abstract record WirePayload
{
    /// <summary>Schema version (JSON <c>schema</c>, required); <see cref="WireSchema.Version"/>.</summary>
    [JsonRequired]
    [JsonPropertyOrder(-5)]
    public int Schema { get; init; } = WireSchema.Version;

    /// <summary>Device id (JSON <c>device</c>); must equal the topic's device level.</summary>
    [JsonPropertyOrder(-4)]
    public required string Device { get; init; }

    /// <summary>Per-device sequence number (JSON <c>seq</c>), monotonic across kinds and restarts.</summary>
    [JsonPropertyOrder(-3)]
    public required long Seq { get; init; }

    /// <summary>Interval end, UTC (JSON <c>ts</c>); for instant messages the time of the message.</summary>
    [JsonPropertyOrder(-2)]
    public required DateTimeOffset Ts { get; init; }

    /// <summary>Interval length, seconds (JSON <c>interval_s</c>): 1..86400, or 0 for instant messages.</summary>
    [JsonPropertyOrder(-1)]
    public required int IntervalS { get; init; }

    /// <summary>The kind this payload is sent as (from the type; not serialized, the topic carries it).</summary>
    [JsonIgnore]
    public abstract MessageKind Kind { get; }

    /// <summary>The envelope fields as one value.</summary>
    public Envelope ToEnvelope() => new()
    {
        Schema = Schema,
        Device = Device,
        Seq = Seq,
        Ts = Ts,
        IntervalS = IntervalS,
        Kind = Kind,
    };
}
