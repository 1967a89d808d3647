namespace SmartCity.Edge.Sensors.Drivers.Serial;

/// <summary>Options shared by the SDS011 and PMS5003 drivers.</summary>
public sealed class SerialParticulateOptions
{
    /// <summary>Active (sensor streams) or query (driver asks).</summary>
    public ParticulateReportingMode Mode { get; set; } = ParticulateReportingMode.Active;

    /// <summary>
    /// How long a read waits for a frame. Both sensors send about once a second in active mode (PMS5003 up to
    /// 2.3 s at low concentration, datasheet §"Output result"), so 3 s covers one missed frame.
    /// </summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Readings after power-on or wake are flagged for this long: SDS011 manual and PMS5003 datasheet both
    /// ask for 30 s of fan run before data are stable.
    /// </summary>
    public TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(30);
}
