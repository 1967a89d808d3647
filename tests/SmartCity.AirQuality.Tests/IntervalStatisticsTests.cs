using Xunit;

namespace SmartCity.AirQuality.Tests;

public sealed class IntervalStatisticsTests
{
    [Fact]
    public void Matches_the_two_pass_formulas()
    {
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        var stats = new IntervalStatistics();
        foreach (var v in values)
        {
            stats.Add(v);
        }

        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        Assert.Equal(8, stats.Count);
        Assert.Equal(5.0, stats.Mean, 12);
        Assert.Equal(sd, stats.StdDev, 12);
        Assert.Equal(4.0, stats.PopulationVariance, 12);
        Assert.Equal(2.0, stats.Min);
        Assert.Equal(9.0, stats.Max);
    }

    [Fact]
    public void Stays_accurate_on_a_large_offset()
    {
        // The naive Σx² − (Σx)²/n loses every digit here; Welford keeps them.
        var stats = new IntervalStatistics();
        foreach (var v in new[] { 1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16 })
        {
            stats.Add(v);
        }

        Assert.Equal(1e9 + 10, stats.Mean, 6);
        Assert.Equal(Math.Sqrt(30), stats.StdDev, 6);
    }

    [Fact]
    public void Ignores_non_finite_values_and_resets()
    {
        var stats = new IntervalStatistics();
        Assert.True(double.IsNaN(stats.Mean));
        stats.Add(double.NaN);
        stats.Add(double.PositiveInfinity);
        stats.Add(3);
        Assert.Equal(1, stats.Count);
        Assert.Equal(0.0, stats.StdDev);

        stats.Reset();
        Assert.Equal(0, stats.Count);
        Assert.True(double.IsNaN(stats.Min));
        stats.Add(-2);
        Assert.Equal(-2.0, stats.Max);
    }

    [Fact]
    public void Add_and_check_allocate_nothing()
    {
        var stats = new IntervalStatistics();
        var checker = new QualityChecker(Quantity.Pm25, new QualityRules());
        var t = DateTimeOffset.UnixEpoch;
        stats.Add(1);
        checker.Check(1, t, false, 50);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            stats.Add(i * 0.1);
            checker.Check(i * 0.1, t.AddSeconds(i), false, 50);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
