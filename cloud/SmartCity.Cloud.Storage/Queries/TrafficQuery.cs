namespace SmartCity.Cloud.Storage.Queries;

/// <summary>Traffic counts over a time range in bins.</summary>
/// <param name="From">Start of the range; floored to the bin.</param>
/// <param name="To">End of the range (exclusive).</param>
/// <param name="Bin">Bin width.</param>
/// <param name="Devices">Devices to read; null or empty for all.</param>
/// <param name="Kind">Lines or movements only; null for both.</param>
public sealed record TrafficQuery(
    DateTimeOffset From,
    DateTimeOffset To,
    BinWidth Bin,
    IReadOnlyCollection<string>? Devices = null,
    TrafficCountKind? Kind = null);
