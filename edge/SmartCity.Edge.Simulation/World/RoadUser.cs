using System.Numerics;
using SmartCity.Edge.Simulation.Rendering;
using SmartCity.Edge.Vision.Frames;

namespace SmartCity.Edge.Simulation.World;

/// <summary>Mutable state of one simulated road user; kept in a preallocated array so the simulation does not allocate.</summary>
internal struct RoadUser
{
    public int Id;
    public TrafficClass Class;
    public Route Route;

    /// <summary>Arc length of its front along the route.</summary>
    public float S;
    public float Speed;
    public float DesiredSpeed;
    public float MaxAccel;
    public float Length;
    public float Width;
    public float Height;

    /// <summary>Sideways offset to the right of the route (bicycles ride near the kerb).</summary>
    public float Lateral;

    /// <summary>Pedestrians: how far before the kerb they stop while waiting, so a crowd does not stand in one spot.</summary>
    public float WaitOffset;

    /// <summary>Past the stop line, or decided to go on amber.</summary>
    public bool Committed;
    public int EntryLeaderSlot;
    public int EntryLeaderId;
    public int ExitLeaderSlot;
    public int ExitLeaderId;

    public Bgr Body;
    public Bgr Accent;
    public byte Variant;

    /// <summary>Centre of the footprint and unit heading on the ground, updated every step.</summary>
    public Vector2 Centre;
    public Vector2 Heading;
}
