using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Storage.Rows;

/// <summary>Dense series from the stores' raw per-bin answers to the dashboard's queries; the same rules for every store.</summary>
internal static class DashboardBinAssembler
{
    public static TrafficAggregate Aggregate(TrafficAggregateQuery query, IEnumerable<TrafficGroupSum> sums, IEnumerable<CoverageBin> coverage)
    {
        DateTimeOffset from = query.Bin.FloorToBin(query.From);
        int binCount = query.Bin.CountBins(query.From, query.To);
        var cameras = new Dictionary<(string Device, string Camera), bool[]>();
        foreach (CoverageBin c in coverage)
        {
            if ((uint)c.BinIndex >= (uint)binCount)
            {
                continue;
            }

            if (!cameras.TryGetValue((c.Device, c.Camera), out bool[]? bins))
            {
                bins = new bool[binCount];
                cameras.Add((c.Device, c.Camera), bins);
            }

            bins[c.BinIndex] |= c.HasData;
        }

        // Presence of a group in a bin: some camera the group sums over had an interval with data there.
        bool byDevice = (query.GroupBy & TrafficDimensions.Device) != 0;
        bool byCamera = byDevice && (query.GroupBy & TrafficDimensions.Camera) != 0;
        var presence = new Dictionary<(string, string), bool[]>();
        foreach (var ((device, camera), bins) in cameras)
        {
            var key = (byDevice ? device : "", byCamera ? camera : "");
            if (!presence.TryGetValue(key, out bool[]? any))
            {
                any = new bool[binCount];
                presence.Add(key, any);
            }

            for (int i = 0; i < binCount; i++)
            {
                any[i] |= bins[i];
            }
        }

        var groups = new Dictionary<(string?, string?, string?, string?, string?), long[]>();
        foreach (TrafficGroupSum s in sums)
        {
            if ((uint)s.BinIndex >= (uint)binCount)
            {
                continue;
            }

            var key = (s.Device, s.Camera, s.Line, s.Direction, s.Class);
            if (!groups.TryGetValue(key, out long[]? values))
            {
                values = new long[binCount];
                groups.Add(key, values);
            }

            values[s.BinIndex] += s.Sum;
        }

        var result = new List<TrafficGroup>(groups.Count);
        foreach (var (key, values) in groups)
        {
            presence.TryGetValue((byDevice ? key.Item1 ?? "" : "", byCamera ? key.Item2 ?? "" : ""), out bool[]? covered);
            var counts = new long?[binCount];
            for (int i = 0; i < binCount; i++)
            {
                counts[i] = covered is not null && covered[i] || values[i] != 0 ? values[i] : null;
            }

            result.Add(new TrafficGroup(key.Item1, key.Item2, key.Item3, key.Item4, key.Item5, counts));
        }

        result.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.Device, b.Device);
            if (c == 0) c = string.CompareOrdinal(a.Camera, b.Camera);
            if (c == 0) c = string.CompareOrdinal(a.Line, b.Line);
            if (c == 0) c = string.CompareOrdinal(a.Direction, b.Direction);
            if (c == 0) c = string.CompareOrdinal(a.Class, b.Class);
            return c;
        });

        var coverageList = new List<TrafficCoverage>(cameras.Count);
        foreach (var (key, bins) in cameras)
        {
            coverageList.Add(new TrafficCoverage(key.Device, key.Camera, bins));
        }

        coverageList.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.Device, b.Device);
            return c != 0 ? c : string.CompareOrdinal(a.Camera, b.Camera);
        });
        return new TrafficAggregate(from, query.Bin, binCount, result, coverageList);
    }

    public static HealthBins Health(DeviceRangeQuery query, IEnumerable<HealthBin> rows)
    {
        int binCount = query.Bin.CountBins(query.From, query.To);
        var byDevice = new SortedDictionary<string, (double?[] Fps, double?[] Inf, long?[] Dropped, long?[] Outbox, double?[] Cpu)>(StringComparer.Ordinal);
        foreach (HealthBin r in rows)
        {
            if ((uint)r.BinIndex >= (uint)binCount)
            {
                continue;
            }

            if (!byDevice.TryGetValue(r.Device, out var s))
            {
                s = (new double?[binCount], new double?[binCount], new long?[binCount], new long?[binCount], new double?[binCount]);
                byDevice.Add(r.Device, s);
            }

            s.Fps[r.BinIndex] = r.Fps;
            s.Inf[r.BinIndex] = r.InferenceMs;
            s.Dropped[r.BinIndex] = r.FramesDropped;
            s.Outbox[r.BinIndex] = r.OutboxDepth;
            s.Cpu[r.BinIndex] = r.CpuTemperatureC;
        }

        var series = new List<HealthSeries>(byDevice.Count);
        foreach (var (device, s) in byDevice)
        {
            series.Add(new HealthSeries(device, s.Fps, s.Inf, s.Dropped, s.Outbox, s.Cpu));
        }

        return new HealthBins(query.Bin.FloorToBin(query.From), query.Bin, binCount, series);
    }

    public static QueueBins Queues(DeviceRangeQuery query, IEnumerable<QueueBin> rows)
    {
        int binCount = query.Bin.CountBins(query.From, query.To);
        var byKey = new SortedDictionary<(string Device, string Camera, string Approach), (string Site, double?[] Max, double?[] Mean, int?[] Vehicles)>();
        foreach (QueueBin r in rows)
        {
            if ((uint)r.BinIndex >= (uint)binCount)
            {
                continue;
            }

            if (!byKey.TryGetValue((r.Device, r.Camera, r.Approach), out var s))
            {
                s = (r.Site, new double?[binCount], new double?[binCount], new int?[binCount]);
                byKey.Add((r.Device, r.Camera, r.Approach), s);
            }

            s.Max[r.BinIndex] = r.MaxM;
            s.Mean[r.BinIndex] = r.MeanM;
            s.Vehicles[r.BinIndex] = r.MaxVehicles;
        }

        var series = new List<QueueSeries>(byKey.Count);
        foreach (var (key, s) in byKey)
        {
            series.Add(new QueueSeries(key.Device, s.Site, key.Camera, key.Approach, s.Max, s.Mean, s.Vehicles));
        }

        return new QueueBins(query.Bin.FloorToBin(query.From), query.Bin, binCount, series);
    }

    public static SpeedBins Speeds(DeviceRangeQuery query, IEnumerable<SpeedBin> rows)
    {
        int binCount = query.Bin.CountBins(query.From, query.To);
        var byKey = new SortedDictionary<(string Device, string Camera, string Where, string Name), (string Site, double?[] Mean, double?[] P85, int?[] Samples)>();
        foreach (SpeedBin r in rows)
        {
            if ((uint)r.BinIndex >= (uint)binCount)
            {
                continue;
            }

            if (!byKey.TryGetValue((r.Device, r.Camera, r.Where, r.Name), out var s))
            {
                s = (r.Site, new double?[binCount], new double?[binCount], new int?[binCount]);
                byKey.Add((r.Device, r.Camera, r.Where, r.Name), s);
            }

            s.Mean[r.BinIndex] = r.MeanKmh;
            s.P85[r.BinIndex] = r.P85Kmh;
            s.Samples[r.BinIndex] = r.Samples;
        }

        var series = new List<SpeedSeries>(byKey.Count);
        foreach (var (key, s) in byKey)
        {
            series.Add(new SpeedSeries(key.Device, s.Site, key.Camera, key.Name, key.Where, s.Mean, s.P85, s.Samples));
        }

        return new SpeedBins(query.Bin.FloorToBin(query.From), query.Bin, binCount, series);
    }

    public static AirFlagBins AirFlags(AirQuery query, IEnumerable<AirFlagBin> rows)
    {
        int binCount = query.Bin.CountBins(query.From, query.To);
        var byKey = new SortedDictionary<(string Device, string Sensor), (SortedSet<string>?[] Flags, int?[] Samples)>();
        foreach (AirFlagBin r in rows)
        {
            if ((uint)r.BinIndex >= (uint)binCount)
            {
                continue;
            }

            if (!byKey.TryGetValue((r.Device, r.Sensor), out var s))
            {
                s = (new SortedSet<string>?[binCount], new int?[binCount]);
                byKey.Add((r.Device, r.Sensor), s);
            }

            SortedSet<string> set = s.Flags[r.BinIndex] ??= new SortedSet<string>(StringComparer.Ordinal);
            foreach (string f in r.Flags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                set.Add(f);
            }

            s.Samples[r.BinIndex] = (s.Samples[r.BinIndex] ?? 0) + r.FlaggedSamples;
        }

        var series = new List<AirFlagSeries>(byKey.Count);
        foreach (var (key, s) in byKey)
        {
            var flags = new IReadOnlyList<string>?[binCount];
            for (int i = 0; i < binCount; i++)
            {
                flags[i] = s.Flags[i] is { } set ? [.. set] : null;
            }

            series.Add(new AirFlagSeries(key.Device, key.Sensor, query.Quantity, flags, s.Samples));
        }

        return new AirFlagBins(query.Bin.FloorToBin(query.From), query.Bin, binCount, series);
    }
}
