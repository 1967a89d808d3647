namespace SmartCity.Edge.Sensors.Sampling;

/// <summary>
/// A sensor as the hub sees it: how to open it (retried when the device is missing), how often to read it,
/// and its warm-up and sleep policy.
/// </summary>
public sealed class SensorRegistration
{
    /// <summary>Creates a registration; <paramref name="open"/> may throw when the device is absent (the hub retries).</summary>
    public SensorRegistration(string name, string model, Func<ISensor> open, TimeSpan interval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Name = name;
        Model = model;
        Open = open ?? throw new ArgumentNullException(nameof(open));
        Interval = interval;
    }

    /// <summary>The configured name.</summary>
    public string Name { get; }

    /// <summary>The model, shown in health before the sensor could be opened.</summary>
    public string Model { get; }

    /// <summary>Opens the device.</summary>
    public Func<ISensor> Open { get; }

    /// <summary>Read interval.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Readings this long after power-on or wake are flagged <c>WarmUp</c>.</summary>
    public TimeSpan WarmUp { get; init; }

    /// <summary>Sleep between readings (only honoured for an <see cref="IPowerManagedSensor"/>).</summary>
    public bool SleepBetweenReadings { get; init; }

    /// <summary>The particulate sensor's maximum specified humidity, for the QA flag.</summary>
    public double PmMaxHumidity { get; init; } = AirQuality.QualityRules.Sds011MaxHumidity;
}
