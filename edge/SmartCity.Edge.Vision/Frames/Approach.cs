namespace SmartCity.Edge.Vision.Frames;

/// <summary>A compass approach of an intersection or the two ends of a road; where a road user enters or leaves.</summary>
public enum Approach : byte
{
    /// <summary>Not known or not applicable (for example an object born inside the scene).</summary>
    None = 0,

    /// <summary>North side of the image (top).</summary>
    North = 1,

    /// <summary>East side (right).</summary>
    East = 2,

    /// <summary>South side (bottom).</summary>
    South = 3,

    /// <summary>West side (left).</summary>
    West = 4,
}
