namespace SmartCity.Cloud.Storage.Queries;

/// <summary>Traffic counts summed in the store over the dimensions not kept, in bins: what a chart or table shows.</summary>
/// <param name="From">Start of the range; floored to the bin.</param>
/// <param name="To">End of the range (exclusive).</param>
/// <param name="Bin">Bin width.</param>
/// <param name="Kind">Lines or movements (summing both would count a road user twice).</param>
/// <param name="GroupBy">The dimensions kept apart.</param>
/// <param name="Devices">Devices to read; null or empty for all.</param>
/// <param name="Line">Only this line (or movement "from>to"); null for all.</param>
public sealed record TrafficAggregateQuery(
    DateTimeOffset From,
    DateTimeOffset To,
    BinWidth Bin,
    TrafficCountKind Kind,
    TrafficDimensions GroupBy,
    IReadOnlyCollection<string>? Devices = null,
    string? Line = null);
