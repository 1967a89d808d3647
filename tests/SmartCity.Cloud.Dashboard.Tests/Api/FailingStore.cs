using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Tests.Api;

/// <summary>A store whose every read fails, as a lost database connection would.</summary>
internal sealed class FailingStore : ITimeSeriesStore
{
    private static InvalidOperationException Down() => new("store is down: connection refused (secret detail that must not reach users)");

    public Task<StoreWriteResult> WriteBatchAsync(IReadOnlyList<WirePayload> messages, CancellationToken cancellationToken = default) => throw Down();

    public Task<TrafficBins> QueryTrafficAsync(TrafficQuery query, CancellationToken cancellationToken = default) => throw Down();

    public Task<AirBins> QueryAirAsync(AirQuery query, CancellationToken cancellationToken = default) => throw Down();

    public Task<IReadOnlyList<DeviceStatus>> GetLatestStatusAsync(CancellationToken cancellationToken = default) => throw Down();

    public Task<IReadOnlyDictionary<string, long>> GetLastSeqAsync(CancellationToken cancellationToken = default) => throw Down();

    public Task<long> ApplyRetentionAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) => throw Down();

    public Task<TrafficAggregate> QueryTrafficAggregateAsync(TrafficAggregateQuery query, CancellationToken cancellationToken = default) => throw Down();

    public Task<IReadOnlyList<DeviceLastSeen>> GetLastSeenAsync(CancellationToken cancellationToken = default) => throw Down();

    public Task<IReadOnlyList<HealthSnapshot>> GetLatestHealthAsync(CancellationToken cancellationToken = default) => throw Down();

    public Task<HealthBins> QueryHealthAsync(DeviceRangeQuery query, CancellationToken cancellationToken = default) => throw Down();

    public Task<QueueBins> QueryQueuesAsync(DeviceRangeQuery query, CancellationToken cancellationToken = default) => throw Down();

    public Task<SpeedBins> QuerySpeedsAsync(DeviceRangeQuery query, CancellationToken cancellationToken = default) => throw Down();

    public Task<AirFlagBins> QueryAirFlagsAsync(AirQuery query, CancellationToken cancellationToken = default) => throw Down();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
