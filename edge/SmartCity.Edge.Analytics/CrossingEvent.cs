using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics;

/// <summary>One road user crossing a counting line (for the opt-in events topic; never carries an image).</summary>
/// <param name="Timestamp">Timestamp of the frame in which the crossing was recognised.</param>
/// <param name="TrackId">Tracker id of the road user.</param>
/// <param name="Line">Name of the line.</param>
/// <param name="Direction">Direction of the crossing.</param>
/// <param name="Class">Class of the road user: its journey's class when it crossed (votes weighted by score × box area, by
/// speed as for movements), the class its turning movement is counted in too.</param>
/// <param name="SpeedKmh">Ground speed at the crossing, km/h; NaN when not known (no calibration or too short a track).</param>
public readonly record struct CrossingEvent(
    DateTimeOffset Timestamp, int TrackId, string Line, CrossingDirection Direction, TrafficClass Class, float SpeedKmh);
