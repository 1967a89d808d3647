namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>When an interval's counts cannot be trusted as complete.</summary>
public sealed class NoDataRules
{
    /// <summary>An interval in which a larger fraction (0–1) of the source's frames was dropped is partial.</summary>
    public double MaxDroppedFraction { get; set; } = 0.2;

    /// <summary>A gap between frames longer than this makes the interval partial (the camera was away).</summary>
    public TimeSpan MaxFrameGap { get; set; } = TimeSpan.FromSeconds(2);
}
