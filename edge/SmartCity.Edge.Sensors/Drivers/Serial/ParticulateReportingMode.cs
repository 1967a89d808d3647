namespace SmartCity.Edge.Sensors.Drivers.Serial;

/// <summary>How a UART particulate sensor delivers measurements.</summary>
public enum ParticulateReportingMode
{
    /// <summary>The sensor sends a frame by itself every second or so (factory default of SDS011 and PMS5003).</summary>
    Active,

    /// <summary>The sensor answers a request only ("query" on SDS011, "passive" on PMS5003).</summary>
    Query,
}
