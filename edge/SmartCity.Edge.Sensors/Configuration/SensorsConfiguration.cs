namespace SmartCity.Edge.Sensors.Configuration;

/// <summary>
/// The <c>sensors</c> section of the device configuration: the sensors fitted and how their readings are
/// summarised. Validate with <see cref="SensorConfigurationValidator"/>.
/// </summary>
public sealed class SensorsConfiguration
{
    /// <summary>Length of a summary interval (statistics and QA flags per quantity); default one minute.</summary>
    public TimeSpan SummaryInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Add the EPA humidity-corrected PM2.5 (separate field) when a humidity sensor is fitted.</summary>
    public bool HumidityCorrection { get; set; } = true;

    /// <summary>Longest wait between retries of a missing or silent sensor.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The sensors.</summary>
    public List<SensorDefinition> Items { get; set; } = [];
}
