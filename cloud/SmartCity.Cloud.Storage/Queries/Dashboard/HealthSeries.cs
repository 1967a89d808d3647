namespace SmartCity.Cloud.Storage.Queries;

/// <summary>One device's health per bin; null where no health interval began in the bin.</summary>
/// <param name="Device">Device id.</param>
/// <param name="Fps">Mean frames per second over the device's cameras and intervals.</param>
/// <param name="InferenceMs">Mean inference time, ms.</param>
/// <param name="FramesDropped">Frames dropped, summed over cameras and intervals.</param>
/// <param name="OutboxDepth">Largest outbox depth reported.</param>
/// <param name="CpuTemperatureC">Mean processor temperature, °C.</param>
public sealed record HealthSeries(
    string Device,
    IReadOnlyList<double?> Fps,
    IReadOnlyList<double?> InferenceMs,
    IReadOnlyList<long?> FramesDropped,
    IReadOnlyList<long?> OutboxDepth,
    IReadOnlyList<double?> CpuTemperatureC);
