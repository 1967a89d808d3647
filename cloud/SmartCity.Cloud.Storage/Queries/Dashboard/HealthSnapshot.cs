namespace SmartCity.Cloud.Storage.Queries;

/// <summary>The latest health message of a device.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Ts">Interval end, UTC.</param>
/// <param name="AgentVersion">Edge agent version.</param>
/// <param name="ModelVersion">Detection model name and version; null without a model.</param>
/// <param name="OutboxDepth">Messages waiting in the outbox.</param>
/// <param name="OutboxDropped">Messages the outbox dropped since the agent started.</param>
/// <param name="CpuTemperatureC">Processor temperature, °C; null where not reported.</param>
/// <param name="UptimeS">Seconds since the agent started.</param>
/// <param name="Cameras">Per-camera pipeline figures.</param>
public sealed record HealthSnapshot(
    string Device,
    DateTimeOffset Ts,
    string AgentVersion,
    string? ModelVersion,
    long OutboxDepth,
    long OutboxDropped,
    double? CpuTemperatureC,
    long UptimeS,
    IReadOnlyList<CameraHealth> Cameras);
