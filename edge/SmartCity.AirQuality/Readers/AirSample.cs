namespace SmartCity.AirQuality.Readers;

/// <summary>One reading of one quantity from a file.</summary>
/// <param name="Time">When it was taken (UTC).</param>
/// <param name="Quantity">What was measured; the value is in <see cref="Quantities.Unit"/> of it.</param>
/// <param name="Value">The value as the sensor reported it (raw, uncorrected).</param>
/// <param name="Source">The sensor, e.g. "SDS011-5331" or "airrohr-3654427/SDS011".</param>
public readonly record struct AirSample(DateTimeOffset Time, Quantity Quantity, double Value, string Source);
