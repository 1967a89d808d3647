namespace SmartCity.AirQuality;

/// <summary>Units and wire names of <see cref="Quantity"/> values.</summary>
public static class Quantities
{
    /// <summary>The unit every value of <paramref name="quantity"/> is expressed in across the system.</summary>
    public static string Unit(this Quantity quantity) => quantity switch
    {
        Quantity.Pm1 or Quantity.Pm25 or Quantity.Pm10 => "µg/m³",
        Quantity.Co2 => "ppm",
        Quantity.Temperature or Quantity.CpuTemperature => "°C",
        Quantity.RelativeHumidity => "%",
        Quantity.Pressure => "hPa",
        Quantity.GasResistance => "Ω",
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Unknown quantity."),
    };

    /// <summary>The name used on the wire (telemetry, CSV headers), e.g. <c>pm2_5</c>.</summary>
    public static string Name(this Quantity quantity) => quantity switch
    {
        Quantity.Pm1 => "pm1",
        Quantity.Pm25 => "pm2_5",
        Quantity.Pm10 => "pm10",
        Quantity.Co2 => "co2",
        Quantity.Temperature => "temperature",
        Quantity.RelativeHumidity => "relative_humidity",
        Quantity.Pressure => "pressure",
        Quantity.GasResistance => "gas_resistance",
        Quantity.CpuTemperature => "cpu_temperature",
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Unknown quantity."),
    };

    /// <summary>Parses a wire name produced by <see cref="Name"/>.</summary>
    public static bool TryParseName(string name, out Quantity quantity)
    {
        foreach (var q in Enum.GetValues<Quantity>())
        {
            if (string.Equals(q.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                quantity = q;
                return true;
            }
        }

        quantity = default;
        return false;
    }

    /// <summary>True for the particulate-matter mass concentrations.</summary>
    public static bool IsParticulate(this Quantity quantity) =>
        quantity is Quantity.Pm1 or Quantity.Pm25 or Quantity.Pm10;
}
