namespace SmartCity.Edge.Analytics;

/// <summary>How a counted movement's entry and exit approaches were established.</summary>
[Flags]
public enum MovementEvidence : byte
{
    /// <summary>One track was seen in the entry zone and in the exit zone.</summary>
    Observed = 0,

    /// <summary>The journey was stitched from two or more track fragments (ground-plane re-identification).</summary>
    Stitched = 1,

    /// <summary>The entry approach was inferred from where the track was first seen and its heading.</summary>
    InferredEntry = 2,

    /// <summary>The exit approach was inferred from where the track was last seen and its heading.</summary>
    InferredExit = 4,
}
