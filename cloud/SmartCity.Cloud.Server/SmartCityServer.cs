using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SmartCity.Cloud.Dashboard;
using SmartCity.Cloud.Dashboard.Live;
using SmartCity.Cloud.Enrollment;
using SmartCity.Cloud.Ingest;
using SmartCity.Cloud.Server.Commands;
using SmartCity.Cloud.Server.Api;
using SmartCity.Cloud.Server.Broker;
using SmartCity.Cloud.Server.Fleet;
using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.DuckDb;
using SmartCity.Cloud.Storage.Influx;
using SmartCity.Contracts;
using SmartCity.Edge.Agent;

namespace SmartCity.Cloud.Server;

/// <summary>
/// The whole system in one process: store (DuckDB file or InfluxDB), MQTT broker (embedded MQTTnet or external),
/// ingest, the HTTP API on 127.0.0.1 and N simulated edge devices (<see cref="EdgeDevice"/>) that send through the
/// broker like real ones. Prints progress as each part starts, a periodic one-line summary, and how to query the data.
/// </summary>
/// <remarks>
/// Seams for the dashboard: <see cref="BatchStored"/> re-raises the ingest's event (a live feed subscribes to it);
/// <see cref="ConfigureWeb"/> and <see cref="MapWeb"/> let it register services and endpoints on the same Kestrel host.
/// </remarks>
internal sealed class SmartCityServer : IAsyncDisposable
{
    /// <summary>Client id of the ingest node: the one client the broker lets publish commands (cmd/resend).</summary>
    public const string IngestClientId = "smartcity-server-ingest";

    private readonly ServerOptions _options;
    private readonly TextWriter _out;
    private readonly ILoggerFactory _loggers;
    private readonly LiveFeed _live = new();
    private readonly List<EdgeDevice> _devices = [];
    private readonly Stopwatch _clock = new();
    private ITimeSeriesStore? _store;
    private IngestService? _ingest;
    private EmbeddedBroker? _broker;
    private string _storeDescription = "";
    private IngestStats? _ingestFinal;
    private bool _ingestDisposed;
    private EnrollmentService? _enrollment;
    private DeviceCommands? _commands;
    private readonly LocalControl _control = LocalControl.Create();
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>Creates a server; nothing starts before <see cref="RunAsync"/>.</summary>
    public SmartCityServer(ServerOptions options, TextWriter output, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _out = output;
        _loggers = loggers;
    }

    /// <summary>Raised after each batch the ingest stored (the dashboard's live feed hooks in here).</summary>
    public event EventHandler<IngestBatchEventArgs>? BatchStored;

    /// <summary>Registers extra services on the web host before it is built (the dashboard).</summary>
    public Action<WebApplicationBuilder>? ConfigureWeb { get; set; }

    /// <summary>Maps extra endpoints on the web host (the dashboard).</summary>
    public Action<WebApplication>? MapWeb { get; set; }

    /// <summary>The data folder in use (after start).</summary>
    public string DataFolder { get; private set; } = "";

    /// <summary>The DuckDB file, when the embedded store is used.</summary>
    public string? DatabasePath { get; private set; }

    /// <summary>Host of the broker the devices and the ingest use.</summary>
    public string BrokerHost { get; private set; } = "127.0.0.1";

    /// <summary>Port of that broker.</summary>
    public int BrokerPort { get; private set; }

    /// <summary>The API/dashboard base URL.</summary>
    public Uri? HttpUrl { get; private set; }

    /// <summary>The base URL devices use to reach this server (bundle downloads): <see cref="ServerOptions.EffectivePublicHost"/> and the HTTP port.</summary>
    public Uri PublicHttpUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Called for every publish the embedded broker accepts (client id, topic, payload); set before <see cref="RunAsync"/> (tests capture the traffic).</summary>
    public Action<string, string, ReadOnlyMemory<byte>>? BrokerPublishObserver { get; set; }

    /// <summary>The embedded broker (null with an external one).</summary>
    public EmbeddedBroker? Broker => _broker;

    /// <summary>Port of the embedded broker's mutual-TLS endpoint for enrolled devices (0: none).</summary>
    public int BrokerTlsPort => _broker?.TlsPort ?? 0;

    /// <summary>Device CA, enrollment tokens and issued certificates (after start).</summary>
    public EnrollmentService Enrollment => _enrollment ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>Sends commands to devices and collects their results (after start).</summary>
    public DeviceCommands Commands => _commands ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The local control secret the CLI commands use (<c>control.json</c> in the data folder).</summary>
    public LocalControl Control => _control;

    /// <summary>Path of a pushed bundle in the data folder; null for a name that is not one of ours (32 hex digits + .scb).</summary>
    public string? BundlePath(string name) =>
        name.Length == 36 && name.EndsWith(".scb", StringComparison.Ordinal) && name.AsSpan(0, 32).IndexOfAnyExcept(LowerHex) < 0
            ? Path.Combine(DataFolder, "bundles", name)
            : null;

    /// <summary>One-time upload tokens of requested calibration snapshots.</summary>
    public SnapshotTokens SnapshotTokens { get; } = new();

    /// <summary>Where a device's uploaded calibration snapshot is kept: the dashboard's <c>snapshots/{device}.png</c>, read by the configuration editor.</summary>
    public string SnapshotPath(string device) => Path.Combine(DataFolder, "dashboard", "snapshots", $"{device}.png");

    /// <summary>Writes a line to the server's console output (operator actions such as snapshot requests).</summary>
    internal void Note(string line) => Say(line);

    /// <summary>The store (after start).</summary>
    public ITimeSeriesStore Store => _store ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The ingest service (after start); null while starting.</summary>
    public IngestService? Ingest => _ingest;

    /// <summary>The simulated devices.</summary>
    public IReadOnlyList<EdgeDevice> Devices => _devices;

    /// <summary>What the ingest stored, as the console and API see it.</summary>
    public LiveFeed Live => _live;

    /// <summary>Completes once everything is started (or the start failed).</summary>
    public Task Started => _started.Task;

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runs until <paramref name="cancellationToken"/> (Ctrl+C) or <see cref="ServerOptions.Duration"/>; then stops cleanly.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        _clock.Start();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        WebApplication? web = null;
        using var devicesStop = new CancellationTokenSource();
        var deviceTasks = new List<Task>();
        try
        {
            DataFolder = Path.GetFullPath(_options.DataFolder ?? DataFolders.Default());
            Directory.CreateDirectory(DataFolder);
            Say($"SmartCity server · data folder {DataFolder}{(_options.DataFolder is null ? " (default; --data DIR to change)" : "")}");

            var sites = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < _options.Devices; i++)
            {
                var c = SimulatedFleet.Create(i, "127.0.0.1", 1, DataFolder, _options.Interval, paced: true);
                sites[c.Device.Id] = c.Device.Site;
            }

            _store = await OpenStoreAsync(sites, stop.Token).ConfigureAwait(false);
            Say($"[1/6] store: {_storeDescription}");

            await StartBrokerAsync().ConfigureAwait(false);
            await StartIngestAsync(stop.Token).ConfigureAwait(false);
            web = await StartWebAsync(sites, stop.Token).ConfigureAwait(false);
            StartDevices(deviceTasks, devicesStop.Token);
            PrintHowToQuery(running: true);
            PrintOperatorHints();
            _started.TrySetResult();

            if (_options.Duration is { } d)
            {
                stop.CancelAfter(d);
            }

            await ReportUntilStoppedAsync(deviceTasks, stop.Token).ConfigureAwait(false);
            Say(cancellationToken.IsCancellationRequested ? "stopping (Ctrl+C) …" : "stopping (--duration reached) …");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            _started.TrySetException(ex);
            await _out.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            await ShutdownAsync(devicesStop, deviceTasks, web).ConfigureAwait(false);
            return 1;
        }

        await ShutdownAsync(devicesStop, deviceTasks, web).ConfigureAwait(false);
        PrintFinal();
        return 0;
    }

    /// <summary>Counters of the ingest after the stop (null before).</summary>
    public IngestStats? FinalIngestStats => _ingestFinal;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // RunAsync disposes everything on its way out; this covers a host that never ran it to the end.
        if (_ingest is not null && !_ingestDisposed)
        {
            _ingestDisposed = true;
            await _ingest.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The JSON of <c>/api/health</c>.</summary>
    public object DescribeHealth()
    {
        var ingest = _ingestDisposed ? _ingestFinal : _ingest?.GetStats();
        return new
        {
            status = ingest is { Connected: true } ? "ok" : "degraded",
            uptime_s = (long)_clock.Elapsed.TotalSeconds,
            data_folder = DataFolder,
            store = _storeDescription,
            broker = new
            {
                host = BrokerHost,
                port = BrokerPort,
                embedded = _broker is not null,
                accepted = _broker?.Accepted,
                refused_foreign_device = _broker?.Refused,
            },
            ingest = ingest is null ? null : new
            {
                connected = ingest.Connected,
                received = ingest.Received,
                stored = ingest.Stored,
                duplicates = ingest.Duplicates,
                dead_lettered = ingest.DeadLettered,
                store_retries = ingest.StoreRetries,
                gaps_open = ingest.GapsOpen,
                gaps_closed = ingest.GapsClosed,
            },
            devices_online = _live.Online,
            devices_simulated = _devices.Count,
            messages = new
            {
                traffic = _live.StoredOf(MessageKind.Traffic),
                air = _live.StoredOf(MessageKind.Air),
                health = _live.StoredOf(MessageKind.Health),
                status = _live.StoredOf(MessageKind.Status),
                events = _live.StoredOf(MessageKind.Events),
            },
        };
    }

    /// <summary>The JSON of <c>/api/devices</c>: latest status and last seq from the store, plus local counters of simulated devices.</summary>
    public async Task<object> DescribeDevicesAsync(CancellationToken cancellationToken)
    {
        var statuses = await Store.GetLatestStatusAsync(cancellationToken).ConfigureAwait(false);
        var seqs = await Store.GetLastSeqAsync(cancellationToken).ConfigureAwait(false);
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        ids.UnionWith(seqs.Keys);
        foreach (var s in statuses)
        {
            ids.Add(s.Device);
        }

        var list = new List<object>(ids.Count);
        foreach (var id in ids)
        {
            var status = statuses.FirstOrDefault(s => s.Device == id);
            var local = _devices.FirstOrDefault(d => d.DeviceId == id);
            var c = local?.GetCounters();
            list.Add(new
            {
                device = id,
                site = local?.Site,
                state = status?.State,
                status_ts = status?.Ts,
                detail = status?.Detail,
                last_seq_stored = seqs.TryGetValue(id, out long seq) ? seq : (long?)null,
                simulated = local is not null,
                outbox = c is null ? null : new { last_seq = c.LastSeq, acked_seq = c.AckedSeq, depth = c.OutboxDepth, connected = c.Connected },
            });
        }

        return list;
    }

    private async Task<ITimeSeriesStore> OpenStoreAsync(Dictionary<string, string> sites, CancellationToken ct)
    {
        if (_options.InfluxUrl is { } url)
        {
            InfluxStoreOptions influxOptions = _options.ToInfluxStoreOptions(sites);
            var influx = await InfluxV1TimeSeriesStore.OpenAsync(influxOptions, ct).ConfigureAwait(false);
            _storeDescription = influxOptions.WriteApi == InfluxWriteApi.V2
                ? $"InfluxDB {url} database '{_options.InfluxDatabase}' (writes: /api/v2/write bucket '{influxOptions.EffectiveBucket}' org '{influxOptions.Org}'; reads: InfluxQL)"
                : $"InfluxDB {url} database '{_options.InfluxDatabase}' (writes: /write; reads: InfluxQL)";
            return influx;
        }

        var duck = new DuckDbTimeSeriesStore(new DuckDbStoreOptions { DataFolder = DataFolder, DeviceSites = sites });
        DatabasePath = duck.Options.DatabasePath;
        _storeDescription = $"DuckDB file {DatabasePath}";
        return duck;
    }

    private async Task StartBrokerAsync()
    {
        string enrollmentFolder = Path.Combine(DataFolder, "enrollment");
        if (_options.ExternalBrokerHost is { } host)
        {
            BrokerHost = host;
            BrokerPort = _options.ExternalBrokerPort;
            _enrollment = new EnrollmentService(new EnrollmentOptions { DataFolder = enrollmentFolder, BrokerHost = host, BrokerPort = BrokerPort });
            Say($"[2/6] broker: external mqtt{(_options.ExternalBrokerTls ? "s" : "")}://{host}:{BrokerPort}{(_options.ExternalBrokerUsername is null ? "" : $" as '{_options.ExternalBrokerUsername}'")} (no embedded broker); enrolled devices are told to use it, device CA in {enrollmentFolder}");
            return;
        }

        int tlsPort = _options.BrokerTlsPort;
        if (!_options.BrokerTlsPortExplicit || tlsPort == 0)
        {
            tlsPort = LoopbackPorts.PreferOrPick(tlsPort, out _);
        }

        _enrollment = new EnrollmentService(new EnrollmentOptions { DataFolder = enrollmentFolder, BrokerHost = _options.EffectivePublicHost, BrokerPort = tlsPort });
        var names = new List<string> { "localhost", System.Net.Dns.GetHostName() };
        var addresses = new List<IPAddress> { IPAddress.Loopback };
        if (IPAddress.TryParse(_options.EffectivePublicHost, out var publicAddress))
        {
            addresses.Add(publicAddress);
        }
        else
        {
            names.Add(_options.EffectivePublicHost);
        }

        if (!_options.Listen.Equals(IPAddress.Any) && !_options.Listen.Equals(IPAddress.Loopback))
        {
            addresses.Add(_options.Listen);
        }

        var serverCertificate = _enrollment.Authority.IssueServerCertificate(names.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), addresses.Distinct().ToList());
        var tls = new BrokerTlsEndpoint(_options.Listen, tlsPort, serverCertificate, _enrollment.Authority.Certificate, _enrollment.IsRevoked);

        int port = _options.BrokerPort;
        bool moved = false;
        if (!_options.BrokerPortExplicit || port == 0)
        {
            port = LoopbackPorts.PreferOrPick(port, out moved);
        }

        _broker = await EmbeddedBroker.StartAsync(port, new HashSet<string>(StringComparer.Ordinal) { IngestClientId, DeviceCommands.ClientId }, tls, _loggers.CreateLogger<EmbeddedBroker>())
            .ConfigureAwait(false);
        _broker.PublishObserver = BrokerPublishObserver;
        BrokerHost = "127.0.0.1";
        BrokerPort = port;
        string note = moved && _options.BrokerPort != 0 ? $" (port {_options.BrokerPort} is busy, so a free one was picked)" : "";
        Say($"[2/6] broker: embedded MQTT 5 broker on mqtt://127.0.0.1:{port}{note} (simulated devices, cloud services); each client may publish only under its own device id");
        Say($"      mutual TLS for enrolled devices on mqtts://{_options.Listen}:{tlsPort} (client certificate of the device CA, CN = device id; devices are told {_options.EffectivePublicHost}:{tlsPort})");
    }

    private async Task StartIngestAsync(CancellationToken ct)
    {
        var deadLetters = new FileDeadLetterStore(Path.Combine(DataFolder, "dead-letters"));
        _ingest = new IngestService(
            Store,
            deadLetters,
            IngestOptionsFor(IngestClientId),
            _loggers.CreateLogger<IngestService>());
        _commands = new DeviceCommands(IngestOptionsFor(DeviceCommands.ClientId));
        _ingest.BatchStored += _live.OnBatchStored;
        _ingest.BatchStored += _commands.OnBatchStored;
        _ingest.BatchStored += (sender, e) => BatchStored?.Invoke(this, e);
        await _ingest.StartAsync(ct).ConfigureAwait(false);
        Say($"[3/6] ingest: shared subscription {Topics.SharedSubscription("ingest")}, dead letters in {deadLetters.Directory}");
    }

    private IngestOptions IngestOptionsFor(string clientId) => new()
    {
        BrokerHost = BrokerHost,
        BrokerPort = BrokerPort,
        ClientId = clientId,
        Username = _options.ExternalBrokerUsername,
        Password = _options.ExternalBrokerPassword,
        UseTls = _options.ExternalBrokerTls,
        CaCertificatePath = _options.ExternalBrokerCa,
        ClientCertificatePath = _options.ExternalBrokerCertificate,
        ClientKeyPath = _options.ExternalBrokerKey,
    };

    // Simulated devices get their made-up plan position; other devices show without one until configured.
    private DashboardDevice DashboardDeviceOf(string id, string site)
    {
        for (int i = 0; i < _options.Devices; i++)
        {
            if (string.Equals(SimulatedFleet.DeviceId(i), id, StringComparison.Ordinal))
            {
                var (lat, lon) = SimulatedFleet.Location(i);
                return new DashboardDevice(id, site, null, lat, lon);
            }
        }

        return new DashboardDevice(id, site);
    }

    private DashboardOptions CreateDashboardOptions(Dictionary<string, string> sites)
    {
        string? repo = DataFolders.RepositoryRoot();
        var dashboard = new DashboardOptions
        {
            Devices = sites.Select(kv => DashboardDeviceOf(kv.Key, kv.Value)).ToList(),
            DataDirectory = Path.Combine(DataFolder, "dashboard"),
            ModelsDirectory = repo is null ? Path.Combine(AppContext.BaseDirectory, "models") : Path.Combine(repo, "models"),
            DeviceConfigDirectory = repo is null ? Path.Combine(DataFolder, "device-configs") : Path.Combine(repo, "firmware-configs", "devices"),
            // A device is offline after three of its health periods without a message.
            OfflineAfter = TimeSpan.FromTicks(Math.Max(_options.Interval.Ticks * 3, TimeSpan.FromMinutes(2).Ticks)),
        };
        dashboard.Auth.InitialAdminPassword = _options.AdminPassword;
        return dashboard;
    }

    private async Task<WebApplication> StartWebAsync(Dictionary<string, string> sites, CancellationToken ct)
    {
        int port = _options.HttpPort;
        bool moved = false;
        if (!_options.HttpPortExplicit || port == 0)
        {
            port = LoopbackPorts.PreferOrPick(port, out moved);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SmartCityServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggers);
        builder.WebHost.UseKestrel(k => k.Listen(_options.Listen, port));
        builder.Services.AddSingleton(this);
        builder.Services.AddSingleton<ITimeSeriesStore>(Store);
        builder.Services.AddSingleton(Enrollment);
        builder.Services.AddSmartCityDashboard(CreateDashboardOptions(sites));
        builder.Services.AddOperatorPolicy(_control);
        ConfigureWeb?.Invoke(builder);
        var app = builder.Build();
        app.MapSmartCityDashboard();
        app.MapSmartCityApi(this);
        app.MapOperatorEndpoints(this, Commands, _control);
        MapWeb?.Invoke(app);

        // Every stored batch goes to the dashboard's live feed (SSE, alert engine), all kinds.
        var liveFeed = app.Services.GetRequiredService<DashboardLiveFeed>();
        _ingest!.BatchStored += (_, e) => liveFeed.Publish(e.Payloads);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var bound = new Uri(address ?? $"http://127.0.0.1:{port}");
        // Kestrel reports 0.0.0.0 as-is; a browser on this machine reaches it on 127.0.0.1.
        HttpUrl = _options.Listen.Equals(IPAddress.Any) ? new UriBuilder(bound) { Host = "127.0.0.1" }.Uri : bound;
        PublicHttpUrl = new UriBuilder(HttpUrl) { Host = _options.EffectivePublicHost }.Uri;
        _control.Write(DataFolder, HttpUrl);
        string note = moved && _options.HttpPort != 0 ? $" (port {_options.HttpPort} is busy, so a free one was picked)" : "";
        Say($"[4/6] HTTP on {bound}{note}: dashboard, JSON API ({HttpUrl}api/health, {HttpUrl}api/devices, {HttpUrl}api/traffic?hours=1), OpenAPI {HttpUrl}openapi/v1.json");
        Say($"[5/6] enrollment: POST {PublicHttpUrl}api/enroll (device CA {Enrollment.Authority.Certificate.Subject}, {Enrollment.DataFolder}); tokens: smartcity-server token create --device ID");
        return app;
    }

    private void StartDevices(List<Task> tasks, CancellationToken ct)
    {
        if (_options.Devices == 0)
        {
            Say("[6/6] devices: none simulated (--devices 0); waiting for real devices on the broker");
            return;
        }

        Say($"[6/6] devices: starting {_options.Devices} simulated edge devices (synthetic camera + simulated sensors, {_options.Interval.TotalSeconds:F0} s intervals{(_options.Fast ? ", unpaced" : "")}):");
        for (int i = 0; i < _options.Devices; i++)
        {
            var config = SimulatedFleet.Create(i, BrokerHost, BrokerPort, Path.Combine(DataFolder, "outbox"), _options.Interval, paced: !_options.Fast);
            var device = new EdgeDevice(config, new EdgeDeviceOptions
            {
                SimulatedSensorIndex = i,
                SummaryInterval = _options.Interval,
                SyntheticClockFromNow = true,
                Loggers = _loggers,
            });
            _devices.Add(device);
            Say($"      {device.DeviceId} · site {device.Site} · scenario {config.Synthetic.Scenario} · outbox {device.OutboxDirectory}");
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    await device.RunAsync(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Say($"device {device.DeviceId} stopped with an error: {ex.Message}");
                }
            }, CancellationToken.None));
        }
    }

    private async Task ReportUntilStoppedAsync(List<Task> deviceTasks, CancellationToken ct)
    {
        long lastStored = 0;
        var last = _clock.Elapsed;
        using var timer = new PeriodicTimer(_options.ReportEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var now = _clock.Elapsed;
                long stored = _live.Stored;
                double rate = (stored - lastStored) / Math.Max(1e-3, (now - last).TotalSeconds);
                (lastStored, last) = (stored, now);
                Say(SummaryLine(rate));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl+C or --duration.
        }
    }

    private string SummaryLine(double rate)
    {
        var ingest = _ingestDisposed ? _ingestFinal : _ingest?.GetStats();
        var t = _live.LatestTraffic;
        string interval = t is null
            ? "no traffic interval yet"
            : string.Create(CultureInfo.InvariantCulture, $"last interval {t.Device} {t.Ts.AddSeconds(-t.IntervalS):HH:mm:ss}–{t.Ts:HH:mm:ss} {StatusName(t.Status)}: {Sum(t)} line crossings");
        long backlog = 0;
        foreach (var d in _devices)
        {
            backlog += d.GetCounters().OutboxDepth;
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{DateTimeOffset.UtcNow:HH:mm:ss}Z] ingested {rate:F1} msg/s ({_live.Stored} stored: {_live.StoredOf(MessageKind.Traffic)} traffic, {_live.StoredOf(MessageKind.Air)} air, {_live.StoredOf(MessageKind.Health)} health) · devices online {_live.Online}/{Math.Max(_devices.Count, _live.States.Count)} · outbox backlog {backlog} · dead letters {ingest?.DeadLettered ?? 0} · {interval}");
    }

    private static int Sum(TrafficSummaryPayload t)
    {
        int n = 0;
        foreach (var l in t.Lines ?? [])
        {
            n += l.Count;
        }

        return n;
    }

    private static string StatusName(TrafficIntervalStatus s) => s switch
    {
        TrafficIntervalStatus.Complete => "complete",
        TrafficIntervalStatus.Partial => "partial",
        _ => "no data",
    };

    private async Task ShutdownAsync(CancellationTokenSource devicesStop, List<Task> deviceTasks, WebApplication? web)
    {
        // Devices first: they close their intervals, drain their outboxes and publish "offline" while ingest still runs.
        await devicesStop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(deviceTasks).ConfigureAwait(false);
        if (_devices.Count > 0 && _ingest is not null)
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
            while (DateTimeOffset.UtcNow < deadline && !AllOffline())
            {
                await Task.Delay(100).ConfigureAwait(false);
            }

            // Let the ingest store what is still in flight (its batch delay is tens of milliseconds).
            await Task.Delay(300).ConfigureAwait(false);
        }

        if (_ingest is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _ingest.StopAsync(timeout.Token).ConfigureAwait(false);
            _ingestFinal = _ingest.GetStats();
            await _ingest.DisposeAsync().ConfigureAwait(false);
            _ingestDisposed = true;
        }

        if (web is not null)
        {
            await web.StopAsync().ConfigureAwait(false);
            await web.DisposeAsync().ConfigureAwait(false);
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync().ConfigureAwait(false);
        }

        if (_commands is not null)
        {
            await _commands.DisposeAsync().ConfigureAwait(false);
        }

        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        _enrollment?.Dispose();
        if (DataFolder.Length > 0)
        {
            LocalControl.Remove(DataFolder);
        }
    }

    private void PrintOperatorHints()
    {
        Say("Operate the fleet (from the repository root, while this runs):");
        Say("  enrollment token:  dotnet run --project cloud/SmartCity.Cloud.Server -c Release -- token create --device DEVICE-ID");
        Say($"  provision a device: smartcity-edge provision --device DEVICE-ID --site SITE --cloud {PublicHttpUrl} --token sct_…");
        Say("  signed update:     dotnet run --project cloud/SmartCity.Cloud.Server -c Release -- push --device DEVICE-ID BUNDLE.scb");
        Say("  (walkthrough: docs/field-guide.md)");
        Say("");
        Say($"Dashboard: {HttpUrl}   (sign in at {HttpUrl}login as 'admin'{(_options.AdminPassword is null ? " with the one-time password printed above at the first start" : " with --admin-password")})");
    }

    private bool AllOffline()
    {
        foreach (var d in _devices)
        {
            if (!_live.States.TryGetValue(d.DeviceId, out var s) || s != DeviceState.Offline)
            {
                return false;
            }
        }

        return true;
    }

    private void PrintHowToQuery(bool running)
    {
        Say("");
        Say("How to query the data:");
        if (HttpUrl is not null && running)
        {
            Say($"  HTTP (while running): curl {HttpUrl}api/health   curl {HttpUrl}api/devices   curl '{HttpUrl}api/traffic?hours=1'");
        }

        if (DatabasePath is not null)
        {
            Say($"  DuckDB file: {DatabasePath}" + (running ? " (locked by this process while it runs; open it after Ctrl+C)" : ""));
            Say("  Tables: message(device, seq, kind, ts, interval_s) · traffic(start, device, site, camera, kind, line, direction, class, count)");
            Say("          coverage(start, device, camera, status, has_data) · air(start, device, site, sensor, quantity, unit, value) · status(ts, device, state, detail)");
            Say("          views traffic_15m, traffic_1h, air_15m, air_1h");
            Say($"  Example (DuckDB CLI or any DuckDB client): duckdb -readonly '{DatabasePath}' \\");
            Say("             \"SELECT bin, device, line, direction, class, count FROM traffic_15m WHERE kind = 'line' ORDER BY bin DESC, count DESC LIMIT 20\"");
        }
        else
        {
            Say($"  InfluxQL: curl -G '{_options.InfluxUrl}query' --data-urlencode 'db={_options.InfluxDatabase}' --data-urlencode 'q=SHOW MEASUREMENTS'");
        }

        Say("");
    }

    private void PrintFinal()
    {
        var ingest = _ingestFinal;
        Say(string.Create(
            CultureInfo.InvariantCulture,
            $"stopped after {_clock.Elapsed.TotalSeconds:F0} s: {_live.Stored} messages stored ({_live.StoredOf(MessageKind.Traffic)} traffic, {_live.StoredOf(MessageKind.Air)} air, {_live.StoredOf(MessageKind.Health)} health, {_live.StoredOf(MessageKind.Status)} status), duplicates {ingest?.Duplicates ?? 0}, dead letters {ingest?.DeadLettered ?? 0}, broker refusals {_broker?.Refused ?? 0}"));
        foreach (var d in _devices)
        {
            var c = d.GetCounters();
            string state = _live.States.TryGetValue(d.DeviceId, out var s) ? (s == DeviceState.Online ? "online" : "offline") : "no status";
            Say(string.Create(CultureInfo.InvariantCulture, $"  {c.DeviceId}: last seq {c.LastSeq}, acknowledged {c.AckedSeq}, refused {c.Refused}, status {state}"));
        }

        PrintHowToQuery(running: false);
    }

    private void Say(string line)
    {
        lock (_out)
        {
            _out.WriteLine(line);
            _out.Flush();
        }
    }
}
