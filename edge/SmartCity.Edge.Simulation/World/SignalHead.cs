using System.Numerics;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.World;

/// <summary>A signal head on a pole: where it stands, which approach it controls, which way its lamps face.</summary>
internal readonly record struct SignalHead(Approach Controls, Vector2 Foot, Vector2 Facing);
