using SmartCity.Edge.Sensors.Drivers.Serial;

namespace SmartCity.Edge.Sensors.Configuration;

/// <summary>Per-sensor behaviour (the <c>options</c> object of a sensor entry).</summary>
public sealed class SensorOptions
{
    /// <summary>UART particulate sensors: "active" (the sensor streams) or "query" (the agent asks; PMS5003 "passive").</summary>
    public ParticulateReportingMode Mode { get; set; } = ParticulateReportingMode.Active;

    /// <summary>
    /// How long readings after power-on or wake are flagged as warm-up; null = the model's default
    /// (30 s for SDS011 and PMS5003, none for the others).
    /// </summary>
    public TimeSpan? WarmUp { get; set; }

    /// <summary>
    /// Put the sensor to sleep between readings and wake it <see cref="WarmUp"/> before the next one (SDS011,
    /// PMS5003 only). Worth it when the interval is well above the warm-up: the laser and fan age only while awake.
    /// </summary>
    public bool SleepBetweenReadings { get; set; }

    /// <summary>How long a UART read waits for a frame; null = 3 s.</summary>
    public TimeSpan? ReadTimeout { get; set; }
}
