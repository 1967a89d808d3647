using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Tests.Infrastructure;

/// <summary>What the pages must show, computed from the seeded payloads (the ground truth), bin by bin.</summary>
public static class SeedExpectations
{
    /// <summary>Bin index of an interval that ends at <paramref name="end"/> in a range starting at <paramref name="from"/>.</summary>
    public static int BinOf(DateTimeOffset from, DateTimeOffset end, int intervalS = SeedData.IntervalS) =>
        (int)((end - TimeSpan.FromSeconds(intervalS) - from).Ticks / TimeSpan.FromMinutes(15).Ticks);

    /// <summary>
    /// Line crossings of <paramref name="cls"/> per 15-minute bin over the given devices; null where none of them sent an
    /// interval with data.
    /// </summary>
    public static double?[] LineCounts(SeedData seed, DateTimeOffset from, int bins, string cls, params string[] devices)
    {
        var result = new double?[bins];
        foreach (TrafficSummaryPayload t in seed.Payloads.OfType<TrafficSummaryPayload>())
        {
            int b = BinOf(from, t.Ts, t.IntervalS);
            if (!devices.Contains(t.Device) || b < 0 || b >= bins || t.Status == TrafficIntervalStatus.NoData)
            {
                continue;
            }

            result[b] = (result[b] ?? 0) + t.Lines!.Where(l => l.Class == cls).Sum(l => l.Count);
        }

        return result;
    }

    /// <summary>Mean of one air quantity per 15-minute bin for one device (one interval per bin in the seed).</summary>
    public static double?[] Air(SeedData seed, DateTimeOffset from, int bins, string device, string quantity)
    {
        var result = new double?[bins];
        foreach (AirSummaryPayload a in seed.Payloads.OfType<AirSummaryPayload>().Where(a => a.Device == device))
        {
            int b = BinOf(from, a.Ts, a.IntervalS);
            if (b >= 0 && b < bins && a.Quantities.FirstOrDefault(q => q.Quantity == quantity)?.Mean is { } m)
            {
                result[b] = Math.Round(m, 2);
            }
        }

        return result;
    }

    /// <summary>Parses a chart path's data-values ("1,2,,4": empty = no data).</summary>
    public static double?[] ParseValues(string dataValues) =>
        dataValues.Split(',').Select(v => v.Length == 0 ? (double?)null : double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
