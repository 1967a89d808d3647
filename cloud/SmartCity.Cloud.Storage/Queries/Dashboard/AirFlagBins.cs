namespace SmartCity.Cloud.Storage.Queries;

/// <summary>QA flags of one air quantity in bins: one series per device × sensor that had a flagged interval in the range.</summary>
public sealed record AirFlagBins(DateTimeOffset From, BinWidth Bin, int BinCount, IReadOnlyList<AirFlagSeries> Series);
