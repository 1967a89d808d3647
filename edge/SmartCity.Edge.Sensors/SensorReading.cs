using SmartCity.AirQuality;

namespace SmartCity.Edge.Sensors;

/// <summary>
/// One value read from a sensor, in the unit fixed for its <see cref="Quantity"/> across the system
/// (<see cref="Quantities.Unit"/>). A plain struct so a read fills a caller's span without allocating.
/// </summary>
/// <param name="Quantity">What was measured.</param>
/// <param name="Value">The value in <see cref="Unit"/>.</param>
/// <param name="Timestamp">When the sensor was read (UTC).</param>
/// <param name="Basis">Which channel of the sensor the value comes from (PMS5003 reports PM twice).</param>
public readonly record struct SensorReading(Quantity Quantity, double Value, DateTimeOffset Timestamp, ReadingBasis Basis = ReadingBasis.Ambient)
{
    /// <summary>The unit of <see cref="Value"/>, e.g. "µg/m³".</summary>
    public string Unit => Quantity.Unit();
}
