using SmartCity.Edge.Analytics.Summaries;
using SmartCity.Edge.Vision.Frames;
using Xunit;
using static SmartCity.Edge.Analytics.Tests.AnalyticsTestKit;

namespace SmartCity.Edge.Analytics.Tests;

public class TrafficBinsTests
{
    [Fact]
    public void Peak_hour_factor_worked_example()
    {
        BinVolume[] bins = [new(At(0), 100), new(At(900), 120), new(At(1800), 150), new(At(2700), 130)];
        PeakHourResult r = PeakHourResult.Find(bins);
        Assert.Equal(500, r.Volume);
        Assert.Equal(150, r.PeakBinVolume);
        Assert.Equal(500.0 / 600, r.Factor!.Value, 6);
        Assert.Equal(0.833, Math.Round(r.Factor.Value, 3));
        Assert.Equal(At(0), r.Start);
    }

    [Fact]
    public void Peak_hour_is_the_busiest_run_of_four_bins()
    {
        BinVolume[] bins = [new(At(0), 10), new(At(900), 100), new(At(1800), 120), new(At(2700), 150), new(At(3600), 130)];
        PeakHourResult r = PeakHourResult.Find(bins);
        Assert.Equal(At(900), r.Start);
        Assert.Equal(500, r.Volume);
    }

    [Fact]
    public void Interval_summaries_fill_15_minute_bins_per_movement_and_class()
    {
        var bins = new TrafficBins(TimeSpan.FromMinutes(1));
        int[] perBin = [100, 120, 150, 130];
        for (int b = 0; b < 4; b++)
        {
            for (int m = 0; m < 15; m++)
            {
                // Spread the bin's volume over its 15 one-minute intervals; 2 buses in the first minute.
                int cars = (perBin[b] / 15) + (m < perBin[b] % 15 ? 1 : 0);
                bins.Add(Summary((b * 900) + (m * 60), IntervalStatus.Complete, cars, m == 0 ? 2 : 0));
            }
        }

        Assert.Equal(4, bins.Bins.Count);
        Assert.All(bins.Bins, b => Assert.Equal(BinStatus.Complete, b.Status));
        Assert.Equal(102, bins.Bins[0].MovementVolume("north", "south"));
        Assert.Equal(100, bins.Bins[0].MovementVolume("north", "south", TrafficClass.Car));
        Assert.Equal(100, bins.Bins[0].LineVolume("north-stop", CrossingDirection.In, TrafficClass.Car));

        PeakHourResult r = bins.PeakHour(b => b.MovementVolume("north", "south", TrafficClass.Car));
        Assert.Equal((500, 150), (r.Volume, r.PeakBinVolume));
        Assert.Equal(500.0 / 600, r.Factor!.Value, 6);
    }

    [Fact]
    public void A_bin_without_data_is_marked_and_no_factor_is_computed_across_it()
    {
        var bins = new TrafficBins(TimeSpan.FromMinutes(1));
        for (int m = 0; m < 60; m++)
        {
            bool down = m is >= 15 and < 30;
            bins.Add(Summary(m * 60, down ? IntervalStatus.NoData : IntervalStatus.Complete, 7, 0));
        }

        Assert.Equal(BinStatus.NoData, bins.Bins[1].Status);
        Assert.Null(bins.Bins[1].MovementVolume("north", "south"));
        Assert.Equal(105, bins.Bins[0].MovementVolume("north", "south"));

        PeakHourResult r = bins.PeakHour(b => b.MovementVolume("north", "south"));
        Assert.Null(r.Factor);
        Assert.Contains("07:15 has no data", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Partial_bins_are_left_out_of_the_factor_unless_allowed_and_missing_bins_are_no_data()
    {
        var bins = new TrafficBins(TimeSpan.FromMinutes(1));
        for (int m = 0; m < 60; m++)
        {
            bins.Add(Summary(m * 60, m == 40 ? IntervalStatus.Partial : IntervalStatus.Complete, 4, 0));
        }

        bins.Add(Summary(5400, IntervalStatus.Complete, 4, 0));   // 08:30, leaving 08:00–08:30 missing
        Assert.Equal(BinStatus.Partial, bins.Bins[2].Status);
        Assert.Equal(BinStatus.NoData, bins.Bins[4].Status);
        Assert.Null(bins.PeakHour(b => b.MovementVolume()).Factor);
        Assert.Contains("is partial", bins.PeakHour(b => b.MovementVolume()).Reason, StringComparison.Ordinal);
        Assert.Equal(1.0, bins.PeakHour(b => b.MovementVolume(), allowPartialBins: true).Factor);
    }

    private static IntervalSummary Summary(double startSeconds, IntervalStatus status, int cars, int buses)
    {
        bool data = status != IntervalStatus.NoData;
        var movements = new List<MovementCount>();
        if (cars > 0)
        {
            movements.Add(new MovementCount("north", "south", MovementKind.Through, TrafficClass.Car, cars));
        }

        if (buses > 0)
        {
            movements.Add(new MovementCount("north", "south", MovementKind.Through, TrafficClass.Bus, buses));
        }

        return new IntervalSummary
        {
            Camera = Camera, Start = At(startSeconds), End = At(startSeconds + 60), Status = status,
            FramesSeen = data ? 600 : 0,
            Lines = data ? [new LineCount("north-stop", CrossingDirection.In, TrafficClass.Car, cars)] : null,
            Movements = data ? movements : null,
        };
    }
}
