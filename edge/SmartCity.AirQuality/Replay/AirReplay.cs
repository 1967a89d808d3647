using SmartCity.AirQuality.Indices;
using SmartCity.AirQuality.Limits;
using SmartCity.AirQuality.Readers;

namespace SmartCity.AirQuality.Replay;

/// <summary>
/// Runs recorded readings through the same statistics, quality checks and indices the live sampler uses:
/// per-sample QA → hourly statistics with coverage → NowCast, US AQI and EEA band per hour → daily means with
/// coverage, AQI of the 24-hour mean and EU limit-value exceedances.
/// </summary>
public static class AirReplay
{
    /// <summary>Replays every sample of <paramref name="files"/>. Humidity from any file is matched to PM readings by time.</summary>
    public static ReplayReport Run(IReadOnlyList<AirCsvReadResult> files, ReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= new ReplayOptions();
        var humidity = HumidityTimeline.From(files.SelectMany(f => f.Samples));
        var series = files
            .SelectMany(f => f.Samples)
            .GroupBy(s => (s.Source, s.Quantity))
            .OrderBy(g => QuantityOrder(g.Key.Quantity))
            .ThenBy(g => g.Key.Source, StringComparer.Ordinal)
            .Select(g => ReplayOne(g.Key.Source, g.Key.Quantity, [.. g.OrderBy(s => s.Time)], humidity, options))
            .ToList();
        return new ReplayReport(files, series, options);
    }

    private static ReplaySeries ReplayOne(string source, Quantity quantity, AirSample[] samples, HumidityTimeline humidity, ReplayOptions options)
    {
        var checker = new QualityChecker(quantity, options.Quality);
        var flagged = new List<FlaggedSample>(samples.Length);
        var flagCounts = new Dictionary<QualityFlags, int>();
        var hours = new List<HourAccumulator>();
        int outOfRange = 0;
        foreach (var sample in samples)
        {
            double? rh = quantity.IsParticulate() ? humidity.Nearest(sample.Time, options.HumidityMatchWindow) : null;
            var flags = checker.Check(sample.Value, sample.Time, warmingUp: false, rh);
            flagged.Add(new FlaggedSample(sample.Time, sample.Value, flags));
            CountFlags(flagCounts, flags);

            var hourStart = HourOf(sample.Time);
            if (hours.Count == 0 || hours[^1].Start != hourStart)
            {
                hours.Add(new HourAccumulator(hourStart));
            }

            var hour = hours[^1];
            hour.Flags |= flags;
            if ((flags & QualityFlags.OutOfRange) != 0)
            {
                outOfRange++;
                continue;
            }

            hour.Values.Add(sample.Value);
            if (rh is { } h)
            {
                hour.Humidity.Add(h);
                if (h >= options.Quality.HumidityPinnedThreshold)
                {
                    hour.PinnedHumidity++;
                }
            }
        }

        var interval = MedianSpacing(samples);
        // With fewer than two distinct times the cadence is unknown, so no hour can be shown to be complete (expected 0).
        int expected = interval <= TimeSpan.Zero ? 0 : Math.Max(1, (int)Math.Round(3600.0 / interval.TotalSeconds));
        var hourly = BuildHours(quantity, hours, expected, options);
        var days = BuildDays(quantity, hourly, options);
        var exceedances = Exceedances(quantity, hourly, options);
        return new ReplaySeries(source, quantity, samples.Length, outOfRange, interval, flagCounts, hourly, days, exceedances, flagged);
    }

    private static List<HourlyResult> BuildHours(Quantity quantity, List<HourAccumulator> hours, int expected, ReplayOptions options)
    {
        // Valid hourly means by hour, for the NowCast's and the 24-hour running mean's look-back.
        var validMeans = new Dictionary<DateTimeOffset, double>();
        foreach (var h in hours)
        {
            if (IsValidHour(h, expected, options))
            {
                validMeans[h.Start] = h.Values.Mean;
            }
        }

        var aqiPollutant = AqiPollutantOf(quantity);
        var pollutant = PollutantOf(quantity);
        Span<double> window = stackalloc double[NowCast.WindowHours];
        var result = new List<HourlyResult>(hours.Count);
        foreach (var h in hours)
        {
            bool valid = IsValidHour(h, expected, options);
            var flags = h.Flags | (valid ? QualityFlags.None : QualityFlags.InsufficientData);
            double rhMean = h.Humidity.Count > 0 ? h.Humidity.Mean : double.NaN;
            double corrected = double.NaN;
            // A pinned hygrometer (condensed DHT22 reading 99.9 %) says nothing about the true humidity: no correction from it.
            if (quantity == Quantity.Pm25 && h.Values.Count > 0 && double.IsFinite(rhMean) && h.PinnedHumidity == 0)
            {
                corrected = HumidityCorrection.EpaPm25NonNegative(h.Values.Mean, rhMean);
                flags |= QualityFlags.Corrected;
            }

            double nowCast = double.NaN;
            AqiResult? aqi = null;
            EaqiBand? eaqi = null;
            if (aqiPollutant is { } ap && pollutant is { } p)
            {
                for (int i = 0; i < window.Length; i++)
                {
                    window[i] = validMeans.TryGetValue(h.Start.AddHours(-i), out var m) ? m : double.NaN;
                }

                if (NowCast.TryCompute(ap, window, out nowCast) && UsAqi.TryCalculate(ap, nowCast, out var a, out _))
                {
                    aqi = a;
                }

                double eaqiInput = options.EaqiVersion == EaqiVersion.Original2017
                    ? RunningMean24(validMeans, h.Start, options.Coverage.MinimumHoursPerDay)
                    : valid ? h.Values.Mean : double.NaN;
                if (EuropeanAqi.TryBand(p, eaqiInput, out var band, options.EaqiVersion))
                {
                    eaqi = band;
                }
            }

            result.Add(new HourlyResult(
                h.Start, h.Values.Count, expected, h.Values.Mean, h.Values.Min, h.Values.Max, h.Values.StdDev,
                flags, valid, rhMean, corrected, nowCast, aqi, eaqi));
        }

        return result;
    }

    private static List<DailyResult> BuildDays(Quantity quantity, List<HourlyResult> hourly, ReplayOptions options)
    {
        var aqiPollutant = AqiPollutantOf(quantity);
        var dailyLimit = PollutantOf(quantity) is { } p ? EuLimitValues.DailyLimit(options.Limits, p) : null;
        var days = new List<DailyResult>();
        foreach (var day in hourly.GroupBy(h => DateOnly.FromDateTime(h.HourStart.UtcDateTime)))
        {
            var stats = new IntervalStatistics();
            HourlyResult? max = null;
            foreach (var h in day)
            {
                if (h.IsValid)
                {
                    stats.Add(h.Mean);
                    if (max is null || h.Mean > max.Mean)
                    {
                        max = h;
                    }
                }
            }

            bool valid = stats.Count >= options.Coverage.MinimumHoursPerDay;
            AqiResult? aqi = null;
            if (valid && aqiPollutant is { } ap && UsAqi.TryCalculate(ap, stats.Mean, out var a, out _))
            {
                aqi = a;
            }

            days.Add(new DailyResult(
                day.Key, stats.Mean, stats.Count, valid, max?.Mean ?? double.NaN, max?.HourStart, aqi,
                dailyLimit, valid && dailyLimit is not null && stats.Mean > dailyLimit.Value));
        }

        return days;
    }

    private static IReadOnlyList<ExceedanceSummary> Exceedances(Quantity quantity, List<HourlyResult> hourly, ReplayOptions options)
    {
        if (PollutantOf(quantity) is not { } pollutant)
        {
            return [];
        }

        var counter = new ExceedanceCounter(options.Limits.Where(l => l.Pollutant == pollutant).ToList(), options.Coverage);
        foreach (var h in hourly)
        {
            counter.AddHour(pollutant, h.HourStart, h.IsValid ? h.Mean : double.NaN);
        }

        return counter.Summarize();
    }

    private static double RunningMean24(Dictionary<DateTimeOffset, double> validMeans, DateTimeOffset hour, int minimumHours)
    {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < 24; i++)
        {
            if (validMeans.TryGetValue(hour.AddHours(-i), out var m))
            {
                sum += m;
                n++;
            }
        }

        return n >= minimumHours ? sum / n : double.NaN;
    }

    private static bool IsValidHour(HourAccumulator h, int expected, ReplayOptions options) =>
        expected > 0 && h.Values.Count > 0 && h.Values.Count >= options.Coverage.MinimumHourCoverage * expected;

    private static TimeSpan MedianSpacing(AirSample[] samples)
    {
        if (samples.Length < 2)
        {
            return TimeSpan.Zero;
        }

        var gaps = new long[samples.Length - 1];
        for (int i = 1; i < samples.Length; i++)
        {
            gaps[i - 1] = (samples[i].Time - samples[i - 1].Time).Ticks;
        }

        Array.Sort(gaps);
        return TimeSpan.FromTicks(gaps[gaps.Length / 2]);
    }

    private static void CountFlags(Dictionary<QualityFlags, int> counts, QualityFlags flags)
    {
        for (ushort bit = 1; bit != 0 && bit <= (ushort)QualityFlags.Corrected; bit <<= 1)
        {
            var f = (QualityFlags)bit;
            if ((flags & f) != 0)
            {
                counts[f] = counts.GetValueOrDefault(f) + 1;
            }
        }
    }

    private static DateTimeOffset HourOf(DateTimeOffset t)
    {
        var u = t.UtcDateTime;
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }

    private static int QuantityOrder(Quantity q) => q switch
    {
        Quantity.Pm25 => 0,
        Quantity.Pm10 => 1,
        Quantity.Pm1 => 2,
        _ => 3 + (int)q,
    };

    /// <summary>The US AQI table for a quantity, if it has one.</summary>
    internal static AqiPollutant? AqiPollutantOf(Quantity q) => q switch
    {
        Quantity.Pm25 => AqiPollutant.Pm25,
        Quantity.Pm10 => AqiPollutant.Pm10,
        _ => null,
    };

    /// <summary>The regulated pollutant a quantity measures, if any.</summary>
    internal static Pollutant? PollutantOf(Quantity q) => q switch
    {
        Quantity.Pm25 => Pollutant.Pm25,
        Quantity.Pm10 => Pollutant.Pm10,
        _ => null,
    };

    private sealed class HourAccumulator(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public IntervalStatistics Values { get; } = new();

        public IntervalStatistics Humidity { get; } = new();

        public QualityFlags Flags { get; set; }

        public int PinnedHumidity { get; set; }
    }
}
