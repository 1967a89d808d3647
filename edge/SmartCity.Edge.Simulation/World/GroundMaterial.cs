namespace SmartCity.Edge.Simulation.World;

/// <summary>What the ground is made of at a point; the background painter colours each one.</summary>
internal enum GroundMaterial : byte
{
    Grass,
    Asphalt,
    Sidewalk,
    Kerb,
    WhiteMarking,
    YellowMarking,
    CycleLane,
}
