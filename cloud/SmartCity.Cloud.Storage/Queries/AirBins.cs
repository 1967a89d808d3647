namespace SmartCity.Cloud.Storage.Queries;

/// <summary>The answer to an <see cref="AirQuery"/>: one series per device that has the quantity in the range.</summary>
public sealed record AirBins(DateTimeOffset From, BinWidth Bin, int BinCount, IReadOnlyList<AirSeries> Series);
