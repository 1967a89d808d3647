namespace SmartCity.Cloud.Storage.Queries;

/// <summary>Health history in bins: one series per device that sent health in the range.</summary>
public sealed record HealthBins(DateTimeOffset From, BinWidth Bin, int BinCount, IReadOnlyList<HealthSeries> Series);
