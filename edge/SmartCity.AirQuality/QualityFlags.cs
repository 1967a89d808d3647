namespace SmartCity.AirQuality;

/// <summary>Data-quality flags attached to a sample or an interval. Flags describe doubt; they never delete data.</summary>
[Flags]
public enum QualityFlags : ushort
{
    /// <summary>No doubt raised.</summary>
    None = 0,
    /// <summary>Value outside the quantity's physical (or sensor) range, or not a number.</summary>
    OutOfRange = 1,
    /// <summary>Zero variance over the configured number of consecutive samples.</summary>
    Stuck = 2,
    /// <summary>Sensor still warming up after power-on or wake from sleep.</summary>
    WarmUp = 4,
    /// <summary>Relative humidity above the particulate sensor's specified operating range (hygroscopic growth).</summary>
    HumidityAboveSensorRange = 8,
    /// <summary>Two co-located particulate sensors disagree beyond the configured tolerance.</summary>
    SensorDisagreement = 16,
    /// <summary>Humidity reading pinned at or above 99.9 % (saturated or condensed sensor).</summary>
    HumidityPinned = 32,
    /// <summary>Too few valid samples for the averaging period (coverage rule not met).</summary>
    InsufficientData = 64,
    /// <summary>A corrected value (e.g. humidity-corrected PM2.5) was derived; the raw value is kept alongside.</summary>
    Corrected = 128,
}
