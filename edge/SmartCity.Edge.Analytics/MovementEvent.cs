using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Analytics;

/// <summary>One road user's completed turning movement (per-vehicle record; never carries an image).</summary>
/// <param name="Timestamp">Timestamp of the frame in which the movement was completed.</param>
/// <param name="TrackId">Tracker id of the road user when the movement was completed (after any stitching, the id that finished the journey).</param>
/// <param name="From">Index of the entry approach in <see cref="AnalyticsLayout.Approaches"/>.</param>
/// <param name="To">Index of the exit approach in <see cref="AnalyticsLayout.Approaches"/>.</param>
/// <param name="Class">Class of the road user: its journey's majority class, or the faster two-wheeler when it moved faster than that class does (<see cref="MovementEvidence.ClassFromSpeed"/>).</param>
/// <param name="Evidence">How the entry, the exit and (when corrected by speed) the class were established.</param>
public readonly record struct MovementEvent(
    DateTimeOffset Timestamp, int TrackId, int From, int To, TrafficClass Class, MovementEvidence Evidence);
