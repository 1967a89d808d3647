using SmartCity.AirQuality.Limits;
using Xunit;

namespace SmartCity.AirQuality.Tests;

/// <summary>
/// Exceedance counting against Directive 2008/50/EC Annex XI (PM10 daily 50 µg/m³ ≤ 35 days; NO2 hourly
/// 200 µg/m³ ≤ 18 hours; annual means) with its Annex XI Section A aggregation rules (a daily mean needs 75 %
/// of the hours, i.e. 18; an annual mean 90 %), and against Directive (EU) 2024/2881 Annex I Section 1 Table 1
/// (2030: PM10 daily 45 ≤ 18 days, PM2.5 daily 25 ≤ 18 days, NO2 hourly 200 ≤ 3 hours).
/// </summary>
public sealed class ExceedanceCounterTests
{
    private static readonly DateTimeOffset Jan1 = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static void AddDay(ExceedanceCounter counter, Pollutant pollutant, int dayIndex, double value, int validHours)
    {
        for (int h = 0; h < 24; h++)
        {
            counter.AddHour(pollutant, Jan1.AddDays(dayIndex).AddHours(h), h < validHours ? value : double.NaN);
        }
    }

    private static ExceedanceSummary Only(ExceedanceCounter counter, Pollutant pollutant, AveragingPeriod period) =>
        Assert.Single(counter.Summarize(), s => s.Limit.Pollutant == pollutant && s.Limit.Period == period);

    [Fact]
    public void Pm10_daily_limit_allows_35_days_and_breaches_on_the_36th()
    {
        var allowed = new ExceedanceCounter(EuLimitValues.Current);
        var breached = new ExceedanceCounter(EuLimitValues.Current);
        for (int d = 0; d < 35; d++)
        {
            AddDay(allowed, Pollutant.Pm10, d, 51, 24);
            AddDay(breached, Pollutant.Pm10, d, 51, 24);
        }

        AddDay(breached, Pollutant.Pm10, 35, 51, 24);

        var a = Only(allowed, Pollutant.Pm10, AveragingPeriod.Day);
        var b = Only(breached, Pollutant.Pm10, AveragingPeriod.Day);
        Assert.Equal((35, false), (a.Exceedances, a.Breached));
        Assert.Equal((36, true), (b.Exceedances, b.Breached));
    }

    [Fact]
    public void A_day_needs_18_valid_hours_to_count()
    {
        var counter = new ExceedanceCounter(EuLimitValues.Current);
        AddDay(counter, Pollutant.Pm10, 0, 80, 18);   // valid, exceeds
        AddDay(counter, Pollutant.Pm10, 1, 80, 17);   // too few hours: neither valid nor an exceedance

        var days = counter.DailyMeans(Pollutant.Pm10);
        Assert.Equal([true, false], days.Select(d => d.IsValid));
        Assert.Equal([18, 17], days.Select(d => d.ValidHours));
        var summary = Only(counter, Pollutant.Pm10, AveragingPeriod.Day);
        Assert.Equal(1, summary.Exceedances);
        Assert.Equal(1, summary.ValidPeriods);
    }

    [Fact]
    public void The_daily_mean_is_the_mean_of_the_valid_hours()
    {
        var counter = new ExceedanceCounter(EuLimitValues.Current);
        for (int h = 0; h < 24; h++)
        {
            counter.AddHour(Pollutant.Pm10, Jan1.AddHours(h), h < 12 ? 40 : 64);
        }

        var day = Assert.Single(counter.DailyMeans(Pollutant.Pm10));
        Assert.Equal(52.0, day.Mean, 12);
        Assert.Equal(1, Only(counter, Pollutant.Pm10, AveragingPeriod.Day).Exceedances);
    }

    [Fact]
    public void A_mean_equal_to_the_limit_is_not_an_exceedance()
    {
        var counter = new ExceedanceCounter(EuLimitValues.Current);
        AddDay(counter, Pollutant.Pm10, 0, 50, 24);
        counter.AddHour(Pollutant.No2, Jan1, 200);

        Assert.Equal(0, Only(counter, Pollutant.Pm10, AveragingPeriod.Day).Exceedances);
        Assert.Equal(0, Only(counter, Pollutant.No2, AveragingPeriod.Hour).Exceedances);
    }

    [Fact]
    public void No2_hourly_limit_allows_18_hours_and_breaches_on_the_19th()
    {
        var counter = new ExceedanceCounter(EuLimitValues.Current);
        for (int h = 0; h < 19; h++)
        {
            counter.AddHour(Pollutant.No2, Jan1.AddDays(h).AddHours(8), 201);
        }

        counter.AddHour(Pollutant.No2, Jan1.AddDays(30).AddHours(8), double.NaN); // an invalid hour counts for nothing
        var summary = Only(counter, Pollutant.No2, AveragingPeriod.Hour);
        Assert.Equal(19, summary.Exceedances);
        Assert.Equal(19, summary.ValidPeriods);
        Assert.True(summary.Breached);
    }

    [Fact]
    public void The_2030_limits_are_stricter()
    {
        var current = new ExceedanceCounter(EuLimitValues.Current);
        var from2030 = new ExceedanceCounter(EuLimitValues.From2030);
        for (int d = 0; d < 19; d++)
        {
            AddDay(current, Pollutant.Pm10, d, 46, 24);
            AddDay(from2030, Pollutant.Pm10, d, 46, 24);
            AddDay(from2030, Pollutant.Pm25, d, 26, 24);
        }

        for (int h = 0; h < 4; h++)
        {
            current.AddHour(Pollutant.No2, Jan1.AddHours(h), 210);
            from2030.AddHour(Pollutant.No2, Jan1.AddHours(h), 210);
        }

        Assert.Equal((0, false), Tuple(Only(current, Pollutant.Pm10, AveragingPeriod.Day)));
        Assert.Equal((19, true), Tuple(Only(from2030, Pollutant.Pm10, AveragingPeriod.Day)));
        Assert.Equal((19, true), Tuple(Only(from2030, Pollutant.Pm25, AveragingPeriod.Day)));
        Assert.Equal((4, false), Tuple(Only(current, Pollutant.No2, AveragingPeriod.Hour)));
        Assert.Equal((4, true), Tuple(Only(from2030, Pollutant.No2, AveragingPeriod.Hour)));
        Assert.DoesNotContain(current.Summarize(), s => s.Limit.Pollutant == Pollutant.Pm25 && s.Limit.Period == AveragingPeriod.Day);

        static (int, bool) Tuple(ExceedanceSummary s) => (s.Exceedances, s.Breached);
    }

    [Fact]
    public void Annual_mean_needs_90_percent_of_the_hours()
    {
        var sparse = new ExceedanceCounter(EuLimitValues.Current);
        var full = new ExceedanceCounter(EuLimitValues.Current);
        int hoursIn2023 = 365 * 24;
        for (int h = 0; h < hoursIn2023; h++)
        {
            full.AddHour(Pollutant.No2, Jan1.AddHours(h), h < (int)(0.9 * hoursIn2023) ? 45 : double.NaN);
            if (h < (int)(0.9 * hoursIn2023) - 1)
            {
                sparse.AddHour(Pollutant.No2, Jan1.AddHours(h), 45);
            }
        }

        var s = Only(sparse, Pollutant.No2, AveragingPeriod.CalendarYear);
        var f = Only(full, Pollutant.No2, AveragingPeriod.CalendarYear);
        Assert.False(s.CoverageMet);
        Assert.False(s.Breached);
        Assert.True(f.CoverageMet);
        Assert.Equal(45.0, f.AnnualMean, 9);
        Assert.True(f.Breached);
    }

    [Fact]
    public void Limit_values_carry_their_legal_source()
    {
        Assert.Contains(EuLimitValues.Current, l => l is { Pollutant: Pollutant.Pm10, Period: AveragingPeriod.Day, Value: 50, AllowedExceedances: 35 });
        Assert.Contains(EuLimitValues.Current, l => l is { Pollutant: Pollutant.No2, Period: AveragingPeriod.Hour, Value: 200, AllowedExceedances: 18 });
        Assert.Contains(EuLimitValues.From2030, l => l is { Pollutant: Pollutant.Pm25, Period: AveragingPeriod.CalendarYear, Value: 10 });
        Assert.Contains(EuLimitValues.From2030, l => l is { Pollutant: Pollutant.No2, Period: AveragingPeriod.Day, Value: 50, AllowedExceedances: 18 });
        Assert.All(EuLimitValues.From2030, l => Assert.Contains("2024/2881", l.Source, StringComparison.Ordinal));
        Assert.Equal("PM10 daily 50 µg/m³ (≤ 35/yr)", EuLimitValues.Current[0].Label);
    }
}
