using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Storage;

/// <summary>
/// The time-series store behind ingest and dashboard. Implementations: <see cref="DuckDb.DuckDbTimeSeriesStore"/>
/// (embedded default) and <see cref="Influx.InfluxV1TimeSeriesStore"/> (InfluxDB: v1 <c>/write</c> or InfluxDB.Client's <c>/api/v2/write</c>, InfluxQL reads).
/// </summary>
public partial interface ITimeSeriesStore : IAsyncDisposable
{
    /// <summary>
    /// Stores a batch of validated messages. Returns only once the batch is durable, so the caller may acknowledge
    /// the MQTT messages afterwards. Idempotent on (device, seq): a message stored before is skipped and counted as
    /// a duplicate. Traffic and air summaries are stored as measures; every kind but status is recorded for
    /// <see cref="GetLastSeqAsync"/>. Status is retained latest-state outside the seq ledger (wire contract): every
    /// status is kept and the latest by time wins, so a last will that repeats the birth message's seq is stored. Throws when the store cannot take the batch (the caller retries; nothing is acked).
    /// </summary>
    Task<StoreWriteResult> WriteBatchAsync(IReadOnlyList<WirePayload> messages, CancellationToken cancellationToken = default);

    /// <summary>Traffic counts per device × camera × line/movement × direction × class in bins; null where there is no data.</summary>
    Task<TrafficBins> QueryTrafficAsync(TrafficQuery query, CancellationToken cancellationToken = default);

    /// <summary>Bin means of one air quantity per device and sensor; null where no interval had a value.</summary>
    Task<AirBins> QueryAirAsync(AirQuery query, CancellationToken cancellationToken = default);

    /// <summary>The latest status message of every device that sent one.</summary>
    Task<IReadOnlyList<DeviceStatus>> GetLatestStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>The highest seq stored per device (any kind but status), for gap reporting after a restart.</summary>
    Task<IReadOnlyDictionary<string, long>> GetLastSeqAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes measures older than <paramref name="cutoff"/> (by interval start); keeps each device's latest status. Returns what it deleted where the store can tell (rows), else -1.</summary>
    Task<long> ApplyRetentionAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
