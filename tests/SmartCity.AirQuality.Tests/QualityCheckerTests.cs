using Xunit;

namespace SmartCity.AirQuality.Tests;

/// <summary>
/// Per-sample QA. Limits: SDS011 datasheet (Nova Fitness, V1.3) — range 0–999.9 µg/m³, working humidity up to
/// 70 % RH; humidity pinned at ≥ 99.9 % per the issue; A/B rule |a − b| &gt; max(5 µg/m³, 20 % of the mean).
/// </summary>
public sealed class QualityCheckerTests
{
    private static readonly DateTimeOffset T0 = new(2018, 11, 5, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1000.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Impossible_pm_values_are_out_of_range(double value)
    {
        var checker = new QualityChecker(Quantity.Pm25, new QualityRules());

        Assert.True(checker.Check(value, T0, false, null).HasFlag(QualityFlags.OutOfRange));
    }

    [Fact]
    public void A_plausible_reading_raises_no_flag()
    {
        var checker = new QualityChecker(Quantity.Pm25, new QualityRules());

        Assert.Equal(QualityFlags.None, checker.Check(12.3, T0, false, 60));
    }

    [Fact]
    public void Ten_identical_readings_over_ten_minutes_are_stuck()
    {
        var checker = new QualityChecker(Quantity.Pm10, new QualityRules());
        var flags = new List<QualityFlags>();
        for (int i = 0; i < 12; i++)
        {
            // sensor.community cadence: one reading every 150 s.
            flags.Add(checker.Check(7.5, T0.AddSeconds(150 * i), false, null));
        }

        // The 10th reading (index 9) spans 22.5 min: stuck from there on, not before.
        Assert.All(flags.Take(9), f => Assert.False(f.HasFlag(QualityFlags.Stuck)));
        Assert.All(flags.Skip(9), f => Assert.True(f.HasFlag(QualityFlags.Stuck)));
        Assert.False(checker.Check(7.6, T0.AddSeconds(150 * 12), false, null).HasFlag(QualityFlags.Stuck));
    }

    [Fact]
    public void A_short_identical_run_at_1_hz_is_not_stuck()
    {
        var checker = new QualityChecker(Quantity.Temperature, new QualityRules());
        QualityFlags last = default;
        for (int i = 0; i < 60; i++)
        {
            last = checker.Check(21.3, T0.AddSeconds(i), false, null);
        }

        Assert.False(last.HasFlag(QualityFlags.Stuck));
    }

    [Fact]
    public void Temperature_must_sit_still_for_an_hour_before_it_is_stuck()
    {
        var rules = new QualityRules();
        var checker = new QualityChecker(Quantity.Temperature, rules);
        var flags = Enumerable.Range(0, 26).Select(i => checker.Check(12.3, T0.AddSeconds(150 * i), false, null)).ToList();

        Assert.Equal(TimeSpan.FromHours(1), rules.StuckDurationOf(Quantity.Temperature));
        Assert.False(flags[23].HasFlag(QualityFlags.Stuck)); // 57.5 min
        Assert.True(flags[24].HasFlag(QualityFlags.Stuck));  // 60 min
    }

    [Fact]
    public void Reset_forgets_the_run()
    {
        var checker = new QualityChecker(Quantity.Pm10, new QualityRules());
        for (int i = 0; i < 20; i++)
        {
            checker.Check(7.5, T0.AddMinutes(2 * i), false, null);
        }

        checker.Reset();
        Assert.Equal(0, checker.RunLength);
        Assert.False(checker.Check(7.5, T0.AddMinutes(41), false, null).HasFlag(QualityFlags.Stuck));
    }

    [Theory]
    [InlineData(99.9, true)]
    [InlineData(100.0, true)]
    [InlineData(99.8, false)]
    public void Humidity_at_or_above_99_9_is_pinned(double rh, bool pinned)
    {
        var checker = new QualityChecker(Quantity.RelativeHumidity, new QualityRules());

        Assert.Equal(pinned, checker.Check(rh, T0, false, null).HasFlag(QualityFlags.HumidityPinned));
    }

    [Theory]
    [InlineData(70.0, false)]
    [InlineData(70.1, true)]
    public void Pm_above_the_sds011_humidity_range_is_flagged(double rh, bool flagged)
    {
        var checker = new QualityChecker(Quantity.Pm25, new QualityRules());

        Assert.Equal(flagged, checker.Check(10, T0, false, rh).HasFlag(QualityFlags.HumidityAboveSensorRange));
    }

    [Fact]
    public void A_pms5003_tolerates_humidity_up_to_99_percent()
    {
        var checker = new QualityChecker(Quantity.Pm25, new QualityRules { PmSensorMaxHumidity = QualityRules.Pms5003MaxHumidity });

        Assert.False(checker.Check(10, T0, false, 90).HasFlag(QualityFlags.HumidityAboveSensorRange));
    }

    [Fact]
    public void Warm_up_is_passed_through()
    {
        var checker = new QualityChecker(Quantity.Pm25, new QualityRules());

        Assert.Equal(QualityFlags.WarmUp, checker.Check(10, T0, true, null));
    }

    [Theory]
    [InlineData(10, 14, false)]    // |4| ≤ max(5, 2.4)
    [InlineData(10, 16, true)]     // |6| > max(5, 2.6)
    [InlineData(100, 115, false)]  // |15| ≤ max(5, 21.5)
    [InlineData(100, 125, true)]   // |25| > max(5, 22.5)
    public void Pair_disagreement_needs_both_absolute_and_relative_excess(double a, double b, bool disagree)
    {
        var comparer = new SensorPairComparer(new QualityRules());

        Assert.Equal(disagree ? QualityFlags.SensorDisagreement : QualityFlags.None, comparer.Compare(a, b));
        Assert.Equal(QualityFlags.OutOfRange, comparer.Compare(a, double.NaN));
    }

    [Fact]
    public void Epa_humidity_correction_is_a_separate_value()
    {
        // Barkjohn et al., AMT 14, 4617 (2021): 0.524 · 20 − 0.0862 · 50 + 5.75 = 11.92 µg/m³.
        Assert.Equal(11.92, HumidityCorrection.EpaPm25(20, 50), 10);
        Assert.Equal(0.0, HumidityCorrection.EpaPm25NonNegative(0, 90));
    }

    [Fact]
    public void Units_and_wire_names()
    {
        Assert.Equal("µg/m³", Quantity.Pm25.Unit());
        Assert.Equal("pm2_5", Quantity.Pm25.Name());
        Assert.Equal("hPa", Quantity.Pressure.Unit());
        Assert.True(Quantities.TryParseName("pm10", out var q));
        Assert.Equal(Quantity.Pm10, q);
    }
}
