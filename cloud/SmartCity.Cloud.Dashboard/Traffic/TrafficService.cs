using SmartCity.Cloud.Dashboard.Querying;
using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Dashboard.Traffic;

/// <summary>Builds the Traffic page's data from the store: counts over time, turning-movement tables with PHF, queues and speeds.</summary>
public sealed class TrafficService(DashboardReads store)
{
    /// <summary>Turning movements, queues and speeds are per intersection: shown for at most this many devices.</summary>
    public const int MaxDetailDevices = 6;

    /// <summary>Queue and speed charts show at most this many lines.</summary>
    public const int MaxDetailSeries = 8;

    /// <summary>The whole view.</summary>
    public async Task<TrafficView> GetAsync(TrafficRequest request, CancellationToken cancellationToken)
    {
        RangeSelection sel = request.Selection;
        TrafficCountKind kind = request.Kind == "movement" ? TrafficCountKind.Movement : TrafficCountKind.Line;
        TrafficDimensions dims = request.Group switch
        {
            "line" => TrafficDimensions.Line,
            "direction" => TrafficDimensions.Direction,
            "device" => TrafficDimensions.Device,
            _ => TrafficDimensions.Class,
        };

        Task<TrafficAggregate> countsTask = store.AggregateAsync(
            new TrafficAggregateQuery(sel.From, sel.To, sel.Bin, kind, dims, sel.StoreDevices, request.Line), cancellationToken);
        bool detail = sel.Devices.Count <= MaxDetailDevices;
        Task<TrafficDetail>? detailTask = detail ? GetDetailAsync(sel, cancellationToken) : null;
        TrafficAggregate counts = await countsTask.ConfigureAwait(false);
        TrafficDetail? details = detailTask is null ? null : await detailTask.ConfigureAwait(false);

        var series = new List<ChartSeries>(counts.Groups.Count);
        int i = 0;
        foreach (TrafficGroup g in counts.Groups)
        {
            string key = request.Group switch
            {
                "line" => g.Line ?? "",
                "direction" => g.Direction ?? "",
                "device" => g.Device ?? "",
                _ => g.Class ?? "",
            };
            string color = request.Group == "class" ? SeriesColors.ForClass(key) : SeriesColors.At(i);
            series.Add(ToSeries(key, Label(request.Group, key), color, g.Counts));
            i++;
        }

        // The busiest first: the legend reads in order of importance.
        series.Sort(static (a, b) => b.Total.CompareTo(a.Total));
        string unit = (kind == TrafficCountKind.Line ? "crossings" : "road users") + (sel.Bin == BinWidth.Hour ? " / h" : " / 15 min");
        return new TrafficView(sel.From, sel.To, sel.BinName, (int)sel.Bin.ToTimeSpan().TotalSeconds, counts.BinCount, request.Kind, request.Group, unit,
            sel.Site, sel.Devices, series, Coverage(counts), details,
            detail ? null : $"Turning movements, queues and speeds are shown per intersection: choose a site or up to {MaxDetailDevices} devices.");
    }

    private async Task<TrafficDetail> GetDetailAsync(RangeSelection sel, CancellationToken cancellationToken)
    {
        var range = new DeviceRangeQuery(sel.From, sel.To, sel.Bin, sel.Devices);
        Task<QueueBins> queuesTask = store.QueuesAsync(range, cancellationToken);
        Task<SpeedBins> speedsTask = store.SpeedsAsync(range, cancellationToken);
        // Turning-movement counts and PHF are defined on 15-minute counts whatever the chart's bin.
        Task<TrafficAggregate> movementsTask = store.AggregateAsync(new TrafficAggregateQuery(sel.From, sel.To, BinWidth.FifteenMinutes,
            TrafficCountKind.Movement, TrafficDimensions.Device | TrafficDimensions.Line | TrafficDimensions.Direction, sel.Devices), cancellationToken);
        QueueBins queues = await queuesTask.ConfigureAwait(false);
        SpeedBins speeds = await speedsTask.ConfigureAwait(false);
        TrafficAggregate movements = await movementsTask.ConfigureAwait(false);

        bool oneDevice = sel.Devices.Count == 1;
        var queueSeries = queues.Series
            .Select(s => (Series: s, Peak: s.MaxM.Max() ?? 0))
            .OrderByDescending(s => s.Peak).Take(MaxDetailSeries)
            .Select((s, i) => ToSeries($"{s.Series.Device}/{s.Series.Camera}/{s.Series.Approach}",
                oneDevice ? s.Series.Approach : $"{s.Series.Approach} · {s.Series.Device}", SeriesColors.At(i), s.Series.MaxM))
            .ToList();
        var speedSeries = speeds.Series
            .Select(s => (Series: s, Samples: s.Samples.Sum(v => v ?? 0)))
            .OrderByDescending(s => s.Samples).Take(MaxDetailSeries)
            .Select((s, i) => ToSeries($"{s.Series.Device}/{s.Series.Camera}/{s.Series.Where}/{s.Series.Name}",
                (oneDevice ? s.Series.Name : $"{s.Series.Name} · {s.Series.Device}") + " (mean)", SeriesColors.At(i), s.Series.MeanKmh))
            .ToList();
        return new TrafficDetail(TurningMovements.Tables(movements), "m", queueSeries, "km/h", speedSeries);
    }

    private static ChartSeries ToSeries<T>(string key, string label, string color, IReadOnlyList<T?> values) where T : struct, IConvertible
    {
        var v = new double?[values.Count];
        double total = 0;
        for (int i = 0; i < v.Length; i++)
        {
            if (values[i] is { } x)
            {
                double d = x.ToDouble(System.Globalization.CultureInfo.InvariantCulture);
                v[i] = Math.Round(d, 2);
                total += d;
            }
        }

        return new ChartSeries(key, label, color, v, Math.Round(total, 2));
    }

    private static double?[] Coverage(TrafficAggregate counts)
    {
        var share = new double?[counts.BinCount];
        int cameras = counts.Coverage.Count;
        if (cameras == 0)
        {
            return share;
        }

        for (int b = 0; b < share.Length; b++)
        {
            int with = 0;
            foreach (TrafficCoverage c in counts.Coverage)
            {
                if (c.HasData[b])
                {
                    with++;
                }
            }

            share[b] = with == 0 ? null : Math.Round((double)with / cameras, 3);
        }

        return share;
    }

    private static string Label(string group, string key) => group switch
    {
        "class" => key.Length == 0 ? "(none)" : char.ToUpperInvariant(key[0]) + key[1..],
        "direction" => key switch { "in" => "In", "out" => "Out", "left" => "Left", "right" => "Right", "through" => "Through", "u_turn" => "U-turn", _ => key },
        _ => key,
    };
}
