using System.Numerics;
using SmartCity.Edge.Simulation.Rendering;

namespace SmartCity.Edge.Simulation.World;

/// <summary>A building or other fixed block beside the road, baked into the background.</summary>
internal readonly record struct StaticBox(Vector2 Centre, Vector2 Size, float Height, Bgr Wall, Bgr Roof);
