namespace SmartCity.AirQuality;

/// <summary>A physical quantity measured by an environmental sensor.</summary>
public enum Quantity
{
    /// <summary>Particulate matter ≤ 1 µm, µg/m³.</summary>
    Pm1,
    /// <summary>Particulate matter ≤ 2.5 µm, µg/m³.</summary>
    Pm25,
    /// <summary>Particulate matter ≤ 10 µm, µg/m³.</summary>
    Pm10,
    /// <summary>Carbon dioxide, ppm.</summary>
    Co2,
    /// <summary>Air temperature, °C.</summary>
    Temperature,
    /// <summary>Relative humidity, %.</summary>
    RelativeHumidity,
    /// <summary>Barometric pressure, hPa.</summary>
    Pressure,
    /// <summary>Metal-oxide gas sensor resistance (BME680), Ω.</summary>
    GasResistance,
    /// <summary>Processor temperature of the edge device, °C.</summary>
    CpuTemperature,
}
