using SmartCity.AirQuality.Indices;
using Xunit;

namespace SmartCity.AirQuality.Tests;

/// <summary>
/// NowCast against AirNow's "Computing the NowCast" worked example (EPA/AirNow technical training material:
/// 12 hourly PM2.5 values 13, 16, 10, 21, 74, 64, 53, 82, 90, 75, 80, 50 µg/m³, most recent first; range 80,
/// scaled rate 80/90, weight factor 1 − 80/90 = 0.11 → raised to 0.5; NowCast 17.4 µg/m³) and the rules of
/// EPA-454/B-24-002 (May 2024) "How the NowCast is calculated" and AirNow's completeness note (2 of the 3
/// most recent hours; raw hourly inputs; result truncated to 0.1 µg/m³ for PM2.5, 1 µg/m³ for PM10).
/// </summary>
public sealed class NowCastTests
{
    private static readonly double[] AirNowExample = [13, 16, 10, 21, 74, 64, 53, 82, 90, 75, 80, 50];

    [Fact]
    public void AirNow_worked_example_gives_17_4_ug_m3()
    {
        Assert.True(NowCast.TryCompute(AqiPollutant.Pm25, AirNowExample, out var nowCast));

        Assert.Equal(17.4, nowCast, 12);
    }

    [Fact]
    public void AirNow_worked_example_is_aqi_66_with_the_2024_breakpoints()
    {
        // 17.4 in 9.1–35.4 → 51–100: 49/26.3 · 8.3 + 51 = 66.46 → 66.
        Assert.True(NowCast.TryComputeAqi(AqiPollutant.Pm25, AirNowExample, out var aqi));

        Assert.Equal(66, aqi.Index);
        Assert.Equal(AqiCategory.Moderate, aqi.Category);
    }

    [Fact]
    public void Steady_air_gives_the_plain_12_hour_mean()
    {
        double[] hours = [20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20];

        Assert.True(NowCast.TryCompute(AqiPollutant.Pm25, hours, out var nowCast));
        Assert.Equal(20.0, nowCast, 12);
    }

    [Fact]
    public void Weight_factor_above_one_half_is_min_over_max()
    {
        // w = 16/20 = 0.8: (20 + 0.8 · 16)/(1 + 0.8) = 18.22 → 18.2.
        Assert.True(NowCast.TryCompute(AqiPollutant.Pm25, [20, 16], out var nowCast));
        Assert.Equal(18.2, nowCast, 12);
    }

    [Fact]
    public void Weight_factor_is_clamped_at_one_half()
    {
        // min/max = 0.25 → w = 0.5: (40 + 0.5 · 10)/(1.5) = 30.0.
        Assert.True(NowCast.TryCompute(AqiPollutant.Pm25, [40, 10], out var nowCast));
        Assert.Equal(30.0, nowCast, 12);
    }

    [Fact]
    public void A_missing_hour_keeps_its_place_in_the_weights()
    {
        // Hours 0 and 2 present, w = 0.5: (20 + 0.25 · 10)/(1 + 0.25) = 18.0.
        Assert.True(NowCast.TryCompute(AqiPollutant.Pm25, [20, double.NaN, 10], out var nowCast));
        Assert.Equal(18.0, nowCast, 12);
    }

    [Theory]
    [InlineData(double.NaN, double.NaN, 10.0)]
    [InlineData(10.0, double.NaN, double.NaN)]
    [InlineData(double.NaN, 10.0, double.NaN)]
    public void Fewer_than_two_of_the_three_latest_hours_gives_no_nowcast(double h0, double h1, double h2)
    {
        double[] hours = [h0, h1, h2, 10, 10, 10, 10, 10, 10, 10, 10, 10];

        Assert.False(NowCast.TryCompute(AqiPollutant.Pm25, hours, out var nowCast));
        Assert.True(double.IsNaN(nowCast));
    }

    [Fact]
    public void Two_of_the_three_latest_hours_are_enough()
    {
        Assert.True(NowCast.TryCompute(AqiPollutant.Pm25, [double.NaN, 12, 12], out var nowCast));
        Assert.Equal(12.0, nowCast, 12);
    }

    [Fact]
    public void Only_the_12_latest_hours_count()
    {
        double[] hours = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 500, 500];

        Assert.True(NowCast.TryCompute(AqiPollutant.Pm25, hours, out var nowCast));
        Assert.Equal(10.0, nowCast, 12);
    }

    [Fact]
    public void Pm10_nowcast_is_truncated_to_whole_micrograms()
    {
        Assert.True(NowCast.TryCompute(AqiPollutant.Pm10, [55.9, 55.9, 55.9], out var nowCast));
        Assert.Equal(55.0, nowCast, 12);
    }

    [Fact]
    public void Gases_have_no_pm_nowcast()
    {
        Assert.False(NowCast.TryCompute(AqiPollutant.O3EightHour, [0.05, 0.05, 0.05], out _));
    }
}
