using System.Diagnostics;
using System.Globalization;
using SmartCity.Bench.Ingest.Audit;
using SmartCity.Bench.Ingest.Fleet;
using SmartCity.Cloud.Ingest;
using SmartCity.Cloud.Storage.DuckDb;
using SmartCity.TestServers;

namespace SmartCity.Bench.Ingest.Faults;

/// <summary>
/// The cloud half of a fault run: Mosquitto with the devices' users, a DuckDB store in a temp folder, a file
/// dead-letter store and ingest nodes (sharing one <see cref="SeqAuditor"/>, as nodes of one process do) with short gap
/// and reconnect timings. Ends with the seq audit of the store file.
/// </summary>
internal sealed class FaultRig : IAsyncDisposable
{
    private readonly List<IngestService> _nodes = [];
    private readonly List<IngestService> _running = [];
    private readonly List<IAsyncDisposable> _proxies = [];
    private readonly FileDeadLetterStore _deadLetters;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private DuckDbTimeSeriesStore? _store;

    private FaultRig(MosquittoServer broker, string folder, TextWriter log)
    {
        Broker = broker;
        Folder = folder;
        Log = log;
        StoreOptions = new DuckDbStoreOptions { DataFolder = folder, FileName = "faults.duckdb", Retention = null };
        _store = new DuckDbTimeSeriesStore(StoreOptions);
        _deadLetters = new FileDeadLetterStore(Path.Combine(folder, "dead-letters"));
    }

    public MosquittoServer Broker { get; }

    public string Folder { get; }

    public TextWriter Log { get; }

    public DuckDbStoreOptions StoreOptions { get; }

    public SeqAuditor Auditor { get; } = new();

    public StoredTracker Tracker { get; } = new();

    public TimeSpan Elapsed => _clock.Elapsed;

    public static async Task<FaultRig> StartAsync(IEnumerable<string> deviceIds, TextWriter log, CancellationToken cancellationToken)
    {
        var options = new MosquittoServerOptions { MaxQueuedMessages = 0, MaxInflightMessages = 0 };
        foreach (string id in deviceIds)
        {
            options.Devices[id] = FleetOptions.PasswordFor(id);
        }

        MosquittoServer broker = await MosquittoServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        string folder = Directory.CreateTempSubdirectory("smartcity-faults-").FullName;
        return new FaultRig(broker, folder, log);
    }

    /// <summary>Starts an ingest node on <paramref name="port"/> (the broker's, or a proxy in front of it).</summary>
    public async Task<IngestService> StartNodeAsync(string clientId, int? port, CancellationToken cancellationToken)
    {
        var node = new IngestService(_store ?? throw new ObjectDisposedException(nameof(FaultRig)), _deadLetters, new IngestOptions
        {
            BrokerHost = MosquittoServer.Host,
            BrokerPort = port ?? Broker.Port,
            ClientId = clientId,
            Username = Broker.IngestUser,
            Password = Broker.IngestPassword,
            KeepAlive = TimeSpan.FromSeconds(5),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromSeconds(2),
            MaxBatchDelay = TimeSpan.FromMilliseconds(20),
            GapGrace = TimeSpan.FromSeconds(2),
            ResendMinInterval = TimeSpan.FromSeconds(1),
            TailProbeAfter = TimeSpan.FromSeconds(3),
            SessionExpiry = Environment.GetEnvironmentVariable("SMARTCITY_FAULT_INGEST_SESSION_EXPIRY_S") is { } e
                ? TimeSpan.FromSeconds(double.Parse(e, CultureInfo.InvariantCulture)) : new IngestOptions().SessionExpiry,
        }, auditor: Auditor);
        Tracker.Attach(node);
        _nodes.Add(node);
        _running.Add(node);
        await node.StartAsync(cancellationToken).ConfigureAwait(false);
        await WaitUntilAsync(() => node.GetStats().Connected, TimeSpan.FromSeconds(30), $"ingest node {clientId} did not connect", cancellationToken).ConfigureAwait(false);
        return node;
    }

    /// <summary>Keeps <paramref name="resource"/> until the rig is disposed.</summary>
    public void Own(IAsyncDisposable resource) => _proxies.Add(resource);

    /// <summary>Stops a node (its counters stay in the result).</summary>
    public async Task StopNodeAsync(IngestService node)
    {
        _running.Remove(node);
        await node.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Waits until every published message was reported stored, or <paramref name="timeout"/>; logs progress.</summary>
    public async Task<bool> WaitCompleteAsync(IReadOnlyDictionary<string, (long First, long Last)> ranges, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan nextLog = TimeSpan.FromSeconds(5);
        while (true)
        {
            long missing = Tracker.Missing(ranges);
            if (missing == 0)
            {
                Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  all {Total(ranges)} messages stored after {clock.Elapsed.TotalSeconds:F1} s of draining"));
                return true;
            }

            if (clock.Elapsed > timeout)
            {
                Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {missing} messages still not stored after {timeout.TotalSeconds:F0} s"));
                return false;
            }

            if (clock.Elapsed > nextLog)
            {
                Log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  draining: {missing} of {Total(ranges)} not stored yet; gaps open {Auditor.GapsOpen}, resend requests {_nodes.Sum(static n => n.GetStats().ResendRequests)}"));
                nextLog += TimeSpan.FromSeconds(5);
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the nodes, closes the store and audits its file.</summary>
    public async Task<FaultRunResult> FinishAsync(string name, int faults, IReadOnlyDictionary<string, (long First, long Last)> ranges, string details)
    {
        foreach (IngestService node in _running.ToArray())
        {
            await StopNodeAsync(node).ConfigureAwait(false);
        }

        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
            _store = null;
        }

        SeqAuditReport audit = StoreAudit.Run(StoreOptions.DatabasePath, ranges, BenchPayloads.AirQuantities);
        return new FaultRunResult
        {
            Name = name,
            Faults = faults,
            Audit = audit,
            Nodes = _nodes.Select(static n => n.GetStats()).ToList(),
            Elapsed = _clock.Elapsed,
            Details = details,
            BrokerLog = Broker.RecentLog,
        };
    }

    public static long Total(IReadOnlyDictionary<string, (long First, long Last)> ranges) => ranges.Values.Sum(static r => Math.Max(0, r.Last - r.First + 1));

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{what} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IngestService node in _running.ToArray())
        {
            await StopNodeAsync(node).ConfigureAwait(false);
        }

        foreach (IAsyncDisposable resource in _proxies)
        {
            await resource.DisposeAsync().ConfigureAwait(false);
        }

        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        _deadLetters.Dispose();
        await Broker.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child may still hold a file for a moment; the temp folder is the OS's to clean then.
        }
    }
}
