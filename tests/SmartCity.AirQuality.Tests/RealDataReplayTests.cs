using System.Globalization;
using SmartCity.AirQuality.Indices;
using SmartCity.AirQuality.Limits;
using SmartCity.AirQuality.Plotting;
using SmartCity.AirQuality.Readers;
using SmartCity.AirQuality.Replay;
using Xunit;

namespace SmartCity.AirQuality.Tests;

/// <summary>
/// The replay on the real sensor.community files (../shared/real-data/airquality), checked against figures
/// this test computes itself with plain string splitting: hourly means of the PM column, an hour valid with
/// at least 18 readings (75 % of the 24 a 150-s node sends), the daily mean as the mean of the valid hourly
/// means (Directive 2008/50/EC Annex XI: 18 of 24 hours), and the highest hourly mean.
/// </summary>
public sealed class RealDataReplayTests
{
    private const string Bonfire = "2018-11-05_sds011_sensor_5331.csv";
    private const string BonfireAirrohr = "data-esp8266-3654427-2018-11-05.csv";
    private const string CleanDay = "2017-10-10_sds011_sensor_5331.csv";
    private const string CleanDayHumidity = "2017-10-10_dht22_sensor_5332.csv";

    /// <summary>Independent hourly and daily figures for one PM column of one file.</summary>
    private sealed record Independent(double DailyMean, int ValidHours, double MaxHourlyMean, int MaxHour, double MaxSample, int MaxSampleHour, Dictionary<int, double> HourlyMeans);

    private static Independent Compute(string file, string timeColumn, string valueColumn)
    {
        var lines = File.ReadAllLines(TestPaths.Real(file));
        var header = lines[0].Split(';');
        int ti = Array.IndexOf(header, timeColumn), vi = Array.IndexOf(header, valueColumn);
        var byHour = new Dictionary<int, List<double>>();
        double maxSample = double.MinValue;
        int maxSampleHour = -1;
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(';');
            if (f.Length <= vi || f[vi].Length == 0)
            {
                continue;
            }

            // "2018-11-05T20:01:02" and "2018/11/05 20:01:02" both have the hour at characters 11–12.
            int hour = int.Parse(f[ti].AsSpan(11, 2), CultureInfo.InvariantCulture);
            double v = double.Parse(f[vi], CultureInfo.InvariantCulture);
            (byHour.TryGetValue(hour, out var list) ? list : byHour[hour] = []).Add(v);
            if (v > maxSample)
            {
                (maxSample, maxSampleHour) = (v, hour);
            }
        }

        var valid = byHour.Where(kv => kv.Value.Count >= 18).ToDictionary(kv => kv.Key, kv => kv.Value.Average());
        var max = valid.MaxBy(kv => kv.Value);
        return new Independent(valid.Values.Average(), valid.Count, max.Value, max.Key, maxSample, maxSampleHour, valid);
    }

    private static ReplayReport Replay(params string[] files) => AirReplay.Run(files.Select(f => AirCsvReader.Read(TestPaths.Real(f))).ToList());

    [RealDataFact]
    public void Bonfire_night_archive_daily_figures_match_an_independent_computation()
    {
        var expectedPm25 = Compute(Bonfire, "timestamp", "P2");
        var expectedPm10 = Compute(Bonfire, "timestamp", "P1");
        var report = Replay(Bonfire);

        var pm25 = Assert.Single(Assert.Single(report.Of(Quantity.Pm25)).Days);
        var pm10 = Assert.Single(Assert.Single(report.Of(Quantity.Pm10)).Days);
        Assert.Equal(expectedPm25.DailyMean, pm25.Mean, 9);
        Assert.Equal(expectedPm25.ValidHours, pm25.ValidHours);
        Assert.Equal(expectedPm25.MaxHourlyMean, pm25.MaxHourlyMean, 9);
        Assert.Equal(expectedPm25.MaxHour, pm25.MaxHourStart!.Value.Hour);
        Assert.Equal(expectedPm10.DailyMean, pm10.Mean, 9);
        Assert.True(pm25.IsValid);

        // The 24-hour AQI is the TAD's: truncate the mean to 0.1, interpolate, round.
        Assert.Equal(UsAqi.Calculate(AqiPollutant.Pm25, expectedPm25.DailyMean).Index, pm25.Aqi!.Value.Index);
        // PM10 daily limit (Directive 2008/50/EC): 50 µg/m³.
        Assert.Equal(expectedPm10.DailyMean > 50, pm10.ExceedsDailyLimit);
        Assert.Equal(50, pm10.DailyLimit!.Value);
    }

    [RealDataFact]
    public void Bonfire_night_shows_a_clear_evening_spike()
    {
        var independent = Compute(Bonfire, "timestamp", "P2");
        var series = Assert.Single(Replay(Bonfire).Of(Quantity.Pm25));

        // The highest hour and the highest reading both fall in the evening (17:00–24:00 UTC = local time in
        // Aberdeen in November), the reading at least twice the day's mean.
        Assert.InRange(independent.MaxHour, 17, 23);
        Assert.InRange(independent.MaxSampleHour, 17, 23);
        Assert.True(independent.MaxSample > 2 * independent.DailyMean, $"max {independent.MaxSample} vs mean {independent.DailyMean}");
        var evening = series.Hours.Where(h => h.HourStart.Hour >= 20).Average(h => h.Mean);
        var midday = series.Hours.Where(h => h.HourStart.Hour is >= 9 and < 16).Average(h => h.Mean);
        Assert.True(evening > 1.15 * midday, $"evening {evening:0.0} vs midday {midday:0.0}");
        // And the NowCast climbs into "Unhealthy for Sensitive Groups" by the end of the evening.
        Assert.Equal(AqiCategory.UnhealthyForSensitiveGroups, series.Hours[^1].Aqi!.Value.Category);
    }

    [RealDataFact]
    public void Bonfire_night_hourly_means_and_nowcast_match_an_independent_computation()
    {
        var independent = Compute(Bonfire, "timestamp", "P2");
        var series = Assert.Single(Replay(Bonfire).Of(Quantity.Pm25));

        foreach (var h in series.Hours.Where(h => h.IsValid))
        {
            Assert.Equal(independent.HourlyMeans[h.HourStart.Hour], h.Mean, 9);
        }

        // The 23:00 NowCast from the independent hourly means, most recent first, by the AirNow recipe.
        var last12 = Enumerable.Range(0, 12).Select(i => independent.HourlyMeans[23 - i]).ToArray();
        double w = Math.Max(last12.Min() / last12.Max(), 0.5);
        double nowCast = last12.Select((c, i) => Math.Pow(w, i) * c).Sum() / last12.Select((_, i) => Math.Pow(w, i)).Sum();
        Assert.Equal(Math.Floor(nowCast * 10) / 10, series.Hours[^1].NowCast, 9);
    }

    [RealDataFact]
    public void Airrohr_file_daily_figures_match_and_its_pinned_humidity_is_flagged()
    {
        var expected = Compute(BonfireAirrohr, "Time", "SDS_P2");
        var report = Replay(BonfireAirrohr);

        var pm25 = Assert.Single(report.Of(Quantity.Pm25));
        var day = Assert.Single(pm25.Days);
        Assert.Equal(expected.DailyMean, day.Mean, 9);
        Assert.Equal(expected.MaxHourlyMean, day.MaxHourlyMean, 9);
        Assert.InRange(expected.MaxHour, 17, 23);
        // The DHT22 read 99.9 % all day: pinned; PM above the SDS011's 70 % range; no EPA correction from a pinned hygrometer.
        var rh = Assert.Single(report.Of(Quantity.RelativeHumidity));
        Assert.Equal(rh.SampleCount, rh.FlagCounts[QualityFlags.HumidityPinned]);
        Assert.All(pm25.Hours, h => Assert.True(h.Flags.HasFlag(QualityFlags.HumidityAboveSensorRange)));
        Assert.All(pm25.Hours, h => Assert.True(double.IsNaN(h.CorrectedMean)));
    }

    [RealDataFact]
    public void Clean_day_with_humidity_is_good_with_one_short_spike_and_gets_a_separate_correction()
    {
        var expected = Compute(CleanDay, "timestamp", "P2");
        var report = Replay(CleanDay, CleanDayHumidity);

        var pm25 = Assert.Single(report.Of(Quantity.Pm25));
        var day = Assert.Single(pm25.Days);
        Assert.Equal(expected.DailyMean, day.Mean, 9);
        Assert.Equal(AqiCategory.Good, day.Aqi!.Value.Category);
        Assert.Equal(6, expected.MaxSampleHour);
        Assert.True(expected.MaxSample > 5 * expected.DailyMean);
        // Corrected values sit beside the raw means, never in place of them.
        Assert.All(pm25.Hours, h =>
        {
            Assert.Equal(expected.HourlyMeans[h.HourStart.Hour], h.Mean, 9);
            Assert.True(h.Flags.HasFlag(QualityFlags.Corrected));
            Assert.Equal(HumidityCorrection.EpaPm25NonNegative(h.Mean, h.MeanHumidity), h.CorrectedMean, 9);
        });
    }

    [RealDataFact]
    public void Eu2030_limits_judge_the_bonfire_day_against_the_new_pm25_daily_value()
    {
        var expected = Compute(Bonfire, "timestamp", "P2");
        var report = AirReplay.Run([AirCsvReader.Read(TestPaths.Real(Bonfire))], new ReplayOptions { Limits = EuLimitValues.From2030 });

        var day = Assert.Single(Assert.Single(report.Of(Quantity.Pm25)).Days);
        Assert.Equal(25, day.DailyLimit!.Value);
        Assert.Equal(expected.DailyMean > 25, day.ExceedsDailyLimit);
    }

    [RealDataFact]
    public void Replay_writes_a_png_plot_and_a_text_report()
    {
        var report = Replay(Bonfire);
        string dir = Directory.CreateTempSubdirectory("air-replay-").FullName;
        try
        {
            string png = Path.Combine(dir, "pm25.png");
            Assert.True(Pm25Plot.Write(report, png));
            var bytes = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.True(bytes.Length > 20_000, $"PNG only {bytes.Length} bytes");

            var text = new StringWriter(CultureInfo.InvariantCulture);
            ReplayReportWriter.Write(report, text);
            string output = text.ToString();
            Assert.Contains("2018-11-05 20:00", output, StringComparison.Ordinal);
            Assert.Contains("PM10 daily 50 µg/m³ (≤ 35/yr) 2018: 1 exceedance(s)", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
