namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>The metrics alert rules can watch.</summary>
public static class AlertMetrics
{
    /// <summary>US EPA NowCast AQI of PM2.5 over the last 12 hourly means (the hour in progress counts as the latest hour).</summary>
    public const string Pm25NowCastAqi = "pm25_nowcast_aqi";

    /// <summary>Minutes since the device was last heard from, or since its last will said offline.</summary>
    public const string OfflineMinutes = "offline_minutes";

    /// <summary>Longest queue behind a stop line in an interval, metres.</summary>
    public const string QueueMetres = "queue_m";

    /// <summary>All metrics, in the order the page lists them.</summary>
    public static IReadOnlyList<AlertMetric> All { get; } =
    [
        new(Pm25NowCastAqi, "PM2.5 NowCast AQI (US EPA)", "AQI", "air", "sensor"),
        new("pm25", "PM2.5 interval mean", "µg/m³", "air", "sensor"),
        new("pm10", "PM10 interval mean", "µg/m³", "air", "sensor"),
        new("co2", "CO₂ interval mean", "ppm", "air", "sensor"),
        new("temperature", "Air temperature interval mean", "°C", "air", "sensor"),
        new("relative_humidity", "Relative humidity interval mean", "%", "air", "sensor"),
        new(OfflineMinutes, "Device offline (minutes without a message)", "min", "timer", ""),
        new(QueueMetres, "Queue length (longest in the interval)", "m", "traffic", "approach"),
        new("queue_vehicles", "Queued vehicles (most in the interval)", "vehicles", "traffic", "approach"),
        new("fps", "Camera frames per second", "frames/s", "health", "camera"),
        new("inference_ms", "Detector inference time (mean)", "ms", "health", "camera"),
        new("dropped_frames", "Frames dropped in the interval", "frames", "health", "camera"),
        new("outbox_depth", "Messages waiting in the device outbox", "messages", "health", ""),
        new("cpu_temperature_c", "Processor temperature", "°C", "health", ""),
    ];

    /// <summary>The metric named <paramref name="name"/>, or null.</summary>
    public static AlertMetric? Find(string? name)
    {
        foreach (AlertMetric m in All)
        {
            if (string.Equals(m.Name, name, StringComparison.Ordinal))
            {
                return m;
            }
        }

        return null;
    }
}
