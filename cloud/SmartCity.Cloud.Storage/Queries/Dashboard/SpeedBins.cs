namespace SmartCity.Cloud.Storage.Queries;

/// <summary>Speeds in bins: one series per device × camera × line or approach seen in the range.</summary>
public sealed record SpeedBins(DateTimeOffset From, BinWidth Bin, int BinCount, IReadOnlyList<SpeedSeries> Series);
