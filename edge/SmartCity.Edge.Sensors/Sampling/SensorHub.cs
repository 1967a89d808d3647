using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.AirQuality;

namespace SmartCity.Edge.Sensors.Sampling;

/// <summary>
/// Reads every registered sensor on its own interval and thread, keeps per-sensor health, and closes a
/// summary (statistics and QA flags per sensor and quantity) at every <see cref="SensorHubOptions.SummaryInterval"/>
/// boundary. Build one from configuration with <see cref="SensorFactory.CreateHub"/>.
/// </summary>
public sealed class SensorHub : IAsyncDisposable, IDisposable
{
    // A consumer (the uplink) that stalls must not grow memory without bound; after an hour of minute
    // summaries the oldest is dropped and logged; the outbox downstream is the durable store, not this queue.
    private const int SummaryBacklog = 64;

    private readonly SensorChannel[] _channels;
    private readonly ILogger _logger;
    private readonly Channel<AirIntervalSummary> _summaries;
    private readonly SensorPairComparer _pairs;
    private readonly Lock _intervalGate = new();
    private CancellationTokenSource? _stopping;
    private bool _stopped;
    private Thread? _summaryThread;
    private DateTimeOffset _intervalStart;
    private double _humidity = double.NaN;
    private long _humidityAtTicks;

    /// <summary>Creates a hub for <paramref name="sensors"/>; nothing is opened until <see cref="Start"/>.</summary>
    public SensorHub(IEnumerable<SensorRegistration> sensors, SensorHubOptions? options = null, ILogger<SensorHub>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        Options = options ?? new SensorHubOptions();
        if (Options.SummaryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"SummaryInterval: {Options.SummaryInterval} must be positive.", nameof(options));
        }

        _logger = logger ?? NullLogger<SensorHub>.Instance;
        var list = new List<SensorChannel>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var registration in sensors)
        {
            if (!names.Add(registration.Name))
            {
                throw new ArgumentException($"Sensor name '{registration.Name}' is registered twice.", nameof(sensors));
            }

            list.Add(new SensorChannel(registration, this, _logger));
        }

        _channels = [.. list];
        _pairs = new SensorPairComparer(new QualityRules());
        _summaries = Channel.CreateBounded<AirIntervalSummary>(new BoundedChannelOptions(SummaryBacklog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = true,
        });
        _intervalStart = Now;
    }

    /// <summary>The hub-wide settings.</summary>
    public SensorHubOptions Options { get; }

    /// <summary>Closed summary intervals, oldest first.</summary>
    public ChannelReader<AirIntervalSummary> Summaries => _summaries.Reader;

    /// <summary>Names of the registered sensors.</summary>
    public IReadOnlyList<string> SensorNames => Array.ConvertAll(_channels, c => c.Name);

    internal static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>Starts one thread per sensor and the summary clock.</summary>
    public void Start()
    {
        if (_stopping is not null || _stopped)
        {
            throw new InvalidOperationException(_stopped ? "The sensor hub was stopped; create a new one." : "The sensor hub is already started.");
        }

        _stopping = new CancellationTokenSource();
        lock (_intervalGate)
        {
            _intervalStart = Now;
        }

        foreach (var channel in _channels)
        {
            channel.Start(_stopping.Token);
        }

        var token = _stopping.Token;
        _summaryThread = new Thread(() => RunSummaryClock(token)) { IsBackground = true, Name = "sensor summaries" };
        _summaryThread.Start();
    }

    /// <summary>Health of every sensor (allocates a snapshot; call it per report, not per reading).</summary>
    public IReadOnlyList<SensorHealth> GetHealth()
    {
        var health = new SensorHealth[_channels.Length];
        for (int i = 0; i < _channels.Length; i++)
        {
            health[i] = _channels[i].Health();
        }

        return health;
    }

    /// <summary>Closes the current interval now (e.g. at shutdown) and returns it; it is not queued to <see cref="Summaries"/>.</summary>
    public AirIntervalSummary CompleteInterval() => CompleteInterval(Now);

    /// <summary>Closes the current interval at <paramref name="end"/> and starts the next one there.</summary>
    public AirIntervalSummary CompleteInterval(DateTimeOffset end)
    {
        lock (_intervalGate)
        {
            var start = _intervalStart;
            _intervalStart = end;
            var length = end - start;
            var quantities = new List<QuantitySummary>();
            var cf1 = new double?[_channels.Length];
            var firstIndex = new int[_channels.Length];
            for (int i = 0; i < _channels.Length; i++)
            {
                firstIndex[i] = quantities.Count;
                _channels[i].Collect(quantities, length, Options.Completeness, out cf1[i]);
            }

            FlagDisagreement(quantities);
            if (Options.HumidityCorrection)
            {
                Correct(quantities, cf1, firstIndex);
            }

            return new AirIntervalSummary(start, end, quantities);
        }
    }

    /// <summary>Stops every loop, puts sleep-capable sensors to sleep and closes the devices.</summary>
    public async ValueTask StopAsync()
    {
        // Idempotent: the second stop (or a dispose after a stop) finds nothing to do.
        var stopping = Interlocked.Exchange(ref _stopping, null);
        if (stopping is null)
        {
            return;
        }

        _stopped = true;

        try
        {
            await StopLoopsAsync(stopping).ConfigureAwait(false);
        }
        finally
        {
            stopping.Dispose();
        }
    }

    private async Task StopLoopsAsync(CancellationTokenSource stopping)
    {

        await stopping.CancelAsync().ConfigureAwait(false);

        // Reads are synchronous and bounded by their timeouts (3 s for a UART); join off the caller's thread.
        await Task.Run(() =>
        {
            foreach (var channel in _channels)
            {
                channel.Join(TimeSpan.FromSeconds(10));
            }

            _summaryThread?.Join(TimeSpan.FromSeconds(5));
        }).ConfigureAwait(false);

        foreach (var channel in _channels)
        {
            channel.Close();
        }

        _summaries.Writer.TryComplete();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The open sensor of <paramref name="name"/> (null while it is missing); for diagnostics and tests.</summary>
    internal ISensor? SensorOf(string name)
    {
        foreach (var channel in _channels)
        {
            if (string.Equals(channel.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return channel.Sensor;
            }
        }

        return null;
    }

    /// <summary>The newest ambient humidity (%) when one was read within two summary intervals.</summary>
    internal double? AmbientHumidity(DateTimeOffset now)
    {
        long at = Interlocked.Read(ref _humidityAtTicks);
        if (at == 0 || now.UtcTicks - at > 2 * Options.SummaryInterval.Ticks)
        {
            return null;
        }

        double value = Volatile.Read(ref _humidity);
        return double.IsFinite(value) ? value : null;
    }

    internal void ReportHumidity(double value, DateTimeOffset at)
    {
        Volatile.Write(ref _humidity, value);
        Interlocked.Exchange(ref _humidityAtTicks, at.UtcTicks);
    }

    private void FlagDisagreement(List<QuantitySummary> quantities)
    {
        // A/B check on PM2.5 and PM10: every further particulate sensor is compared with the first one.
        foreach (var quantity in (ReadOnlySpan<Quantity>)[Quantity.Pm25, Quantity.Pm10])
        {
            int first = -1;
            for (int i = 0; i < quantities.Count; i++)
            {
                var q = quantities[i];
                if (q.Quantity != quantity || q.Mean is null)
                {
                    continue;
                }

                if (first < 0)
                {
                    first = i;
                    continue;
                }

                if (_pairs.Compare(quantities[first].Mean!.Value, q.Mean.Value) == QualityFlags.SensorDisagreement)
                {
                    quantities[first] = quantities[first] with { Flags = quantities[first].Flags | QualityFlags.SensorDisagreement };
                    quantities[i] = q with { Flags = q.Flags | QualityFlags.SensorDisagreement };
                }
            }
        }
    }

    private static void Correct(List<QuantitySummary> quantities, double?[] cf1, int[] firstIndex)
    {
        double? humidity = null;
        foreach (var q in quantities)
        {
            // A pinned (condensed) humidity sensor would make the correction meaningless.
            if (q.Quantity == Quantity.RelativeHumidity && q.Mean is { } rh && (q.Flags & QualityFlags.HumidityPinned) == 0)
            {
                humidity = rh;
                break;
            }
        }

        if (humidity is not { } ambient)
        {
            return;
        }

        for (int c = 0; c < cf1.Length; c++)
        {
            if (cf1[c] is not { } pmCf1)
            {
                continue;
            }

            int end = c + 1 < firstIndex.Length ? firstIndex[c + 1] : quantities.Count;
            for (int i = firstIndex[c]; i < end; i++)
            {
                if (quantities[i].Quantity == Quantity.Pm25)
                {
                    quantities[i] = quantities[i] with
                    {
                        CorrectedPm25 = Math.Round(HumidityCorrection.EpaPm25NonNegative(pmCf1, ambient), 2),
                        Flags = quantities[i].Flags | QualityFlags.Corrected,
                    };
                }
            }
        }
    }

    private void RunSummaryClock(CancellationToken stopping)
    {
        long interval = Options.SummaryInterval.Ticks;
        var lastBoundary = DateTimeOffset.MinValue;
        while (true)
        {
            var now = Now;

            // Aligned boundaries (xx:01:00, xx:02:00, …) so summaries from every device line up in the cloud. A
            // boundary is closed once: never again, whatever the clock does.
            var boundary = new DateTimeOffset(Math.Max(now.UtcTicks / interval + 1, lastBoundary.UtcTicks / interval + 1) * interval, TimeSpan.Zero);
            if (stopping.WaitHandle.WaitOne(boundary - now))
            {
                return;
            }

            // WaitOne rounds to whole milliseconds and can wake a moment early; closing the same boundary again would
            // emit empty zero-length intervals in a tight loop and push the real one out of the bounded channel.
            while (Now < boundary)
            {
                if (stopping.WaitHandle.WaitOne(1))
                {
                    return;
                }
            }

            lastBoundary = boundary;
            var summary = CompleteInterval(boundary);
            if (_summaries.Reader.Count >= SummaryBacklog)
            {
                SensorHubLog.SummaryDropped(_logger, SummaryBacklog);
            }

            _summaries.Writer.TryWrite(summary);
        }
    }
}
