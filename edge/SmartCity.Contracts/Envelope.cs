namespace SmartCity.Contracts;

/// <summary>
/// The fields every message carries, as one value. On the wire they are the top-level members <c>schema</c>,
/// <c>device</c>, <c>seq</c>, <c>ts</c> and <c>interval_s</c> of each payload (see <see cref="WirePayload"/>); the kind
/// comes from the topic, not the JSON.
/// </summary>
public sealed record Envelope
{
    /// <summary>Schema version; <see cref="WireSchema.Version"/>.</summary>
    public int Schema { get; init; } = WireSchema.Version;

    /// <summary>Device id (<see cref="DeviceIds"/>); equals the topic's device level.</summary>
    public required string Device { get; init; }

    /// <summary>Per-device sequence number: monotonic across all kinds and across restarts; dedupe key with <see cref="Device"/>.</summary>
    public required long Seq { get; init; }

    /// <summary>Interval end (exclusive, UTC); for instant messages (status, commands) the time of the message.</summary>
    public required DateTimeOffset Ts { get; init; }

    /// <summary>Interval length in seconds (1..86400); 0 for instant messages (status, commands).</summary>
    public required int IntervalS { get; init; }

    /// <summary>What the message is.</summary>
    public required MessageKind Kind { get; init; }

    /// <summary>Interval start: <see cref="Ts"/> minus <see cref="IntervalS"/>.</summary>
    public DateTimeOffset Start => Ts.AddSeconds(-IntervalS);
}
