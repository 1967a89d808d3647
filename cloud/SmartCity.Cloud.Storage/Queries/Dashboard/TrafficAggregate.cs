namespace SmartCity.Cloud.Storage.Queries;

/// <summary>The answer to a <see cref="TrafficAggregateQuery"/>.</summary>
/// <param name="From">Start of the first bin.</param>
/// <param name="Bin">Bin width.</param>
/// <param name="BinCount">Bins in every group.</param>
/// <param name="Groups">Groups seen in the range, ordered by their dimension values.</param>
/// <param name="Coverage">Per device and camera with any interval in the range: whether each bin holds data.</param>
public sealed record TrafficAggregate(
    DateTimeOffset From,
    BinWidth Bin,
    int BinCount,
    IReadOnlyList<TrafficGroup> Groups,
    IReadOnlyList<TrafficCoverage> Coverage)
{
    /// <summary>The start of bin <paramref name="index"/>.</summary>
    public DateTimeOffset BinStart(int index) => From + (Bin.ToTimeSpan() * index);
}
