namespace SmartCity.Cloud.Storage.Queries;

/// <summary>The answer to a <see cref="TrafficQuery"/>.</summary>
/// <param name="From">Start of the first bin.</param>
/// <param name="Bin">Bin width.</param>
/// <param name="BinCount">Bins in every series.</param>
/// <param name="Series">One series per device × line × direction × class seen in the range, ordered by those keys.</param>
/// <param name="Coverage">Per device and camera with any interval in the range: whether each bin holds data, so a
/// camera that counted nothing at all still shows zeros apart from its gaps.</param>
public sealed record TrafficBins(
    DateTimeOffset From,
    BinWidth Bin,
    int BinCount,
    IReadOnlyList<TrafficSeries> Series,
    IReadOnlyList<TrafficCoverage> Coverage)
{
    /// <summary>The start of bin <paramref name="index"/>.</summary>
    public DateTimeOffset BinStart(int index) => From + (Bin.ToTimeSpan() * index);
}
