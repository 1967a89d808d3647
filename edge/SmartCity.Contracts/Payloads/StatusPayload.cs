using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>
/// The device's connection state (topic <c>status</c>, retained). Published <see cref="DeviceState.Online"/> after
/// each connect (birth message) and registered as the MQTT last will with <see cref="DeviceState.Offline"/>. An
/// instant message: <c>interval_s</c> is 0 and <c>ts</c> is the time it was composed.
/// </summary>
public sealed record StatusPayload : WirePayload
{
    /// <inheritdoc />
    [JsonIgnore]
    public override MessageKind Kind => MessageKind.Status;

    /// <summary>Online or offline.</summary>
    public required DeviceState State { get; init; }

    /// <summary>Edge agent version.</summary>
    public required string AgentVersion { get; init; }

    /// <summary>Detection model name and version; null when no model is loaded.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>When this agent process started (UTC); the same in the birth message and its last will.</summary>
    public required DateTimeOffset BirthTs { get; init; }
}
