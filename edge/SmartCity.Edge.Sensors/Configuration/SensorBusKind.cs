namespace SmartCity.Edge.Sensors.Configuration;

/// <summary>How a sensor type is attached.</summary>
public enum SensorBusKind
{
    /// <summary>An I2C bus and a 7-bit address.</summary>
    I2c,

    /// <summary>A serial device and a baud rate.</summary>
    Serial,

    /// <summary>Nothing to configure (CPU temperature).</summary>
    None,
}
