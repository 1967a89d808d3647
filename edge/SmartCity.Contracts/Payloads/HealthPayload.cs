using System.Text.Json.Serialization;

namespace SmartCity.Contracts;

/// <summary>Device and pipeline health over one interval (topic <c>health</c>).</summary>
public sealed record HealthPayload : WirePayload
{
    /// <inheritdoc />
    [JsonIgnore]
    public override MessageKind Kind => MessageKind.Health;

    /// <summary>Edge agent version.</summary>
    public required string AgentVersion { get; init; }

    /// <summary>Detection model name and version; null when no model is loaded.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Per-camera pipeline figures.</summary>
    public required IReadOnlyList<CameraHealthEntry> Cameras { get; init; }

    /// <summary>Messages waiting in the outbox at the interval end.</summary>
    public required long OutboxDepth { get; init; }

    /// <summary>Messages the outbox dropped (oldest first, quota reached) since the agent started.</summary>
    public long OutboxDropped { get; init; }

    /// <summary>Processor temperature, °C; null where the board does not report it.</summary>
    public double? CpuTemperatureC { get; init; }

    /// <summary>Seconds since the agent started.</summary>
    public long UptimeS { get; init; }
}
