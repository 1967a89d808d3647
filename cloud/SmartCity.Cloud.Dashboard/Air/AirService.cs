using SmartCity.AirQuality;
using SmartCity.AirQuality.Indices;
using SmartCity.AirQuality.Limits;
using SmartCity.Cloud.Dashboard.Querying;
using SmartCity.Cloud.Dashboard.Traffic;
using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.Air;

/// <summary>Builds the Air quality page's data: charts with QA flags, US AQI with NowCast, EAQI, EU exceedances this year.</summary>
public sealed class AirService(ITimeSeriesStore store, DashboardReads reads, TimeProvider clock)
{
    /// <summary>The whole view.</summary>
    public async Task<AirView> GetAsync(RangeSelection sel, CancellationToken cancellationToken)
    {
        var charts = new Task<AirChart>[AirQuantities.Charted.Length];
        for (int i = 0; i < charts.Length; i++)
        {
            var (quantity, label, unit) = AirQuantities.Charted[i];
            charts[i] = ChartAsync(sel, quantity, label, unit, cancellationToken);
        }

        DateTimeOffset now = clock.GetUtcNow();
        Task<IReadOnlyList<AirCurrent>> current = CurrentAsync(sel, now, cancellationToken);
        Task<IReadOnlyList<AirExceedances>> exceedances = ExceedancesAsync(sel, now, cancellationToken);
        AirChart[] done = await Task.WhenAll(charts).ConfigureAwait(false);
        return new AirView(sel.From, sel.To, sel.BinName, (int)sel.Bin.ToTimeSpan().TotalSeconds, sel.BinCount, sel.Site, sel.Devices, done,
            await current.ConfigureAwait(false), await exceedances.ConfigureAwait(false));
    }

    private async Task<AirChart> ChartAsync(RangeSelection sel, string quantity, string label, string unit, CancellationToken cancellationToken)
    {
        var query = new AirQuery(quantity, sel.From, sel.To, sel.Bin, sel.StoreDevices);
        Task<AirBins> binsTask = reads.AirAsync(query, cancellationToken);
        Task<AirFlagBins> flagsTask = store.QueryAirFlagsAsync(query, cancellationToken);
        AirBins bins = await binsTask.ConfigureAwait(false);
        AirFlagBins flags = await flagsTask.ConfigureAwait(false);
        bool oneSensorEach = bins.Series.GroupBy(s => s.Device).All(g => g.Count() == 1);
        var series = new List<ChartSeries>(bins.Series.Count);
        for (int i = 0; i < bins.Series.Count; i++)
        {
            AirSeries s = bins.Series[i];
            var values = new double?[s.Means.Count];
            double total = 0;
            for (int b = 0; b < values.Length; b++)
            {
                if (s.Means[b] is { } v)
                {
                    values[b] = Math.Round(v, 2);
                    total += v;
                }
            }

            series.Add(new ChartSeries(Key(s.Device, s.Sensor), oneSensorEach ? s.Device : $"{s.Device} ({s.Sensor})", SeriesColors.At(i), values, Math.Round(total, 2)));
        }

        var marks = new List<AirFlagMark>();
        foreach (AirFlagSeries f in flags.Series)
        {
            for (int b = 0; b < f.Flags.Count; b++)
            {
                if (f.Flags[b] is { } names)
                {
                    marks.Add(new AirFlagMark(Key(f.Device, f.Sensor), b, names, f.FlaggedSamples[b] ?? 0));
                }
            }
        }

        IReadOnlyList<ReferenceLine> reference = quantity switch
        {
            QuantityNames.Pm25 => [new ReferenceLine("WHO 24-h guideline 15 µg/m³", 15, "#b45309"), new ReferenceLine("EU daily limit from 2030: 25 µg/m³", 25, "#b91c1c")],
            QuantityNames.Pm10 => [new ReferenceLine("EU daily limit 50 µg/m³", 50, "#b91c1c")],
            _ => [],
        };
        return new AirChart(quantity, label, unit, series, marks, reference);
    }

    private async Task<IReadOnlyList<AirCurrent>> CurrentAsync(RangeSelection sel, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Complete hours only: the NowCast's hour 0 is the hour just ended.
        DateTimeOffset to = BinWidth.Hour.FloorToBin(now);
        DateTimeOffset from = to - TimeSpan.FromHours(NowCast.WindowHours);
        Task<AirBins> pm25Task = store.QueryAirAsync(new AirQuery(QuantityNames.Pm25, from, to, BinWidth.Hour, sel.StoreDevices), cancellationToken);
        Task<AirBins> pm10Task = store.QueryAirAsync(new AirQuery(QuantityNames.Pm10, from, to, BinWidth.Hour, sel.StoreDevices), cancellationToken);
        AirBins pm25 = await pm25Task.ConfigureAwait(false);
        AirBins pm10 = await pm10Task.ConfigureAwait(false);
        var result = new List<AirCurrent>();
        foreach (string device in pm25.Series.Select(s => s.Device).Concat(pm10.Series.Select(s => s.Device)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            double[] h25 = MostRecentFirst(pm25, device);
            double[] h10 = MostRecentFirst(pm10, device);
            var aqis = new List<AqiResult>(2);
            double? nc25 = null, nc10 = null;
            if (NowCast.TryComputeAqi(AqiPollutant.Pm25, h25, out AqiResult a25) && NowCast.TryCompute(AqiPollutant.Pm25, h25, out double c25))
            {
                aqis.Add(a25);
                nc25 = c25;
            }

            if (NowCast.TryComputeAqi(AqiPollutant.Pm10, h10, out AqiResult a10) && NowCast.TryCompute(AqiPollutant.Pm10, h10, out double c10))
            {
                aqis.Add(a10);
                nc10 = c10;
            }

            IndexValue? us = null;
            if (UsAqi.TryOverall(aqis.ToArray(), out AqiResult worst))
            {
                string color = worst.Category.HexColor();
                us = new IndexValue(worst.Index, worst.Category.DisplayName(), color, TextOn(color), worst.Pollutant == AqiPollutant.Pm25 ? "PM2.5" : "PM10");
            }

            var bands = new List<(EaqiBand Band, string Pollutant)>(2);
            if (Latest(h25) is { } last25 && EuropeanAqi.TryBand(Pollutant.Pm25, last25, out EaqiBand b25))
            {
                bands.Add((b25, "PM2.5"));
            }

            if (Latest(h10) is { } last10 && EuropeanAqi.TryBand(Pollutant.Pm10, last10, out EaqiBand b10))
            {
                bands.Add((b10, "PM10"));
            }

            IndexValue? eaqi = null;
            if (bands.Count > 0)
            {
                var (band, pollutant) = bands.MaxBy(b => b.Band);
                eaqi = new IndexValue((int)band, band.DisplayName(), band.HexColor(), TextOn(band.HexColor()), pollutant);
            }

            int latestHour = Array.FindIndex(h25, double.IsFinite);
            result.Add(new AirCurrent(device, latestHour >= 0 ? to - TimeSpan.FromHours(latestHour + 1) : null,
                latestHour >= 0 ? Math.Round(h25[latestHour], 1) : null, nc25, nc10, us, eaqi));
        }

        return result;
    }

    private async Task<IReadOnlyList<AirExceedances>> ExceedancesAsync(RangeSelection sel, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var yearStart = new DateTimeOffset(now.UtcDateTime.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset to = BinWidth.Hour.FloorToBin(now) + TimeSpan.FromHours(1);
        Task<AirBins> pm25Task = reads.AirAsync(new AirQuery(QuantityNames.Pm25, yearStart, to, BinWidth.Hour, sel.StoreDevices), cancellationToken);
        Task<AirBins> pm10Task = reads.AirAsync(new AirQuery(QuantityNames.Pm10, yearStart, to, BinWidth.Hour, sel.StoreDevices), cancellationToken);
        AirBins pm25 = await pm25Task.ConfigureAwait(false);
        AirBins pm10 = await pm10Task.ConfigureAwait(false);
        var result = new List<AirExceedances>();
        foreach (string device in pm25.Series.Select(s => s.Device).Concat(pm10.Series.Select(s => s.Device)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var rows = new List<ExceedanceRow>();
            foreach (var (limits, regime) in new[] { (EuLimitValues.Current, "2008/50/EC (now)"), (EuLimitValues.From2030, "2024/2881 (from 2030)") })
            {
                var particulate = limits.Where(l => l.Pollutant is Pollutant.Pm25 or Pollutant.Pm10).ToList();
                var counter = new ExceedanceCounter(particulate);
                Add(counter, Pollutant.Pm25, pm25, device);
                Add(counter, Pollutant.Pm10, pm10, device);
                foreach (ExceedanceSummary s in counter.Summarize())
                {
                    if (s.Year == now.Year)
                    {
                        rows.Add(new ExceedanceRow(s.Limit.Label, regime, s.Exceedances, s.Limit.AllowedExceedances,
                            double.IsFinite(s.AnnualMean) ? Math.Round(s.AnnualMean, 1) : null, s.ValidPeriods, s.Breached));
                    }
                }
            }

            result.Add(new AirExceedances(device, now.Year, rows));
        }

        return result;
    }

    private static void Add(ExceedanceCounter counter, Pollutant pollutant, AirBins bins, string device)
    {
        AirSeries? s = bins.Series.FirstOrDefault(x => x.Device == device);
        if (s is null)
        {
            return;
        }

        for (int b = 0; b < s.Means.Count; b++)
        {
            if (s.Means[b] is { } v)
            {
                counter.AddHour(pollutant, bins.From + TimeSpan.FromHours(b), v);
            }
        }
    }

    private static double[] MostRecentFirst(AirBins bins, string device)
    {
        var hours = new double[bins.BinCount];
        Array.Fill(hours, double.NaN);
        // One sensor per device for the index: the first (sensors are sorted by name).
        if (bins.Series.FirstOrDefault(s => s.Device == device) is { } s)
        {
            for (int b = 0; b < bins.BinCount; b++)
            {
                hours[bins.BinCount - 1 - b] = s.Means[b] ?? double.NaN;
            }
        }

        return hours;
    }

    private static double? Latest(double[] mostRecentFirst) => mostRecentFirst.Length > 0 && double.IsFinite(mostRecentFirst[0]) ? mostRecentFirst[0] : null;

    private static string Key(string device, string sensor) => device + "/" + sensor;

    /// <summary>Black or white text, whichever reads better on <paramref name="hex"/> (WCAG relative luminance).</summary>
    internal static string TextOn(string hex)
    {
        int rgb = Convert.ToInt32(hex.TrimStart('#'), 16);
        double L(int c)
        {
            double v = c / 255.0;
            return v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }

        double lum = 0.2126 * L((rgb >> 16) & 255) + 0.7152 * L((rgb >> 8) & 255) + 0.0722 * L(rgb & 255);
        return lum > 0.22 ? "#111827" : "#ffffff";
    }
}
