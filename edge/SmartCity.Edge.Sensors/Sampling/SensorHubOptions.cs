namespace SmartCity.Edge.Sensors.Sampling;

/// <summary>Hub-wide settings.</summary>
public sealed class SensorHubOptions
{
    /// <summary>Length of a summary interval; intervals are aligned to multiples of it since midnight UTC.</summary>
    public TimeSpan SummaryInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait between retries of a failing sensor.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After this many consecutive failures an opened sensor is closed and opened again (USB re-enumeration).</summary>
    public int ReopenAfterFailures { get; set; } = 5;

    /// <summary>Add the EPA humidity-corrected PM2.5 when a humidity sensor is fitted.</summary>
    public bool HumidityCorrection { get; set; } = true;

    /// <summary>
    /// Share of the expected samples below which an interval is flagged <c>InsufficientData</c>
    /// (0.75: the EPA/EU 75 % completeness rule).
    /// </summary>
    public double Completeness { get; set; } = 0.75;
}
