namespace SmartCity.Edge.Analytics;

/// <summary>What a turning movement does, relative to the direction the road user entered in.</summary>
public enum MovementKind : byte
{
    /// <summary>Straight on.</summary>
    Through,

    /// <summary>Turn to the left.</summary>
    Left,

    /// <summary>Turn to the right.</summary>
    Right,

    /// <summary>Turn back the way it came.</summary>
    UTurn,
}
