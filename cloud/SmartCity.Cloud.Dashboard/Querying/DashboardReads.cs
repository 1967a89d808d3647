using System.Text;
using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Dashboard.Querying;

/// <summary>
/// The store reads behind the Traffic page, asked day by day through <see cref="DayChunkCache"/> and joined again: the
/// same answer as one store query over the whole range (the join keeps "no data" apart from zero), without re-reading
/// finished days on every page load.
/// </summary>
public sealed class DashboardReads(ITimeSeriesStore store, DayChunkCache cache)
{
    /// <summary>A traffic aggregate over any range.</summary>
    public async Task<TrafficAggregate> AggregateAsync(TrafficAggregateQuery q, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(q);
        DateTimeOffset from = q.Bin.FloorToBin(q.From);
        int binCount = q.Bin.CountBins(q.From, q.To);
        DateTimeOffset to = from + q.Bin.ToTimeSpan() * binCount;
        string key = Key("agg", q.Bin, q.Devices, $"{q.Kind}|{(int)q.GroupBy}|{q.Line}");
        List<(int Offset, TrafficAggregate Part)> chunks = await ReadDaysAsync(key, from, to, q.Bin,
            (a, b) => store.QueryTrafficAggregateAsync(q with { From = a, To = b }, cancellationToken), SliceAggregate).ConfigureAwait(false);
        return Join(q, from, binCount, chunks);
    }

    /// <summary>Queue series over any range.</summary>
    public async Task<QueueBins> QueuesAsync(DeviceRangeQuery q, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(q);
        var (from, binCount, parts) = await ChunksAsync(q, "queue", (a, b) => store.QueryQueuesAsync(q with { From = a, To = b }, cancellationToken), SliceQueues).ConfigureAwait(false);
        var series = new SortedDictionary<(string, string, string), (string Site, double?[] Max, double?[] Mean, int?[] Vehicles)>();
        foreach (var (offset, part) in parts)
        {
            foreach (QueueSeries s in part.Series)
            {
                if (!series.TryGetValue((s.Device, s.Camera, s.Approach), out var e))
                {
                    e = (s.Site, new double?[binCount], new double?[binCount], new int?[binCount]);
                    series.Add((s.Device, s.Camera, s.Approach), e);
                }

                Copy(s.MaxM, e.Max, offset);
                Copy(s.MeanM, e.Mean, offset);
                Copy(s.MaxVehicles, e.Vehicles, offset);
            }
        }

        return new QueueBins(from, q.Bin, binCount, series.Select(kv => new QueueSeries(kv.Key.Item1, kv.Value.Site, kv.Key.Item2, kv.Key.Item3, kv.Value.Max, kv.Value.Mean, kv.Value.Vehicles)).ToList());
    }

    /// <summary>Speed series over any range.</summary>
    public async Task<SpeedBins> SpeedsAsync(DeviceRangeQuery q, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(q);
        var (from, binCount, parts) = await ChunksAsync(q, "speed", (a, b) => store.QuerySpeedsAsync(q with { From = a, To = b }, cancellationToken), SliceSpeeds).ConfigureAwait(false);
        var series = new SortedDictionary<(string, string, string, string), (string Site, double?[] Mean, double?[] P85, int?[] Samples)>();
        foreach (var (offset, part) in parts)
        {
            foreach (SpeedSeries s in part.Series)
            {
                if (!series.TryGetValue((s.Device, s.Camera, s.Where, s.Name), out var e))
                {
                    e = (s.Site, new double?[binCount], new double?[binCount], new int?[binCount]);
                    series.Add((s.Device, s.Camera, s.Where, s.Name), e);
                }

                Copy(s.MeanKmh, e.Mean, offset);
                Copy(s.P85Kmh, e.P85, offset);
                Copy(s.Samples, e.Samples, offset);
            }
        }

        return new SpeedBins(from, q.Bin, binCount,
            series.Select(kv => new SpeedSeries(kv.Key.Item1, kv.Value.Site, kv.Key.Item2, kv.Key.Item4, kv.Key.Item3, kv.Value.Mean, kv.Value.P85, kv.Value.Samples)).ToList());
    }

    /// <summary>Air bin means over any range.</summary>
    public async Task<AirBins> AirAsync(AirQuery q, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(q);
        var range = new DeviceRangeQuery(q.From, q.To, q.Bin, q.Devices);
        var (from, binCount, parts) = await ChunksAsync(range, "air:" + q.Quantity, (a, b) => store.QueryAirAsync(q with { From = a, To = b }, cancellationToken), SliceAir).ConfigureAwait(false);
        var series = new SortedDictionary<(string, string), (string Site, string Unit, double?[] Means)>();
        foreach (var (offset, part) in parts)
        {
            foreach (AirSeries s in part.Series)
            {
                if (!series.TryGetValue((s.Device, s.Sensor), out var e))
                {
                    e = (s.Site, s.Unit, new double?[binCount]);
                    series.Add((s.Device, s.Sensor), e);
                }

                Copy(s.Means, e.Means, offset);
            }
        }

        return new AirBins(from, q.Bin, binCount, series.Select(kv => new AirSeries(kv.Key.Item1, kv.Value.Site, kv.Key.Item2, q.Quantity, kv.Value.Unit, kv.Value.Means)).ToList());
    }

    private async Task<(DateTimeOffset From, int BinCount, List<(int Offset, T Part)> Parts)> ChunksAsync<T>(
        DeviceRangeQuery q, string kind, Func<DateTimeOffset, DateTimeOffset, Task<T>> read, Func<T, int, int, DateTimeOffset, T> slice)
        where T : class
    {
        DateTimeOffset from = q.Bin.FloorToBin(q.From);
        int binCount = q.Bin.CountBins(q.From, q.To);
        DateTimeOffset to = from + q.Bin.ToTimeSpan() * binCount;
        return (from, binCount, await ReadDaysAsync(Key(kind, q.Bin, q.Devices, ""), from, to, q.Bin, read, slice).ConfigureAwait(false));
    }

    /// <summary>
    /// The answer per UTC day: cached days from the cache; each run of consecutive uncached past days in one store query,
    /// cut into days and cached; today from the store. Offsets are bin indices from <paramref name="from"/>.
    /// </summary>
    private async Task<List<(int Offset, T Part)>> ReadDaysAsync<T>(string key, DateTimeOffset from, DateTimeOffset to, BinWidth bin,
        Func<DateTimeOffset, DateTimeOffset, Task<T>> read, Func<T, int, int, DateTimeOffset, T> slice)
        where T : class
    {
        var days = DayChunkCache.Days(from, to).ToList();
        var parts = new T?[days.Count];
        long binTicks = bin.ToTimeSpan().Ticks;
        int i = 0;
        while (i < days.Count)
        {
            var (a, b) = days[i];
            if (cache.TryGet(key, a, b, out T? hit))
            {
                parts[i++] = hit;
                continue;
            }

            if (!cache.IsPast(b))
            {
                parts[i++] = await read(a, b).ConfigureAwait(false);
                continue;
            }

            // A run of uncached past days: one read, cut at midnights.
            int j = i;
            var marks = new List<object>();
            while (j < days.Count && cache.IsPast(days[j].To) && !cache.TryGet(key, days[j].From, days[j].To, out T? _))
            {
                marks.Add(cache.Mark(days[j].From));
                j++;
            }

            T whole = await read(days[i].From, days[j - 1].To).ConfigureAwait(false);
            for (int k = i; k < j; k++)
            {
                var (da, db) = days[k];
                T part = j - i == 1 ? whole : slice(whole, (int)((da - days[i].From).Ticks / binTicks), (int)((db - da).Ticks / binTicks), da);
                cache.Put(marks[k - i], key, da, db, part);
                parts[k] = part;
            }

            i = j;
        }

        var result = new List<(int, T)>(days.Count);
        for (int k = 0; k < days.Count; k++)
        {
            result.Add(((int)((days[k].From - from).Ticks / binTicks), parts[k]!));
        }

        return result;
    }

    private static TrafficAggregate SliceAggregate(TrafficAggregate a, int offset, int count, DateTimeOffset from) =>
        new(from, a.Bin, count,
            a.Groups.Select(g => g with { Counts = g.Counts.Skip(offset).Take(count).ToArray() }).ToList(),
            a.Coverage.Select(c => c with { HasData = c.HasData.Skip(offset).Take(count).ToArray() }).ToList());

    private static QueueBins SliceQueues(QueueBins a, int offset, int count, DateTimeOffset from) =>
        new(from, a.Bin, count, a.Series.Select(s => s with
        {
            MaxM = s.MaxM.Skip(offset).Take(count).ToArray(), MeanM = s.MeanM.Skip(offset).Take(count).ToArray(),
            MaxVehicles = s.MaxVehicles.Skip(offset).Take(count).ToArray(),
        }).ToList());

    private static SpeedBins SliceSpeeds(SpeedBins a, int offset, int count, DateTimeOffset from) =>
        new(from, a.Bin, count, a.Series.Select(s => s with
        {
            MeanKmh = s.MeanKmh.Skip(offset).Take(count).ToArray(), P85Kmh = s.P85Kmh.Skip(offset).Take(count).ToArray(),
            Samples = s.Samples.Skip(offset).Take(count).ToArray(),
        }).ToList());

    private static AirBins SliceAir(AirBins a, int offset, int count, DateTimeOffset from) =>
        new(from, a.Bin, count, a.Series.Select(s => s with { Means = s.Means.Skip(offset).Take(count).ToArray() }).ToList());

    private static TrafficAggregate Join(TrafficAggregateQuery q, DateTimeOffset from, int binCount, List<(int Offset, TrafficAggregate Part)> chunks)
    {
        if (chunks.Count == 1 && chunks[0].Offset == 0 && chunks[0].Part.BinCount == binCount)
        {
            return chunks[0].Part;
        }

        bool byDevice = (q.GroupBy & TrafficDimensions.Device) != 0;
        bool byCamera = byDevice && (q.GroupBy & TrafficDimensions.Camera) != 0;
        var coverage = new SortedDictionary<(string Device, string Camera), bool[]>();
        var groups = new SortedDictionary<(string, string, string, string, string), (TrafficGroup First, long?[] Counts)>();
        foreach (var (offset, part) in chunks)
        {
            foreach (TrafficCoverage c in part.Coverage)
            {
                if (!coverage.TryGetValue((c.Device, c.Camera), out bool[]? bins))
                {
                    bins = new bool[binCount];
                    coverage.Add((c.Device, c.Camera), bins);
                }

                for (int i = 0; i < c.HasData.Count && offset + i < binCount; i++)
                {
                    bins[offset + i] = c.HasData[i];
                }
            }

            foreach (TrafficGroup g in part.Groups)
            {
                var key = (g.Device ?? "", g.Camera ?? "", g.Line ?? "", g.Direction ?? "", g.Class ?? "");
                if (!groups.ContainsKey(key))
                {
                    groups.Add(key, (g, new long?[binCount]));
                }
            }
        }

        // A group absent from a day counted nothing there: zero where its cameras had data, null where they had none.
        foreach (var (offset, part) in chunks)
        {
            var present = new Dictionary<(string, string, string, string, string), TrafficGroup>();
            foreach (TrafficGroup g in part.Groups)
            {
                present[(g.Device ?? "", g.Camera ?? "", g.Line ?? "", g.Direction ?? "", g.Class ?? "")] = g;
            }

            foreach (var (key, (first, counts)) in groups)
            {
                if (present.TryGetValue(key, out TrafficGroup? g))
                {
                    for (int i = 0; i < g.Counts.Count && offset + i < binCount; i++)
                    {
                        counts[offset + i] = g.Counts[i];
                    }

                    continue;
                }

                for (int i = 0; i < part.BinCount && offset + i < binCount; i++)
                {
                    bool covered = false;
                    foreach (TrafficCoverage c in part.Coverage)
                    {
                        if ((!byDevice || c.Device == first.Device) && (!byCamera || c.Camera == first.Camera) && c.HasData[i])
                        {
                            covered = true;
                            break;
                        }
                    }

                    counts[offset + i] = covered ? 0 : null;
                }
            }
        }

        return new TrafficAggregate(from, q.Bin, binCount,
            groups.Values.Select(v => v.First with { Counts = v.Counts }).ToList(),
            coverage.Select(kv => new TrafficCoverage(kv.Key.Device, kv.Key.Camera, kv.Value)).ToList());
    }

    private static void Copy<T>(IReadOnlyList<T?> source, T?[] target, int offset) where T : struct
    {
        for (int i = 0; i < source.Count && offset + i < target.Length; i++)
        {
            target[offset + i] = source[i];
        }
    }

    private static string Key(string kind, BinWidth bin, IReadOnlyCollection<string>? devices, string rest)
    {
        var sb = new StringBuilder(kind).Append('|').Append((int)bin).Append('|').Append(rest).Append('|');
        if (devices is { Count: > 0 })
        {
            foreach (string d in devices.Order(StringComparer.Ordinal))
            {
                sb.Append(d).Append(',');
            }
        }
        else
        {
            sb.Append('*');
        }

        return sb.ToString();
    }
}
