namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>A stop line, from which queue lengths are measured on the ground.</summary>
public sealed class StopLineOptions
{
    /// <summary>First end point, <c>[x, y]</c> pixels.</summary>
    public float[] Start { get; set; } = [];

    /// <summary>Second end point, <c>[x, y]</c> pixels.</summary>
    public float[] End { get; set; } = [];
}
