namespace SmartCity.Edge.Tracking;

/// <summary>Edges of a detection's box that a vehicle detection nearer the camera covers (<see cref="TrackerOptions.LostMotionFromEdges"/>).</summary>
[Flags]
internal enum CoveredEdges : byte
{
    None = 0,
    Left = 1,
    Right = 2,
    Bottom = 4,
}
