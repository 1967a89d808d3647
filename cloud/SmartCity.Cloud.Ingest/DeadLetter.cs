namespace SmartCity.Cloud.Ingest;

/// <summary>A message that was not stored, kept with why (one JSON line in <see cref="FileDeadLetterStore"/>).</summary>
public sealed record DeadLetter
{
    /// <summary>When the ingest node received it (UTC).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Why it was refused.</summary>
    public required DeadLetterReason Reason { get; init; }

    /// <summary>The parser's or validator's explanation, naming the field.</summary>
    public required string Detail { get; init; }

    /// <summary>The MQTT topic it came on.</summary>
    public required string Topic { get; init; }

    /// <summary>The device of the topic, when the topic names a valid one; else null.</summary>
    public string? Device { get; init; }

    /// <summary>Length of the payload as received, in bytes.</summary>
    public required int PayloadBytes { get; init; }

    /// <summary>The payload (base64), cut at <see cref="Contracts.WireJson.MaxPayloadBytes"/>.</summary>
    public required string PayloadBase64 { get; init; }

    /// <summary>True when <see cref="PayloadBase64"/> holds only the first <see cref="Contracts.WireJson.MaxPayloadBytes"/> bytes.</summary>
    public bool PayloadTruncated { get; init; }
}
