using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Storage;

/// <summary>The reads the dashboard needs beyond the ingest side's: aggregates, health, queues, speeds, QA flags.</summary>
public partial interface ITimeSeriesStore
{
    /// <summary>Traffic counts summed over the dimensions not in <see cref="TrafficAggregateQuery.GroupBy"/>; null where no camera of a group had data.</summary>
    Task<TrafficAggregate> QueryTrafficAggregateAsync(TrafficAggregateQuery query, CancellationToken cancellationToken = default);

    /// <summary>The newest message of every device that sent one, any kind.</summary>
    Task<IReadOnlyList<DeviceLastSeen>> GetLastSeenAsync(CancellationToken cancellationToken = default);

    /// <summary>The latest health message of every device that sent one.</summary>
    Task<IReadOnlyList<HealthSnapshot>> GetLatestHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>Health history per device in bins.</summary>
    Task<HealthBins> QueryHealthAsync(DeviceRangeQuery query, CancellationToken cancellationToken = default);

    /// <summary>Queue lengths per approach in bins.</summary>
    Task<QueueBins> QueryQueuesAsync(DeviceRangeQuery query, CancellationToken cancellationToken = default);

    /// <summary>Speeds per line and approach in bins.</summary>
    Task<SpeedBins> QuerySpeedsAsync(DeviceRangeQuery query, CancellationToken cancellationToken = default);

    /// <summary>QA flags of one air quantity per device and sensor in bins.</summary>
    Task<AirFlagBins> QueryAirFlagsAsync(AirQuery query, CancellationToken cancellationToken = default);
}
