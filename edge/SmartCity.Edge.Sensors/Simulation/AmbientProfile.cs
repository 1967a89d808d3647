namespace SmartCity.Edge.Sensors.Simulation;

/// <summary>
/// A plausible street-level day for the simulated sensors: temperature peaking mid-afternoon, humidity
/// moving opposite to it, slowly drifting pressure, CO₂ and particulate matter with morning and evening
/// rush-hour peaks, and seeded noise. Hour of day is UTC plus <see cref="UtcOffset"/>.
/// </summary>
public sealed class AmbientProfile
{
    private readonly Random _random;
    private readonly Lock _gate = new();

    /// <summary>Creates a profile; the same <paramref name="seed"/> gives the same noise sequence.</summary>
    public AmbientProfile(int seed, double baseTemperature = 12, double basePm25 = 6)
    {
        _random = new Random(seed);
        BaseTemperature = baseTemperature;
        BasePm25 = basePm25;
    }

    /// <summary>Daily mean temperature, °C.</summary>
    public double BaseTemperature { get; }

    /// <summary>Background PM2.5 outside the rush hours, µg/m³.</summary>
    public double BasePm25 { get; }

    /// <summary>Local time offset for the diurnal cycle.</summary>
    public TimeSpan UtcOffset { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Air temperature at <paramref name="t"/>, °C.</summary>
    public double Temperature(DateTimeOffset t) =>
        BaseTemperature + (6 * Math.Sin(2 * Math.PI * (Hour(t) - 9) / 24)) + Noise(0.05);

    /// <summary>Relative humidity at <paramref name="t"/>, %.</summary>
    public double RelativeHumidity(DateTimeOffset t) =>
        Math.Clamp(65 - (18 * Math.Sin(2 * Math.PI * (Hour(t) - 9) / 24)) + Noise(0.3), 5, 99);

    /// <summary>Barometric pressure at <paramref name="t"/>, hPa (a slow 3-day wave).</summary>
    public double Pressure(DateTimeOffset t) =>
        1013.25 + (6 * Math.Sin(2 * Math.PI * t.ToUnixTimeSeconds() / (3 * 86400.0))) + Noise(0.02);

    /// <summary>CO₂ at <paramref name="t"/>, ppm: background plus traffic.</summary>
    public double Co2(DateTimeOffset t) => 425 + (60 * Rush(t)) + Noise(3);

    /// <summary>PM2.5 at <paramref name="t"/>, µg/m³: background, rush-hour peaks, ±10 % noise.</summary>
    public double Pm25(DateTimeOffset t) => Math.Max(0.5, (BasePm25 + (14 * Rush(t))) * (1 + Noise(0.1)));

    private double Rush(DateTimeOffset t)
    {
        double h = Hour(t);
        return Math.Exp(-Math.Pow((h - 8) / 1.5, 2)) + (0.7 * Math.Exp(-Math.Pow((h - 18.5) / 2, 2)));
    }

    private double Hour(DateTimeOffset t) => (t.ToOffset(UtcOffset).TimeOfDay.TotalHours + 24) % 24;

    private double Noise(double sigma)
    {
        // Box–Muller: Gaussian noise from the seeded generator; several sensor threads may share a profile.
        lock (_gate)
        {
            double u1 = 1.0 - _random.NextDouble();
            double u2 = _random.NextDouble();
            return sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
