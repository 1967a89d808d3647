namespace SmartCity.Edge.Sensors.Configuration;

/// <summary>
/// One sensor in the device configuration. Example:
/// <c>{ "type": "sds011", "name": "pm-north", "port": "/dev/ttyUSB0", "interval": "00:00:05",
/// "options": { "mode": "query", "sleepBetweenReadings": true } }</c>.
/// </summary>
public sealed class SensorDefinition
{
    /// <summary>The model.</summary>
    public SensorType Type { get; set; }

    /// <summary>A unique name within the device, e.g. "pm-north" (letters, digits, dashes).</summary>
    public string Name { get; set; } = "";

    /// <summary>I2C bus id (<c>/dev/i2c-N</c>); I2C sensors only. Default 1, the Raspberry Pi header bus.</summary>
    public int? Bus { get; set; }

    /// <summary>I2C 7-bit address, e.g. 118 (0x76); null = the model's default address.</summary>
    public int? Address { get; set; }

    /// <summary>Serial device path, e.g. "/dev/ttyUSB0" or "/dev/serial0"; UART sensors only.</summary>
    public string? Port { get; set; }

    /// <summary>Serial baud rate; null = 9600, which all supported UART sensors use.</summary>
    public int? BaudRate { get; set; }

    /// <summary>How often the sensor is read.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Use a simulated device (demo, tests) instead of opening the bus.</summary>
    public bool Simulated { get; set; }

    /// <summary>Mode, warm-up, sleeping between readings.</summary>
    public SensorOptions Options { get; set; } = new();
}
