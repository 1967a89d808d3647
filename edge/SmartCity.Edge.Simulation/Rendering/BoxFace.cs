namespace SmartCity.Edge.Simulation.Rendering;

/// <summary>A face of a box in object coordinates: x forward, y left, z up.</summary>
internal enum BoxFace
{
    Top,
    Front,
    Back,
    Left,
    Right,
}
