using SmartCity.AirQuality.Indices;
using SmartCity.AirQuality.Plotting;
using SmartCity.AirQuality.Readers;
using SmartCity.AirQuality.Replay;
using Xunit;

namespace SmartCity.AirQuality.Tests;

/// <summary>Replay rules on synthetic series whose answers are worked out by hand.</summary>
public sealed class AirReplayTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static AirCsvReadResult File(params AirSample[] samples) => new("synthetic", AirCsvFormat.SensorCommunityArchive, samples, [], samples.Length);

    /// <summary>PM2.5 every 150 s (24 per hour) for <paramref name="hours"/> hours, <paramref name="perHour"/>[h] readings in hour h.</summary>
    private static AirSample[] Pm25(int hours, Func<int, int> perHour, Func<int, double> value)
    {
        var list = new List<AirSample>();
        for (int h = 0; h < hours; h++)
        {
            for (int i = 0; i < perHour(h); i++)
            {
                list.Add(new AirSample(T0.AddHours(h).AddSeconds(150 * i), Quantity.Pm25, value(h) + (i % 2 == 0 ? 0.5 : -0.5), "test"));
            }
        }

        return [.. list];
    }

    [Fact]
    public void An_hour_needs_75_percent_of_its_readings()
    {
        // 24 expected per hour at 150 s: 18 readings make an hour, 17 do not.
        var samples = Pm25(2, h => h == 0 ? 18 : 17, _ => 10);

        var hours = Assert.Single(AirReplay.Run([File(samples)]).Of(Quantity.Pm25)).Hours;

        Assert.True(hours[0].IsValid);
        Assert.False(hours[1].IsValid);
        Assert.True(hours[1].Flags.HasFlag(QualityFlags.InsufficientData));
        Assert.Equal(24, hours[0].ExpectedSamples);
    }

    [Fact]
    public void A_day_needs_18_valid_hours_for_its_mean_aqi_and_limit()
    {
        var full = Assert.Single(Assert.Single(AirReplay.Run([File(Pm25(18, _ => 24, _ => 60))]).Of(Quantity.Pm25)).Days);
        var short17 = Assert.Single(Assert.Single(AirReplay.Run([File(Pm25(17, _ => 24, _ => 60))]).Of(Quantity.Pm25)).Days);

        Assert.True(full.IsValid);
        Assert.Equal(60.0, full.Mean, 9);
        Assert.Equal(154, full.Aqi!.Value.Index); // (200 − 151)/(125.4 − 55.5) · (60.0 − 55.5) + 151 = 154.15 → 154
        Assert.False(short17.IsValid);
        Assert.Null(short17.Aqi);
    }

    [Fact]
    public void A_single_reading_makes_no_valid_hour()
    {
        var hours = Assert.Single(AirReplay.Run([File(new AirSample(T0, Quantity.Pm25, 12, "one"))]).Of(Quantity.Pm25)).Hours;

        Assert.False(Assert.Single(hours).IsValid);
        Assert.Equal(0, hours[0].ExpectedSamples);
    }

    [Fact]
    public void Nowcast_follows_the_hourly_means()
    {
        // Hourly means 10 then 40: w = 0.25 → 0.5; NowCast = (40 + 0.5 · 10)/1.5 = 30.0 → AQI (100−51)/26.3 · 20.9 + 51 = 89.9 → 90.
        var hours = Assert.Single(AirReplay.Run([File(Pm25(2, _ => 24, h => h == 0 ? 10 : 40))]).Of(Quantity.Pm25)).Hours;

        Assert.True(double.IsNaN(hours[0].NowCast)); // one hour is not 2 of the last 3
        Assert.Equal(30.0, hours[1].NowCast, 9);
        Assert.Equal(90, hours[1].Aqi!.Value.Index);
        Assert.Equal(EaqiBand.Moderate, hours[1].Eaqi);
    }

    [Fact]
    public void Out_of_range_readings_are_counted_but_kept_out_of_the_mean()
    {
        var samples = Pm25(1, _ => 24, _ => 10).Append(new AirSample(T0.AddMinutes(59), Quantity.Pm25, 1999.9, "test")).ToArray();

        var series = Assert.Single(AirReplay.Run([File(samples)]).Of(Quantity.Pm25));

        Assert.Equal(1, series.OutOfRangeCount);
        Assert.Equal(10.0, series.Hours[0].Mean, 9);
        Assert.True(series.Hours[0].Flags.HasFlag(QualityFlags.OutOfRange));
    }

    [Fact]
    public void The_2017_eaqi_uses_the_24_hour_running_mean_for_pm()
    {
        // 18 hours at 8 then one at 30: hourly PM2.5 30 is "Moderate" (revised, hourly) but the 24-h running mean
        // (18·8 + 30)/19 = 9.16 is "Good" in the 2017 bands (0–10).
        var samples = Pm25(19, _ => 24, h => h < 18 ? 8 : 30);

        var revised = Assert.Single(AirReplay.Run([File(samples)]).Of(Quantity.Pm25)).Hours[^1];
        var original = Assert.Single(AirReplay.Run([File(samples)], new ReplayOptions { EaqiVersion = EaqiVersion.Original2017 }).Of(Quantity.Pm25)).Hours[^1];

        Assert.Equal(EaqiBand.Moderate, revised.Eaqi);
        Assert.Equal(EaqiBand.Good, original.Eaqi);
    }

    [Fact]
    public void No_pm25_means_no_plot()
    {
        var report = AirReplay.Run([File(new AirSample(T0, Quantity.Temperature, 12, "t"), new AirSample(T0.AddMinutes(2), Quantity.Temperature, 12, "t"))]);

        Assert.False(Pm25Plot.Write(report, Path.Combine(Path.GetTempPath(), "never-written.png")));
    }

    [Fact]
    public void A_plot_of_sparse_data_without_any_nowcast_is_still_written()
    {
        var report = AirReplay.Run([File(new AirSample(T0, Quantity.Pm25, 12, "one"), new AirSample(T0.AddMinutes(3), Quantity.Pm25, 14, "one"))]);
        string path = Path.Combine(Path.GetTempPath(), $"sparse-{Guid.NewGuid():N}.png");
        try
        {
            Assert.True(Pm25Plot.Write(report, path));
            Assert.True(new FileInfo(path).Length > 1000);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
