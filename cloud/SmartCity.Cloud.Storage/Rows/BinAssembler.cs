using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Storage.Rows;

/// <summary>
/// Turns the raw per-bin sums of a store into dense series. Shared by every store so that the rule "null where the
/// device had no interval with data, zero where it had one and counted nothing" is the same whichever store answers.
/// </summary>
internal static class BinAssembler
{
    public static TrafficBins Traffic(TrafficQuery query, IEnumerable<TrafficBinSum> sums, IEnumerable<CoverageBin> coverage)
    {
        DateTimeOffset from = query.Bin.FloorToBin(query.From);
        int binCount = query.Bin.CountBins(query.From, query.To);

        var data = new Dictionary<(string Device, string Camera), bool[]>();
        foreach (CoverageBin c in coverage)
        {
            if ((uint)c.BinIndex >= (uint)binCount)
            {
                continue;
            }

            if (!data.TryGetValue((c.Device, c.Camera), out bool[]? bins))
            {
                bins = new bool[binCount];
                data.Add((c.Device, c.Camera), bins);
            }

            bins[c.BinIndex] |= c.HasData;
        }

        var series = new Dictionary<(string Device, string Site, string Camera, TrafficCountKind Kind, string Line, string Direction, string Class), long[]>();
        foreach (TrafficBinSum s in sums)
        {
            if ((uint)s.BinIndex >= (uint)binCount)
            {
                continue;
            }

            var key = (s.Device, s.Site, s.Camera, s.Kind, s.Line, s.Direction, s.Class);
            if (!series.TryGetValue(key, out long[]? values))
            {
                values = new long[binCount];
                series.Add(key, values);
            }

            values[s.BinIndex] += s.Sum;
        }

        var result = new List<TrafficSeries>(series.Count);
        foreach (var (key, values) in series)
        {
            data.TryGetValue((key.Device, key.Camera), out bool[]? covered);
            var counts = new int?[binCount];
            for (int i = 0; i < binCount; i++)
            {
                // A count without a covering interval can only come from a store edited by hand; data wins over silence.
                counts[i] = covered is not null && covered[i] || values[i] != 0 ? checked((int)values[i]) : null;
            }

            result.Add(new TrafficSeries(key.Device, key.Site, key.Camera, key.Kind, key.Line, key.Direction, key.Class, counts));
        }

        result.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.Device, b.Device);
            if (c == 0) c = string.CompareOrdinal(a.Camera, b.Camera);
            if (c == 0) c = a.Kind.CompareTo(b.Kind);
            if (c == 0) c = string.CompareOrdinal(a.Line, b.Line);
            if (c == 0) c = string.CompareOrdinal(a.Direction, b.Direction);
            if (c == 0) c = string.CompareOrdinal(a.Class, b.Class);
            return c;
        });

        var coverageList = new List<TrafficCoverage>(data.Count);
        foreach (var (key, bins) in data)
        {
            coverageList.Add(new TrafficCoverage(key.Device, key.Camera, bins));
        }

        coverageList.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.Device, b.Device);
            return c != 0 ? c : string.CompareOrdinal(a.Camera, b.Camera);
        });
        return new TrafficBins(from, query.Bin, binCount, result, coverageList);
    }

    public static AirBins Air(AirQuery query, IEnumerable<AirBinMean> means)
    {
        DateTimeOffset from = query.Bin.FloorToBin(query.From);
        int binCount = query.Bin.CountBins(query.From, query.To);
        var byDevice = new SortedDictionary<(string Device, string Sensor), (string Site, string Unit, double?[] Means)>();
        foreach (AirBinMean m in means)
        {
            if ((uint)m.BinIndex >= (uint)binCount)
            {
                continue;
            }

            if (!byDevice.TryGetValue((m.Device, m.Sensor), out var entry))
            {
                entry = (m.Site, m.Unit, new double?[binCount]);
                byDevice.Add((m.Device, m.Sensor), entry);
            }

            entry.Means[m.BinIndex] = m.Mean;
        }

        var series = new List<AirSeries>(byDevice.Count);
        foreach (var (key, entry) in byDevice)
        {
            series.Add(new AirSeries(key.Device, entry.Site, key.Sensor, query.Quantity, entry.Unit, entry.Means));
        }

        return new AirBins(from, query.Bin, binCount, series);
    }
}
