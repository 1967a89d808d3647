namespace SmartCity.Cloud.Storage.Queries;

/// <summary>Queues in bins: one series per device × camera × approach seen in the range.</summary>
public sealed record QueueBins(DateTimeOffset From, BinWidth Bin, int BinCount, IReadOnlyList<QueueSeries> Series);
