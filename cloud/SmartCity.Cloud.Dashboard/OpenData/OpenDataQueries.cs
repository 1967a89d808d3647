using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.OpenData;

/// <summary>Reads the open-data aggregates from the store: 15-minute traffic counts and hourly air-quality means.</summary>
internal static class OpenDataQueries
{
    /// <summary>Air quantities published as open data.</summary>
    public static readonly string[] AirQuantities =
    [
        QuantityNames.Pm25, QuantityNames.Pm10, QuantityNames.Pm1, QuantityNames.Co2, QuantityNames.Temperature, QuantityNames.RelativeHumidity, QuantityNames.Pressure,
    ];

    /// <summary>Every non-empty 15-minute count in the range (a bin without data has no row: absent, not zero); null when over <paramref name="maxRows"/>.</summary>
    public static async Task<List<TrafficOpenRow>?> TrafficAsync(ITimeSeriesStore store, OpenDataRange r, int maxRows, CancellationToken ct)
    {
        TrafficBins bins = await store.QueryTrafficAsync(new TrafficQuery(r.From, r.To, BinWidth.FifteenMinutes, r.Devices), ct).ConfigureAwait(false);
        var rows = new List<TrafficOpenRow>();
        TimeSpan width = bins.Bin.ToTimeSpan();
        foreach (TrafficSeries s in bins.Series)
        {
            string kind = s.Kind == TrafficCountKind.Line ? "line" : "movement";
            for (int i = 0; i < s.Counts.Count; i++)
            {
                if (s.Counts[i] is { } n)
                {
                    if (rows.Count >= maxRows)
                    {
                        return null;
                    }

                    DateTimeOffset start = bins.BinStart(i);
                    rows.Add(new TrafficOpenRow(start, start + width, s.Device, s.Site, s.Camera, kind, s.Line, s.Direction, s.Class, n));
                }
            }
        }

        rows.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Device, b.Device));
        return rows;
    }

    /// <summary>Every hourly mean in the range, per device, sensor and quantity; null when over <paramref name="maxRows"/>.</summary>
    public static async Task<List<AirOpenRow>?> AirAsync(ITimeSeriesStore store, OpenDataRange r, int maxRows, CancellationToken ct, IEnumerable<string>? quantities = null)
    {
        var rows = new List<AirOpenRow>();
        foreach (string q in quantities ?? AirQuantities)
        {
            AirBins bins = await store.QueryAirAsync(new AirQuery(q, r.From, r.To, BinWidth.Hour, r.Devices), ct).ConfigureAwait(false);
            TimeSpan width = bins.Bin.ToTimeSpan();
            foreach (AirSeries s in bins.Series)
            {
                for (int i = 0; i < s.Means.Count; i++)
                {
                    if (s.Means[i] is { } mean)
                    {
                        if (rows.Count >= maxRows)
                        {
                            return null;
                        }

                        DateTimeOffset start = bins.From + (width * i);
                        rows.Add(new AirOpenRow(start, start + width, s.Device, s.Site, s.Sensor, s.Quantity, s.Unit, mean));
                    }
                }
            }
        }

        rows.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Device != b.Device ? string.CompareOrdinal(a.Device, b.Device) : string.CompareOrdinal(a.Quantity, b.Quantity));
        return rows;
    }
}
