using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Dashboard.Querying;

/// <summary>What a traffic or air request selects: devices, a time range and the bin width.</summary>
/// <param name="From">Start, floored to the bin.</param>
/// <param name="To">End (exclusive), a bin boundary.</param>
/// <param name="Bin">Bin width.</param>
/// <param name="Site">The site asked for; null for the whole city or explicit devices.</param>
/// <param name="Devices">The devices asked for (all devices of the site, or the whole fleet).</param>
/// <param name="AllDevices">Whether no device or site was named.</param>
public sealed record RangeSelection(DateTimeOffset From, DateTimeOffset To, BinWidth Bin, string? Site, IReadOnlyList<string> Devices, bool AllDevices)
{
    /// <summary>Bins in the range.</summary>
    public int BinCount => Bin.CountBins(From, To);

    /// <summary>The devices for a store query: null for all.</summary>
    public IReadOnlyCollection<string>? StoreDevices => AllDevices ? null : Devices;

    /// <summary>"15m" or "1h".</summary>
    public string BinName => Bin == BinWidth.Hour ? "1h" : "15m";
}
