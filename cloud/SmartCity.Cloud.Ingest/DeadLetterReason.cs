using System.Text.Json.Serialization;

namespace SmartCity.Cloud.Ingest;

/// <summary>Why a received message was dead-lettered instead of stored.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeadLetterReason>))]
public enum DeadLetterReason
{
    /// <summary>The topic is not an uplink topic of contract v1 (other root, invalid device id, unknown kind, extra levels).</summary>
    InvalidTopic,

    /// <summary>The payload exceeds <see cref="Contracts.WireJson.MaxPayloadBytes"/>.</summary>
    Oversized,

    /// <summary>The payload is empty, not JSON, or not the shape of any payload record.</summary>
    MalformedJson,

    /// <summary>The payload's <c>schema</c> is a version this reader does not support.</summary>
    UnsupportedSchema,

    /// <summary>The payload is a valid message of another kind than the topic says (a traffic summary on <c>air</c>).</summary>
    KindMismatch,

    /// <summary>The payload's <c>device</c> differs from the topic's device level: a device publishing as another.</summary>
    DeviceMismatch,

    /// <summary>Parsed, but fails <see cref="Contracts.WireValidator"/> (a negative count, a non-UTC time, …).</summary>
    InvalidPayload,

    /// <summary>Valid, but the store refuses it on every retry (<see cref="Storage.StoreWriteException.IsTransient"/>
    /// false, e.g. an InfluxDB field type conflict); the detail is the store's own message.</summary>
    StoreRejected,
}
