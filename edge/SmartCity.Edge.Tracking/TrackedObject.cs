using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Tracking;

/// <summary>One live track after an update of the <see cref="ByteTracker"/>.</summary>
/// <param name="TrackId">Id, starting at 1, never reused within a tracker's life (also not after <see cref="ByteTracker.Reset"/>).</param>
/// <param name="Class">Class by score-weighted vote over the track's detections, so one misclassified frame does not relabel it.</param>
/// <param name="Box">Kalman-filtered box of the latest match; for a lost track the box predicted to the update's timestamp.</param>
/// <param name="VelocityX">Horizontal velocity of the box centre in image pixels per second.</param>
/// <param name="VelocityY">Vertical velocity of the box centre in image pixels per second.</param>
/// <param name="Score">Score of the latest matched detection.</param>
/// <param name="State">Life-cycle state.</param>
/// <param name="Hits">Number of detections matched to the track, the birth included.</param>
/// <param name="FramesSinceUpdate">Detector frames since the latest match (0 when matched in this update); frames the detector skipped do not count.</param>
/// <param name="DetectedClass">
/// Class of the latest matched detection, unsmoothed. <see cref="Class"/> carries the votes of the track's whole life,
/// also across an identity the tracker moved to another road user; per-journey votes (analytics) use this instead.
/// </param>
public readonly record struct TrackedObject(
    int TrackId,
    TrafficClass Class,
    BoxF Box,
    float VelocityX,
    float VelocityY,
    float Score,
    TrackState State,
    int Hits,
    int FramesSinceUpdate,
    TrafficClass DetectedClass);
