namespace SmartCity.Contracts;

/// <summary>Air quantity names on the wire (snake_case of the edge's Quantity enum).</summary>
public static class QuantityNames
{
    /// <summary>PM1, µg/m³.</summary>
    public const string Pm1 = "pm1";

    /// <summary>PM2.5, µg/m³.</summary>
    public const string Pm25 = "pm25";

    /// <summary>PM10, µg/m³.</summary>
    public const string Pm10 = "pm10";

    /// <summary>CO₂, ppm.</summary>
    public const string Co2 = "co2";

    /// <summary>Air temperature, °C.</summary>
    public const string Temperature = "temperature";

    /// <summary>Relative humidity, %.</summary>
    public const string RelativeHumidity = "relative_humidity";

    /// <summary>Barometric pressure, hPa.</summary>
    public const string Pressure = "pressure";

    /// <summary>Metal-oxide gas sensor resistance, Ω.</summary>
    public const string GasResistance = "gas_resistance";

    /// <summary>Processor temperature, °C.</summary>
    public const string CpuTemperature = "cpu_temperature";
}
