namespace SmartCity.Edge.Sensors.Sampling;

/// <summary>A health snapshot of one sensor.</summary>
/// <param name="Name">The configured name.</param>
/// <param name="Model">The model, e.g. "SDS011".</param>
/// <param name="State">Where it stands.</param>
/// <param name="LastReadingAt">When the last successful read happened; null when never.</param>
/// <param name="LastReadings">The values of the last successful read.</param>
/// <param name="ConsecutiveFailures">Failed opens or reads since the last success.</param>
/// <param name="LastFault">Why the last failed attempt failed.</param>
/// <param name="LastError">The message of the last exception seen (open failures), if any.</param>
/// <param name="NextAttemptAt">When the next read or retry is due.</param>
/// <param name="Counters">Reads, frames, checksum errors, foreign frames, garbage bytes, timeouts, bus errors.</param>
public sealed record SensorHealth(
    string Name,
    string Model,
    SensorState State,
    DateTimeOffset? LastReadingAt,
    IReadOnlyList<SensorReading> LastReadings,
    int ConsecutiveFailures,
    SensorFault LastFault,
    string? LastError,
    DateTimeOffset NextAttemptAt,
    SensorCountersSnapshot Counters);
