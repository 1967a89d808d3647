using System.Numerics;
using SmartCity.Edge.Simulation.Geometry;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.Layout;

/// <summary>
/// The geometry of a synthetic scene as an analytics configuration needs it: the ground↔image homography
/// (for speed calibration), four calibration point pairs, and per approach its zones and counting line in
/// image pixels. Ground coordinates: metres, x east, y north, origin at the centre of the scene.
/// </summary>
/// <param name="Scene">Road geometry.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="GroundToImage">Ground (metres) to image (pixels).</param>
/// <param name="ImageToGround">Image (pixels) to ground (metres).</param>
/// <param name="CalibrationImagePoints">Four image points (pixels) …</param>
/// <param name="CalibrationGroundPoints">… and where they lie on the ground (metres), as a surveyor would give them.</param>
/// <param name="Approaches">The approaches, in the order N, E, S, W (road: S, N).</param>
/// <param name="SpeedLimitMetresPerSecond">Free-flow speed of cars on the scene's roads.</param>
public sealed record SceneLayout(
    SceneKind Scene,
    int Width,
    int Height,
    PlaneHomography GroundToImage,
    PlaneHomography ImageToGround,
    IReadOnlyList<Vector2> CalibrationImagePoints,
    IReadOnlyList<Vector2> CalibrationGroundPoints,
    IReadOnlyList<ApproachLayout> Approaches,
    float SpeedLimitMetresPerSecond)
{
    /// <summary>The layout of one approach, or null when the scene has no such approach.</summary>
    public ApproachLayout? Find(Approach approach)
    {
        foreach (ApproachLayout a in Approaches)
        {
            if (a.Approach == approach)
            {
                return a;
            }
        }

        return null;
    }
}
