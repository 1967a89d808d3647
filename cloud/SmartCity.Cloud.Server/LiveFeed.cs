using System.Collections.Concurrent;
using SmartCity.Cloud.Ingest;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Server;

/// <summary>
/// What the console summary and <c>/api/health</c> know from the batches the ingest stored: messages per kind, the
/// latest status and traffic interval per device. Fed by <see cref="IngestService.BatchStored"/> (the same event the
/// dashboard's live feed subscribes to).
/// </summary>
internal sealed class LiveFeed
{
    private readonly ConcurrentDictionary<string, DeviceState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrafficSummaryPayload> _lastTraffic = new(StringComparer.Ordinal);
    private readonly long[] _byKind = new long[Enum.GetValues<MessageKind>().Length];
    private long _stored;
    private TrafficSummaryPayload? _latestTraffic;

    /// <summary>Messages stored (duplicates the ingest knew of excluded).</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Messages stored of <paramref name="kind"/>.</summary>
    public long StoredOf(MessageKind kind) => Interlocked.Read(ref _byKind[(int)kind]);

    /// <summary>The latest traffic interval of any device.</summary>
    public TrafficSummaryPayload? LatestTraffic => Volatile.Read(ref _latestTraffic);

    /// <summary>The latest status state per device.</summary>
    public IReadOnlyDictionary<string, DeviceState> States => _states;

    /// <summary>Devices whose latest status is online.</summary>
    public int Online
    {
        get
        {
            int n = 0;
            foreach (var s in _states.Values)
            {
                n += s == DeviceState.Online ? 1 : 0;
            }

            return n;
        }
    }

    /// <summary>The handler for <see cref="IngestService.BatchStored"/>.</summary>
    public void OnBatchStored(object? sender, IngestBatchEventArgs e)
    {
        foreach (var p in e.Payloads)
        {
            Interlocked.Increment(ref _stored);
            Interlocked.Increment(ref _byKind[(int)p.Kind]);
            switch (p)
            {
                case StatusPayload s:
                    _states[s.Device] = s.State;
                    break;
                case TrafficSummaryPayload t:
                    _lastTraffic[t.Device] = t;
                    if (_latestTraffic is not { } latest || t.Ts >= latest.Ts)
                    {
                        Volatile.Write(ref _latestTraffic, t);
                    }

                    break;
            }
        }
    }
}
