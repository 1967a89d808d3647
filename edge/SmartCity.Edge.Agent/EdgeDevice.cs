using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Contracts;
using SmartCity.Edge.Agent.Commands;
using SmartCity.Edge.Agent.Configuration;
using SmartCity.Edge.Agent.Pipeline;
using SmartCity.Edge.Agent.Uplink;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Detection;
using SmartCity.Edge.Sensors;
using SmartCity.Edge.Sensors.Sampling;
using SmartCity.Edge.Sensors.Simulation;
using SmartCity.Edge.Simulation;
using SmartCity.Edge.Simulation.Scenarios;
using SmartCity.Edge.Uplink.Mqtt;
using SmartCity.Edge.Uplink.Outbox;
using SmartCity.Edge.Vision.Frames;
using SmartCity.Edge.Vision.Motion;
using SmartCity.Edge.Vision.Sources;

namespace SmartCity.Edge.Agent;

/// <summary>
/// One edge device end to end, in-process: source → motion gate → detector → tracker → analytics, and the sensor
/// hub, into the disk outbox, and from there to the broker through <see cref="MqttPublisherPump"/>. The pipeline
/// never waits for the network: summaries are appended to the outbox (a local disk write), and the pump sends from
/// the outbox on its own task, so a slow or absent broker only makes the outbox deeper.
/// </summary>
/// <remarks>
/// <c>smartcity-edge run</c> uses it when the configuration has an <c>uplink</c> section; the cloud server runs several
/// of them as simulated devices. On stop the interval in progress is closed (marked partial by the analytics) and
/// sent, the outbox is drained for up to <see cref="EdgeDeviceOptions.DrainTimeout"/>, and the device publishes its
/// retained "offline" status before it disconnects.
/// </remarks>
public sealed partial class EdgeDevice
{
    private readonly AgentConfiguration _config;
    private readonly UplinkSettings _uplink;
    private readonly EdgeDeviceOptions _options;
    private readonly ILogger _logger;
    private readonly FrameSourceFactory _sources;
    private readonly DateTimeOffset _birth = DateTimeOffset.UtcNow;
    private readonly List<IntervalSummary> _intervals = [];
    private readonly List<CrossingEvent> _crossings = [];
    private DeviceRuntime? _runtime;
    private long _traffic;
    private long _air;
    private long _health;
    private long _events;
    private long _storageErrors;
    private long _airSkipped;
    private string? _lastTraffic;
    private int _running;
    private EdgeDeviceCounters? _final;

    /// <summary>Creates a device from its configuration, which must have an <c>uplink</c> section; validated here.</summary>
    /// <exception cref="AgentConfigurationException">The configuration is invalid; the message names the key.</exception>
    public EdgeDevice(AgentConfiguration configuration, EdgeDeviceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _config = configuration;
        _options = options ?? new EdgeDeviceOptions();
        _uplink = configuration.Uplink
            ?? throw new AgentConfigurationException($"device {configuration.Device.Id}: Uplink: the section is required to run a device with an uplink.");
        _sources = CreateSourceFactory(() => _config.Synthetic, _options.SyntheticClockFromNow);
        AgentConfigurationLoader.Validate(configuration, $"device {configuration.Device.Id}", _sources);
        if (_options.SummaryInterval is { } i && (i < TimeSpan.FromSeconds(1) || i.Ticks % TimeSpan.TicksPerSecond != 0 || TimeSpan.TicksPerDay % i.Ticks != 0))
        {
            throw new AgentConfigurationException($"device {configuration.Device.Id}: SummaryInterval {i} must be whole seconds that divide a day.");
        }

        _logger = _options.Loggers?.CreateLogger<EdgeDevice>() ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The device id.</summary>
    public string DeviceId => _config.Device.Id;

    /// <summary>The site the device watches.</summary>
    public string Site => _config.Device.Site;

    /// <summary>The outbox folder.</summary>
    public string OutboxDirectory => _uplink.ResolveOutboxDirectory(DeviceId);

    /// <summary>The device's configuration.</summary>
    public AgentConfiguration Configuration => _config;

    /// <summary>Air summaries shorter than a second that were not sent (empty intervals from the sensor hub's clock).</summary>
    public long AirIntervalsSkipped => Interlocked.Read(ref _airSkipped);

    /// <summary>The running parts, for the live console; null before start and after stop.</summary>
    internal DeviceRuntime? Runtime => Volatile.Read(ref _runtime);

    /// <summary>A snapshot of the counters (cheap; safe from any thread).</summary>
    public EdgeDeviceCounters GetCounters()
    {
        var rt = Runtime;
        if (rt is null && Volatile.Read(ref _final) is { } final)
        {
            return final with { Running = false };
        }

        var pipeline = rt?.Pipeline.Stats.Snapshot();
        var uplink = rt?.Pump.GetHealth();
        var outbox = rt?.Outbox.GetStats();
        return new EdgeDeviceCounters(
            DeviceId,
            Volatile.Read(ref _running) == 1,
            pipeline?.Frames ?? 0,
            pipeline?.DetectorRuns ?? 0,
            rt?.Source.Health.FramesDropped ?? 0,
            Interlocked.Read(ref _traffic),
            Interlocked.Read(ref _air),
            Interlocked.Read(ref _health),
            Interlocked.Read(ref _events),
            (rt?.Writer.Refused ?? 0) + Interlocked.Read(ref _storageErrors),
            outbox?.LastSeq ?? 0,
            outbox?.Checkpoint ?? 0,
            outbox?.PendingRecords ?? 0,
            outbox?.DroppedRecords ?? 0,
            uplink?.Connected ?? false,
            uplink?.Reconnects ?? 0,
            Volatile.Read(ref _lastTraffic));
    }

    /// <summary>
    /// The built-in sources plus the synthetic scene, paced like a camera when <c>RealTime</c> is set; with
    /// <paramref name="clockFromNow"/> the scene's clock starts at the current time.
    /// </summary>
    public static FrameSourceFactory CreateSourceFactory(Func<SyntheticSourceSettings> synthetic, bool clockFromNow = true)
    {
        ArgumentNullException.ThrowIfNull(synthetic);
        var factory = new FrameSourceFactory();
        factory.Register(FrameSourceTypes.Synthetic, (options, pool) =>
        {
            var settings = synthetic();
            var preset = ScenarioCatalog.Get(settings.Scenario);
            var scenario = preset with { Duration = null, Seed = settings.Seed ?? preset.Seed };
            if (clockFromNow)
            {
                // Whole seconds, so that frame timestamps fall on the same interval grid as the sensor hub's clock.
                long now = DateTimeOffset.UtcNow.UtcTicks;
                scenario = scenario with { StartTime = new DateTimeOffset(now - (now % TimeSpan.TicksPerSecond), TimeSpan.Zero) };
            }

            IFrameSource scene = new SyntheticTrafficScene(scenario, pool);
            return options.RealTime ? new PacedFrameSource(scene) : scene;
        });
        return factory;
    }

    /// <summary>Runs the device until <paramref name="cancellationToken"/> is cancelled (or a finite source ends).</summary>
    /// <exception cref="ModelLoadException">The model cannot be loaded.</exception>
    /// <exception cref="InvalidOperationException">The device is already running.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            throw new InvalidOperationException($"Device {DeviceId} is already running.");
        }

        try
        {
            await RunCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task RunCoreAsync(CancellationToken cancellationToken)
    {
        string folder = ResolveModelFolder();
        var manifest = ModelManifest.Load(folder);
        var tracking = TrackerProfile.For(manifest, _config.Tracker, _config.Detector.ScoreThreshold);
        var detectorOptions = TrackerProfile.DetectorOptions(_config.Detector, tracking);

        using var detector = ObjectDetector.Load(folder, detectorOptions);
        bool synthetic = string.Equals(_config.Source.Type, FrameSourceTypes.Synthetic, StringComparison.OrdinalIgnoreCase);
        var scene = synthetic ? ScenarioCatalog.Get(_config.Synthetic.Scenario) : null;
        var pool = new FramePool(scene?.Width ?? 1920, scene?.Height ?? 1080, maxRetained: 8);
        MotionGate? gate = _config.Motion.Enabled ? new MotionGate(_config.Motion) : null;
        var traffic = RunCommand.CreateTraffic(_config, scene, tracking, _options.SummaryInterval, _uplink.CrossingEvents);
        // cmd/snapshot takes its frame from the running pipeline (a real camera cannot be opened twice).
        var grabber = _options.AcceptSnapshotRequests ? new SnapshotGrabber(detector, SnapshotBlurClasses(), onlyObserver: traffic is null) : null;
        var observers = new List<IFrameObserver>(2);
        if (traffic is not null)
        {
            observers.Add(traffic);
        }

        if (grabber is not null)
        {
            observers.Add(grabber);
        }

        var pipeline = new VisionPipeline(detector, gate, observers, _config.Detector.ScoreThreshold);
        var description = DeviceDescription.Create(
            DeviceDescription.CurrentAgentVersion, _uplink.Firmware ?? DeviceDescription.ReadFirmwareRelease(),
            manifest.Name, manifest.Version, manifest.Sha256);

        var sensorInterval = _options.SummaryInterval ?? _config.Sensors.SummaryInterval;
        await using SensorHub? sensors = _config.Sensors.Items.Count > 0
            ? SensorFactory.CreateHub(WithInterval(_config.Sensors, sensorInterval), _options.Loggers)
            : synthetic ? SimulatedSensorFleet.CreateHub(_options.SimulatedSensorIndex, SimulatedSensorFleet.DemoConfiguration(sensorInterval), _options.Loggers) : null;

        using var outbox = DiskOutbox.Open(
            new DiskOutboxOptions { Directory = OutboxDirectory, QuotaBytes = _uplink.OutboxQuotaBytes },
            _options.Loggers?.CreateLogger<DiskOutbox>());
        var writer = new WireOutboxWriter(outbox, DeviceId);
        // Status is latest-state, outside the seq audit, but the store's (device, seq) ledger still sees its seq: the
        // checkpoint names a record the broker has already acknowledged, so a status can never shadow a pending one.
        long statusSeq = outbox.Checkpoint;
        var now = DateTimeOffset.UtcNow;
        byte[] birth = WireOutboxWriter.Serialize(StatusPayloads.Create(DeviceId, statusSeq, DeviceState.Online, description, _birth, now));
        byte[] will = WireOutboxWriter.Serialize(StatusPayloads.Create(DeviceId, statusSeq, DeviceState.Offline, description, _birth, now));
        var pump = new MqttPublisherPump(outbox, ToUplinkOptions(), birth, will, _options.Loggers?.CreateLogger<MqttPublisherPump>());
        using var commands = _options.Updates is { } updates
            ? new CommandRuntime(DeviceId, updates, ModelLocator.Resolve(_config.Detector.Model), manifest.Name)
            : null;
        using var snapshots = grabber is null ? null : new SnapshotUploader(grabber, DeviceId);
        AttachCommands(pump, commands, snapshots);

        using var notifier = _options.NotifySystemd ? SystemdNotifier.FromEnvironment() : null;
        var supervision = notifier is null ? null : new SystemdSupervision(notifier);

        await using var source = _sources.CreateSupervised(_config.Source, pool, _config.Supervisor);
        var runtime = new DeviceRuntime(pipeline, source, gate, traffic, sensors, outbox, writer, pump, description);
        Volatile.Write(ref _runtime, runtime);
        DeviceLog.Started(_logger, DeviceId, _config.Source.Type, manifest.Name, OutboxDirectory, _uplink.Host, _uplink.Port);

        using var pumpStop = new CancellationTokenSource();
        var pumpTask = Task.Run(() => pump.RunAsync(pumpStop.Token), CancellationToken.None);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        sensors?.Start();
        source.Start(stop.Token);
        var consumer = Task.Run(() => pipeline.RunAsync(source.Frames, stop.Token), CancellationToken.None);
        var health = new HealthClock(_uplink.HealthPeriod, DateTimeOffset.UtcNow);
        Exception? failure = null;
        try
        {
            while (!consumer.IsCompleted && !stop.IsCancellationRequested)
            {
                try
                {
                    await Task.WhenAny(consumer, Task.Delay(_options.CollectPeriod, stop.Token)).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                Collect(runtime, health, DateTimeOffset.UtcNow, final: false);
                supervision?.OnLoop(pipeline.Stats.Snapshot().Frames, DateTimeOffset.UtcNow, SupervisionStatus());
            }
        }
        finally
        {
            supervision?.Stopping();
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await consumer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A normal stop.
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            // The pipeline has stopped: its state is ours to read. The interval in progress is closed as it stands.
            traffic?.FlushAfterStop();
            Collect(runtime, health, DateTimeOffset.UtcNow, final: true);
            await DrainAsync(outbox).ConfigureAwait(false);
            await pumpStop.CancelAsync().ConfigureAwait(false);
            try
            {
                await pumpTask.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }

            long lastSeq = outbox.GetStats().LastSeq;
            DeviceLog.Stopped(_logger, DeviceId, lastSeq, outbox.Checkpoint);
            Volatile.Write(ref _final, GetCounters());
            Volatile.Write(ref _runtime, null);
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"device {DeviceId}: the vision pipeline failed: {failure.Message}", failure);
        }
    }

    private string SupervisionStatus()
    {
        var c = GetCounters();
        return string.Create(CultureInfo.InvariantCulture, $"{c.Frames} frames, seq {c.LastSeq}, acked {c.AckedSeq}, outbox {c.OutboxDepth}, {(c.Connected ? "connected" : "not connected")}");
    }

    /// <summary>Moves completed summaries into the outbox and fsyncs them as one batch. Never blocks on the network.</summary>
    private void Collect(DeviceRuntime rt, HealthClock healthClock, DateTimeOffset now, bool final)
    {
        try
        {
            bool appended = false;
            var sourceHealth = rt.Source.Health;
            if (rt.Traffic is { } traffic)
            {
                traffic.ReportDroppedFrames(sourceHealth.FramesDropped - rt.DropsReported);
                rt.DropsReported = sourceHealth.FramesDropped;
                _intervals.Clear();
                traffic.TakeCompleted(_intervals);
                foreach (var summary in _intervals)
                {
                    appended |= Append(rt, TrafficPayloadMapper.Map(summary, DeviceId, 0), ref _traffic);
                    Volatile.Write(ref _lastTraffic, RunCommand.Describe(summary));
                    if (traffic.CollectCrossings)
                    {
                        appended |= AppendCrossings(rt, traffic, summary.Camera, summary.End);
                    }
                }
            }

            if (rt.Sensors is { } sensors)
            {
                while (sensors.Summaries.TryRead(out var air))
                {
                    if (air.End - air.Start < TimeSpan.FromSeconds(1))
                    {
                        // The hub's summary clock can wake a moment before its boundary and close empty,
                        // zero-length intervals; they measure nothing and would only burn seqs.
                        Interlocked.Increment(ref _airSkipped);
                        continue;
                    }

                    rt.LastAir = air;
                    appended |= Append(rt, AirPayloadMapper.Map(air, DeviceId, 0), ref _air);
                }

                if (final)
                {
                    // The interval in progress at shutdown, when it is long enough to say anything.
                    var last = sensors.CompleteInterval(now);
                    if (last.End - last.Start >= TimeSpan.FromSeconds(1) && last.Quantities.Count > 0)
                    {
                        appended |= Append(rt, AirPayloadMapper.Map(last, DeviceId, 0), ref _air);
                    }
                }
            }

            if (healthClock.IsDue(now) || final)
            {
                appended |= Append(rt, HealthPayloadMapper.Map(SampleHealth(rt, healthClock, now), rt.Description, DeviceId, 0), ref _health);
            }

            if (appended)
            {
                rt.Outbox.Flush();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // A full or failing disk loses these summaries, never the pipeline; counted and logged.
            Interlocked.Increment(ref _storageErrors);
            DeviceLog.OutboxFailed(_logger, DeviceId, ex.Message);
        }
    }

    private bool AppendCrossings(DeviceRuntime rt, TrafficObserver traffic, string camera, DateTimeOffset end)
    {
        _crossings.Clear();
        traffic.TakeCrossings(_crossings);
        bool appended = false;
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_crossings);
        for (int offset = 0; offset < all.Length; offset += CrossingEventsMapper.MaxCrossingsPerMessage)
        {
            var batch = all.Slice(offset, Math.Min(CrossingEventsMapper.MaxCrossingsPerMessage, all.Length - offset));
            var start = rt.LastEventsEnd ?? batch[0].Timestamp;
            var batchEnd = batch[^1].Timestamp > end ? batch[^1].Timestamp : end;
            appended |= Append(rt, CrossingEventsMapper.Map(batch, camera, start < batchEnd ? start : batchEnd.AddSeconds(-1), batchEnd, DeviceId, 0), ref _events);
        }

        rt.LastEventsEnd = end;
        return appended;
    }

    private bool Append(DeviceRuntime rt, WirePayload payload, ref long counter)
    {
        if (rt.Writer.TryAppend(payload, out string? error) < 0)
        {
            DeviceLog.Refused(_logger, DeviceId, error ?? "");
            return false;
        }

        Interlocked.Increment(ref counter);
        return true;
    }

    private HealthSample SampleHealth(DeviceRuntime rt, HealthClock clock, DateTimeOffset now)
    {
        var stats = rt.Pipeline.Stats.Snapshot();
        var dropped = rt.Source.Health.FramesDropped;
        var outbox = rt.Outbox.GetStats();
        var previous = rt.LastHealthSnapshot;
        long frames = stats.Frames - (previous?.Frames ?? 0);
        long runs = stats.Inference.Count - (previous?.Inference.Count ?? 0);
        double ms = stats.Inference.TotalMs - (previous?.Inference.TotalMs ?? 0);
        var sample = new HealthSample(
            now,
            clock.Take(now),
            rt.Traffic?.Analytics.Layout.Camera ?? (rt.Source.Name.Length > 0 ? DeviceId + "-cam" : null),
            frames,
            runs > 0 ? ms / runs : null,
            rt.Pipeline.Stats.InferencePercentile95(previous?.DetectorRuns ?? 0),
            dropped - rt.LastHealthDrops,
            outbox.PendingRecords,
            outbox.DroppedRecords,
            CpuTemperature.TryRead(),
            now - _birth);
        rt.LastHealthSnapshot = stats;
        rt.LastHealthDrops = dropped;
        return sample;
    }

    private async Task DrainAsync(DiskOutbox outbox)
    {
        long target = outbox.GetStats().DurableSeq;
        var deadline = DateTimeOffset.UtcNow + _options.DrainTimeout;
        while (outbox.Checkpoint < target && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
        }

        if (outbox.Checkpoint < target)
        {
            DeviceLog.DrainIncomplete(_logger, DeviceId, target - outbox.Checkpoint, _options.DrainTimeout.TotalSeconds);
        }
    }

    private static HashSet<TrafficClass> SnapshotBlurClasses()
    {
        var classes = new HashSet<TrafficClass>();
        foreach (string name in SnapshotCommand.DefaultBlurClasses)
        {
            if (TrafficClasses.TryParse(name, out var c))
            {
                classes.Add(c);
            }
        }

        return classes;
    }

    private UplinkOptions ToUplinkOptions() => new()
    {
        DeviceId = DeviceId,
        Host = _uplink.Host,
        Port = _uplink.Port,
        UseTls = _uplink.Tls,
        CaCertificatePath = _uplink.CaCertificate,
        ClientCertificatePath = _uplink.ClientCertificate,
        ClientKeyPath = _uplink.ClientKey,
        Username = _uplink.Username,
        Password = _uplink.Password,
        SessionExpiry = _uplink.SessionExpiry,
    };

    private static Sensors.Configuration.SensorsConfiguration WithInterval(Sensors.Configuration.SensorsConfiguration config, TimeSpan interval) => new()
    {
        SummaryInterval = interval,
        HumidityCorrection = config.HumidityCorrection,
        MaxBackoff = config.MaxBackoff,
        Items = config.Items,
    };

    /// <summary>The parts of a running device (live console, counters).</summary>
    internal sealed class DeviceRuntime(
        VisionPipeline pipeline, SupervisedFrameSource source, MotionGate? gate, TrafficObserver? traffic, SensorHub? sensors,
        DiskOutbox outbox, WireOutboxWriter writer, MqttPublisherPump pump, DeviceDescription description)
    {
        public VisionPipeline Pipeline { get; } = pipeline;

        public SupervisedFrameSource Source { get; } = source;

        public MotionGate? Gate { get; } = gate;

        public TrafficObserver? Traffic { get; } = traffic;

        public SensorHub? Sensors { get; } = sensors;

        public DiskOutbox Outbox { get; } = outbox;

        public WireOutboxWriter Writer { get; } = writer;

        public MqttPublisherPump Pump { get; } = pump;

        public DeviceDescription Description { get; } = description;

        public AirIntervalSummary? LastAir { get; set; }

        public long DropsReported { get; set; }

        public PipelineSnapshot? LastHealthSnapshot { get; set; }

        public long LastHealthDrops { get; set; }

        public DateTimeOffset? LastEventsEnd { get; set; }
    }

    /// <summary>When the next health message is due and how long the period since the last one was.</summary>
    private sealed class HealthClock(TimeSpan period, DateTimeOffset start)
    {
        private DateTimeOffset _last = start;

        public bool IsDue(DateTimeOffset now) => now - _last >= period;

        public TimeSpan Take(DateTimeOffset now)
        {
            var length = now - _last;
            _last = now;
            return length;
        }
    }

    private static partial class DeviceLog
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Device {DeviceId} started: source {Source}, model {Model}, outbox {Outbox}, broker {Host}:{Port}")]
        public static partial void Started(ILogger logger, string deviceId, string source, string model, string outbox, string host, int port);

        [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Device {DeviceId}: a message was refused and not sent: {Reason}")]
        public static partial void Refused(ILogger logger, string deviceId, string reason);

        [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Device {DeviceId}: the outbox could not store summaries: {Reason}")]
        public static partial void OutboxFailed(ILogger logger, string deviceId, string reason);

        [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Device {DeviceId}: {Pending} messages still in the outbox after {Seconds} s; they are sent at the next start")]
        public static partial void DrainIncomplete(ILogger logger, string deviceId, long pending, double seconds);

        [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Device {DeviceId}: cmd/{Name} {RequestId}: {Outcome}: {Detail}")]
        public static partial void CommandHandled(ILogger logger, string deviceId, string name, string requestId, CommandOutcome outcome, string detail);

        [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Device {DeviceId} stopped: last seq {LastSeq}, acknowledged {Checkpoint}")]
        public static partial void Stopped(ILogger logger, string deviceId, long lastSeq, long checkpoint);
    }

    /// <summary>Processor temperature from the Linux thermal zone (°C), or null where the board has none.</summary>
    private static class CpuTemperature
    {
        private const string Zone = "/sys/class/thermal/thermal_zone0/temp";

        public static double? TryRead()
        {
            try
            {
                if (!File.Exists(Zone))
                {
                    return null;
                }

                string text = File.ReadAllText(Zone).Trim();
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long milli) && milli is > -50_000 and < 150_000
                    ? milli / 1000.0
                    : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
