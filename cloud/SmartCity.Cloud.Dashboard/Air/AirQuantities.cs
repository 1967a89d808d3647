using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Air;

/// <summary>The quantities the Air quality page charts, in order, with their labels and units.</summary>
internal static class AirQuantities
{
    public static readonly (string Quantity, string Label, string Unit)[] Charted =
    [
        (QuantityNames.Pm25, "PM2.5", "µg/m³"),
        (QuantityNames.Pm10, "PM10", "µg/m³"),
        (QuantityNames.Co2, "CO₂", "ppm"),
        (QuantityNames.Temperature, "Temperature", "°C"),
        (QuantityNames.RelativeHumidity, "Relative humidity", "%"),
    ];
}
