using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Agent.Evaluation;

/// <summary>One ground-truth object's journey through the picture.</summary>
/// <param name="ObjectId">Persistent ground-truth id.</param>
/// <param name="Class">Road-user class.</param>
/// <param name="Entry">Approach it entered by (from its route).</param>
/// <param name="Exit">Approach it leaves by.</param>
/// <param name="FirstFrame">First frame it was in the picture.</param>
/// <param name="LastFrame">Last frame it was in the picture.</param>
internal readonly record struct RouteTrip(int ObjectId, TrafficClass Class, Approach Entry, Approach Exit, long FirstFrame, long LastFrame);
