namespace SmartCity.AirQuality;

/// <summary>
/// Thresholds for the per-sample quality checks. Defaults come from sensor datasheets; every one can be
/// overridden per deployment (a sensor in a humid coastal city may justify a different humidity limit).
/// </summary>
public sealed class QualityRules
{
    /// <summary>SDS011 datasheet (Nova Fitness, V1.3): working humidity max 70 % RH.</summary>
    public const double Sds011MaxHumidity = 70.0;

    /// <summary>Plantower PMS5003 datasheet (2016, V2.3): working humidity 0–99 % RH.</summary>
    public const double Pms5003MaxHumidity = 99.0;

    private readonly Dictionary<Quantity, PhysicalRange> _ranges = new()
    {
        // SDS011 and PMS5003 both report 0–999.9 / 0–1000 µg/m³; above that the sensor is saturated.
        [Quantity.Pm1] = new(0, 1000),
        [Quantity.Pm25] = new(0, 1000),
        [Quantity.Pm10] = new(0, 1000),
        // SCD4x measures 0–40 000 ppm; below ~300 ppm outdoor air is not physical.
        [Quantity.Co2] = new(300, 40_000),
        // BME280/SHT4x operating range.
        [Quantity.Temperature] = new(-40, 85),
        [Quantity.RelativeHumidity] = new(0, 100),
        // BME280 pressure range 300–1100 hPa.
        [Quantity.Pressure] = new(300, 1100),
        // BME680 gas resistance spans roughly 50 Ω to 50 MΩ.
        [Quantity.GasResistance] = new(1, 1e9),
        [Quantity.CpuTemperature] = new(-40, 125),
    };

    /// <summary>Consecutive identical samples needed before a value is called stuck (zero variance over N samples).</summary>
    public int StuckSampleCount { get; set; } = 10;

    /// <summary>
    /// The identical run must also span at least this long: at 1 Hz a temperature legitimately repeats for
    /// ten seconds, at sensor.community's 150 s cadence ten equal values are 25 minutes of nothing.
    /// </summary>
    public TimeSpan StuckMinimumDuration { get; set; } = TimeSpan.FromMinutes(10);

    private readonly Dictionary<Quantity, TimeSpan> _stuckDurations = new()
    {
        // Slow, finely resolved quantities legitimately repeat for a while on a calm night; an optical PM
        // sensor's noise makes even 10 minutes of identical readings suspicious.
        [Quantity.Temperature] = TimeSpan.FromHours(1),
        [Quantity.Pressure] = TimeSpan.FromHours(1),
        [Quantity.CpuTemperature] = TimeSpan.FromHours(1),
    };

    /// <summary>The identical run <paramref name="quantity"/> must span to be stuck (<see cref="StuckMinimumDuration"/> unless overridden).</summary>
    public TimeSpan StuckDurationOf(Quantity quantity) =>
        _stuckDurations.TryGetValue(quantity, out var d) ? d : StuckMinimumDuration;

    /// <summary>Overrides the stuck duration of one quantity; returns this instance for chaining.</summary>
    public QualityRules WithStuckDuration(Quantity quantity, TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"Stuck duration for {quantity.Name()} must not be negative.");
        }

        _stuckDurations[quantity] = duration;
        return this;
    }

    /// <summary>Relative humidity at or above which a humidity sensor is considered pinned (condensed or saturated).</summary>
    public double HumidityPinnedThreshold { get; set; } = 99.9;

    /// <summary>The particulate sensor's specified maximum relative humidity (%); above it optical PM reads high.</summary>
    public double PmSensorMaxHumidity { get; set; } = Sds011MaxHumidity;

    /// <summary>How long after power-on or wake a sensor's readings are flagged <see cref="QualityFlags.WarmUp"/> (SDS011 manual: 30 s).</summary>
    public TimeSpan WarmUpDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A/B disagreement: absolute tolerance in µg/m³.</summary>
    public double DisagreementAbsolute { get; set; } = 5.0;

    /// <summary>A/B disagreement: relative tolerance as a fraction of the pair's mean (0.2 = 20 %).</summary>
    public double DisagreementRelative { get; set; } = 0.2;

    /// <summary>The range checked for <paramref name="quantity"/>.</summary>
    public PhysicalRange RangeOf(Quantity quantity) =>
        _ranges.TryGetValue(quantity, out var range) ? range : new PhysicalRange(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Overrides the range checked for <paramref name="quantity"/>; returns this instance for chaining.</summary>
    public QualityRules WithRange(Quantity quantity, double min, double max)
    {
        if (!(min <= max))
        {
            throw new ArgumentException($"Range for {quantity.Name()} must have min <= max (got {min}..{max}).", nameof(min));
        }

        _ranges[quantity] = new PhysicalRange(min, max);
        return this;
    }
}
