namespace SmartCity.Edge.Agent.Uplink;

/// <summary>Figures of one health period, gathered from the pipeline, the source and the uplink.</summary>
/// <param name="End">End of the period (UTC).</param>
/// <param name="Length">Length of the period.</param>
/// <param name="Camera">Camera name; null on a device without camera.</param>
/// <param name="Frames">Frames processed in the period.</param>
/// <param name="InferenceMsMean">Mean inference time in the period, ms; null when the detector did not run.</param>
/// <param name="InferenceMsP95">95th percentile inference time in the period, ms; null when not known.</param>
/// <param name="FramesDropped">Frames the source dropped in the period.</param>
/// <param name="OutboxDepth">Records in the outbox not yet acknowledged by the broker.</param>
/// <param name="OutboxDropped">Records the outbox quota dropped since start.</param>
/// <param name="CpuTemperatureC">Processor temperature, °C; null where not reported.</param>
/// <param name="Uptime">Time since the agent started.</param>
public sealed record HealthSample(
    DateTimeOffset End,
    TimeSpan Length,
    string? Camera,
    long Frames,
    double? InferenceMsMean,
    double? InferenceMsP95,
    long FramesDropped,
    long OutboxDepth,
    long OutboxDropped,
    double? CpuTemperatureC,
    TimeSpan Uptime);
