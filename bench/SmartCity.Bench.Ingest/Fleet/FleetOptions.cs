namespace SmartCity.Bench.Ingest.Fleet;

/// <summary>What the simulated fleet does.</summary>
internal sealed class FleetOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public int Devices { get; set; } = 10_000;

    /// <summary>Device ids are <c>{prefix}{index:D5}</c>.</summary>
    public string DevicePrefix { get; set; } = "bench-";

    /// <summary>Each device publishes once per period (paced mode), evenly staggered across the fleet.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Max-throughput mode: each device keeps this many QoS 1 publishes in flight; 0 = paced mode.</summary>
    public int Window { get; set; }

    /// <summary>How long devices publish.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Concurrent connection attempts while the fleet connects.</summary>
    public int ConnectConcurrency { get; set; } = 64;

    public static string DeviceId(string prefix, int index) => prefix + index.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The password the bench gives each device's broker user.</summary>
    public static string PasswordFor(string deviceId) => "pw-" + deviceId;
}
