using System.Numerics;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.World;

/// <summary>
/// The simulated state of one road user, for checks the image cannot give (queue lengths, speeds): ground
/// position of its centre in metres, heading, speed, and distance of its front to its stop line.
/// </summary>
/// <param name="ObjectId">Persistent id, the same as in the frames' ground truth.</param>
/// <param name="Class">Road-user class.</param>
/// <param name="Entry">Approach it entered by.</param>
/// <param name="Exit">Approach it will leave by.</param>
/// <param name="Position">Centre of its footprint on the ground, metres.</param>
/// <param name="Heading">Unit direction of travel on the ground.</param>
/// <param name="SpeedMetresPerSecond">Current speed.</param>
/// <param name="DistanceToStopLine">Metres from its front to the stop line (or, for pedestrians, the kerb where they wait) while it is before it; NaN once past or where there is none.</param>
public readonly record struct RoadUserState(
    int ObjectId,
    TrafficClass Class,
    Approach Entry,
    Approach Exit,
    Vector2 Position,
    Vector2 Heading,
    float SpeedMetresPerSecond,
    float DistanceToStopLine);
