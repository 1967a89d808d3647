namespace SmartCity.Edge.Analytics;

/// <summary>How a counted movement's entry and exit approaches (and, where it says so, its class) were established.</summary>
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

    /// <summary>
    /// The class is not the journey's majority class: the road user moved faster than that class does
    /// (<see cref="Configuration.JourneyOptions.MaxPedestrianSpeedKmh"/>, <see cref="Configuration.JourneyOptions.MaxBicycleSpeedKmh"/>).
    /// </summary>
    ClassFromSpeed = 8,
}
