namespace SmartCity.Contracts;

/// <summary>
/// Air QA flag names on the wire (snake_case of the edge's QualityFlags members). Flags travel as a list of strings,
/// not a bit mask, so that the meaning survives a reordering of the enum and a reader can show them as they are.
/// </summary>
public static class QualityFlagNames
{
    /// <summary>Value outside the physical or sensor range.</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>Zero variance over too many consecutive samples.</summary>
    public const string Stuck = "stuck";

    /// <summary>Sensor warming up.</summary>
    public const string WarmUp = "warm_up";

    /// <summary>Humidity above the particulate sensor's operating range.</summary>
    public const string HumidityAboveSensorRange = "humidity_above_sensor_range";

    /// <summary>Co-located particulate sensors disagree.</summary>
    public const string SensorDisagreement = "sensor_disagreement";

    /// <summary>Humidity pinned at or above 99.9 %.</summary>
    public const string HumidityPinned = "humidity_pinned";

    /// <summary>Too few valid samples for the interval.</summary>
    public const string InsufficientData = "insufficient_data";

    /// <summary>A corrected value was derived; the raw one is kept alongside.</summary>
    public const string Corrected = "corrected";
}
