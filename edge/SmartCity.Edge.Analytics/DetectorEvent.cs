namespace SmartCity.Edge.Analytics;

/// <summary>A virtual detector switching on or off, as a controller's high-resolution event log records it.</summary>
/// <param name="Timestamp">Timestamp of the frame in which the zone's occupancy changed.</param>
/// <param name="Code">82 (on) or 81 (off).</param>
/// <param name="Channel">Detector channel, the event parameter.</param>
/// <param name="Zone">Name of the zone.</param>
public readonly record struct DetectorEvent(DateTimeOffset Timestamp, AtspmEventCode Code, int Channel, string Zone);
