namespace SmartCity.Edge.Sensors;

/// <summary>Why a read produced no value.</summary>
public enum SensorFault : byte
{
    /// <summary>The read succeeded.</summary>
    None,

    /// <summary>The device did not answer on its bus (I2C error, missing device, closed serial port).</summary>
    BusError,

    /// <summary>The device stayed silent until the read timed out.</summary>
    Timeout,

    /// <summary>Only frames with a wrong checksum arrived.</summary>
    ChecksumError,

    /// <summary>Only another sensor's frames arrived (for example PMS5003 frames on an SDS011 port).</summary>
    ForeignFrame,

    /// <summary>The device answered with a value that is not a number or that the driver rejects.</summary>
    InvalidValue,

    /// <summary>The sensor is asleep (sleep between readings) and was not woken.</summary>
    Asleep,
}
