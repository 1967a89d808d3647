namespace SmartCity.Edge.Sensors.Sampling;

/// <summary>Where a sensor stands, as reported in health.</summary>
public enum SensorState
{
    /// <summary>Not opened yet.</summary>
    Starting,

    /// <summary>Reading, but within the warm-up after power-on or wake (readings flagged).</summary>
    WarmingUp,

    /// <summary>The last read succeeded.</summary>
    Ok,

    /// <summary>The last read (or open) failed; retried with backoff.</summary>
    Failing,

    /// <summary>Asleep between readings.</summary>
    Asleep,

    /// <summary>The hub stopped.</summary>
    Stopped,
}
