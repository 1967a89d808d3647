using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Dashboard.Querying;

/// <summary>
/// The devices the dashboard knows: the registry in <see cref="DashboardOptions.Devices"/> plus every device the store
/// has heard from. The store's list is cached briefly so that a page and its API calls do not each scan the ledger.
/// </summary>
public sealed class DeviceDirectory : IDisposable, Live.IDashboardBatchObserver
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly DashboardOptions _options;
    private readonly ITimeSeriesStore _store;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>Created by DI.</summary>
    public DeviceDirectory(DashboardOptions options, ITimeSeriesStore store, TimeProvider clock)
    {
        _options = options;
        _store = store;
        _clock = clock;
    }

    /// <summary>Every known device, by id, and the store's last-seen record of each (absent when never heard from).</summary>
    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        long now = _clock.GetTimestamp();
        if (_snapshot is { } s && _clock.GetElapsedTime(s.TakenAt, now) < CacheFor)
        {
            return s;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_snapshot is { } again && _clock.GetElapsedTime(again.TakenAt, _clock.GetTimestamp()) < CacheFor)
            {
                return again;
            }

            IReadOnlyList<DeviceLastSeen> seen = await _store.GetLastSeenAsync(cancellationToken).ConfigureAwait(false);
            var devices = new SortedDictionary<string, DashboardDevice>(StringComparer.Ordinal);
            foreach (DashboardDevice d in _options.Devices)
            {
                devices[d.Id] = d;
            }

            var lastSeen = new Dictionary<string, DeviceLastSeen>(StringComparer.Ordinal);
            foreach (DeviceLastSeen l in seen)
            {
                lastSeen[l.Device] = l;
                if (!devices.ContainsKey(l.Device))
                {
                    devices[l.Device] = new DashboardDevice(l.Device, DeviceSiteMap.Unassigned);
                }
            }

            var snapshot = new Snapshot(_clock.GetTimestamp(), [.. devices.Values], devices, lastSeen);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _refresh.Dispose();

    /// <summary>New data may come from a device never seen before: read the list again on next use.</summary>
    public void OnBatch(IReadOnlyList<SmartCity.Contracts.WirePayload> batch) => Invalidate();

    /// <summary>Forgets the cached list (after new data arrived).</summary>
    public void Invalidate() => _snapshot = null;

    /// <summary>One reading of the directory.</summary>
    public sealed record Snapshot(
        long TakenAt,
        IReadOnlyList<DashboardDevice> Devices,
        IReadOnlyDictionary<string, DashboardDevice> ById,
        IReadOnlyDictionary<string, DeviceLastSeen> LastSeen)
    {
        /// <summary>The sites, sorted.</summary>
        public IReadOnlyList<string> Sites { get; } = Devices.Select(d => d.Site).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }
}
