namespace SmartCity.Cloud.Storage.Queries;

/// <summary>Per-device measures (health, queues, speeds) over a time range in bins.</summary>
/// <param name="From">Start of the range; floored to the bin.</param>
/// <param name="To">End of the range (exclusive).</param>
/// <param name="Bin">Bin width.</param>
/// <param name="Devices">Devices to read; null or empty for all.</param>
public sealed record DeviceRangeQuery(DateTimeOffset From, DateTimeOffset To, BinWidth Bin, IReadOnlyCollection<string>? Devices = null);
