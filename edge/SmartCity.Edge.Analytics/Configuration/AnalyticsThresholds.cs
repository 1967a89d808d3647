namespace SmartCity.Edge.Analytics.Configuration;

/// <summary>Thresholds of speeds, queues and zones.</summary>
public sealed class AnalyticsThresholds
{
    /// <summary>A vehicle slower than this (km/h) counts as stopped, and so as queued when in a queue zone.</summary>
    public double StoppedSpeedKmh { get; set; } = 5;

    /// <summary>Time window over which an object's ground track gives its speed (median of segment speeds).</summary>
    public TimeSpan SpeedWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Fewest positions in the window before a speed is reported.</summary>
    public int MinSpeedSamples { get; set; } = 4;

    /// <summary>
    /// Consecutive observed frames a road user must spend outside its entry zone, or inside an exit zone, before
    /// that counts, so a box jittering across a zone edge does not fake a movement.
    /// </summary>
    public int MinZoneFrames { get; set; } = 2;

    /// <summary>Zone visits shorter than this are counted as entries but left out of the dwell statistics.</summary>
    public TimeSpan MinDwell { get; set; } = TimeSpan.Zero;

    /// <summary>A track not seen for this long is treated as gone even if the tracker never reported it removed.</summary>
    public TimeSpan StaleTrackTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
