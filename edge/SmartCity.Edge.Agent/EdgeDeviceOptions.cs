using Microsoft.Extensions.Logging;

namespace SmartCity.Edge.Agent;

/// <summary>How a host runs an <see cref="EdgeDevice"/> beyond what the device configuration says.</summary>
public sealed class EdgeDeviceOptions
{
    /// <summary>Which simulated environment the demo sensors get (sites differ in temperature and pollution).</summary>
    public int SimulatedSensorIndex { get; set; }

    /// <summary>
    /// Interval of traffic and air summaries, overriding the configuration (the synthetic layout's default is 60 s);
    /// null keeps the configured ones. Short intervals (e.g. 10 s) make tests and demos show data quickly.
    /// </summary>
    public TimeSpan? SummaryInterval { get; set; }

    /// <summary>Synthetic scenes start at the current time instead of the scenario's fixed start, so paced timestamps are wall-clock time.</summary>
    public bool SyntheticClockFromNow { get; set; } = true;

    /// <summary>How long a stopping device waits for the broker to acknowledge what is left in its outbox before it goes offline.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often completed summaries are collected from the pipeline and sensors and appended to the outbox.</summary>
    public TimeSpan CollectPeriod { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Signed model and configuration updates from the cloud (<c>cmd/model</c>, <c>cmd/config</c>, <c>cmd/rollback</c>); null takes none.</summary>
    public EdgeDeviceUpdates? Updates { get; set; }

    /// <summary>
    /// Answer <c>cmd/snapshot</c>: upload one frame of the running pipeline, people blurred, with the one-time token of an
    /// operator's request (the only frame that ever leaves the device). False refuses such requests (no subscription).
    /// </summary>
    public bool AcceptSnapshotRequests { get; set; } = true;

    /// <summary>
    /// Tell systemd (<c>$NOTIFY_SOCKET</c>) READY=1 once frames flow, WATCHDOG=1 while they keep flowing and STOPPING=1 on
    /// stop. Only the process's own device should (<c>smartcity-edge run</c>), not simulated devices inside the server.
    /// </summary>
    public bool NotifySystemd { get; set; }

    /// <summary>Loggers; null for none.</summary>
    public ILoggerFactory? Loggers { get; set; }
}
