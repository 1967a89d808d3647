using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Querying;
using SmartCity.Cloud.Dashboard.Tests.Infrastructure;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;
using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Traffic;

/// <summary>The day-by-day reads give the same answer as one store query, cached or not, and drop a day when data for it is published.</summary>
public sealed class DashboardReadsTests
{
    [Fact]
    public async Task Day_chunks_joined_equal_one_query_over_the_range_for_every_grouping()
    {
        await using DashboardTestHost host = await DashboardTestHost.StartAsync();
        var reads = host.Services.GetRequiredService<DashboardReads>();
        SeedData seed = host.Seed;
        foreach (TrafficDimensions dims in new[] { TrafficDimensions.Class, TrafficDimensions.Device, TrafficDimensions.Line | TrafficDimensions.Direction, TrafficDimensions.None })
        {
            foreach (string[]? devices in new[] { null, new[] { SeedData.North2 }, new[] { SeedData.North1, SeedData.East1 } })
            {
                foreach (BinWidth bin in new[] { BinWidth.FifteenMinutes, BinWidth.Hour })
                {
                    // From mid-morning two days back to the end: a partial first day, whole days, and today.
                    var q = new TrafficAggregateQuery(seed.Start + TimeSpan.FromHours(3.25), seed.End, bin, TrafficCountKind.Line, dims, devices);
                    TrafficAggregate direct = await host.Store.QueryTrafficAggregateAsync(q);
                    for (int pass = 0; pass < 2; pass++)
                    {
                        TrafficAggregate joined = await reads.AggregateAsync(q, CancellationToken.None);
                        Assert.Equal(direct.From, joined.From);
                        Assert.Equal(direct.BinCount, joined.BinCount);
                        Assert.Equal(direct.Groups.Select(Describe), joined.Groups.Select(Describe));
                        Assert.Equal(direct.Coverage.Select(c => $"{c.Device}/{c.Camera}:{string.Concat(c.HasData.Select(h => h ? '1' : '0'))}"),
                            joined.Coverage.Select(c => $"{c.Device}/{c.Camera}:{string.Concat(c.HasData.Select(h => h ? '1' : '0'))}"));
                    }
                }
            }
        }

        Assert.True(host.Services.GetRequiredService<DayChunkCache>().Hits > 0);
    }

    [Fact]
    public async Task Air_day_chunks_joined_equal_one_query_over_the_range()
    {
        await using DashboardTestHost host = await DashboardTestHost.StartAsync();
        var reads = host.Services.GetRequiredService<DashboardReads>();
        SeedData seed = host.Seed;
        foreach (BinWidth bin in new[] { BinWidth.FifteenMinutes, BinWidth.Hour })
        {
            var q = new AirQuery(QuantityNames.Pm25, seed.Start + TimeSpan.FromHours(5), seed.End, bin);
            AirBins direct = await host.Store.QueryAirAsync(q);
            for (int pass = 0; pass < 2; pass++)
            {
                AirBins joined = await reads.AirAsync(q, CancellationToken.None);
                Assert.Equal((direct.From, direct.BinCount), (joined.From, joined.BinCount));
                Assert.Equal(direct.Series.Select(s => $"{s.Device}/{s.Sensor}/{s.Unit}:{string.Join(',', s.Means)}"),
                    joined.Series.Select(s => $"{s.Device}/{s.Sensor}/{s.Unit}:{string.Join(',', s.Means)}"));
            }
        }
    }

    [Fact]
    public async Task Published_late_data_for_a_finished_day_replaces_the_cached_answer()
    {
        await using DashboardTestHost host = await DashboardTestHost.StartAsync();
        var reads = host.Services.GetRequiredService<DashboardReads>();
        SeedData seed = host.Seed;
        var q = new TrafficAggregateQuery(seed.Start, seed.End, BinWidth.FifteenMinutes, TrafficCountKind.Line, TrafficDimensions.Class, [SeedData.North1]);
        TrafficAggregate before = await reads.AggregateAsync(q, CancellationToken.None);
        _ = await reads.AggregateAsync(q, CancellationToken.None); // now cached

        // A late interval from yesterday's first hour (the outbox drained after an outage): 500 extra cars.
        DateTimeOffset lateEnd = new DateTimeOffset(seed.End.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1).AddMinutes(15);
        int bin = SeedExpectations.BinOf(seed.Start, lateEnd);
        var late = new TrafficSummaryPayload
        {
            Device = SeedData.North1, Seq = seed.NextSeq(SeedData.North1), Ts = lateEnd, IntervalS = 60, Camera = "cam0", Status = TrafficIntervalStatus.Complete,
            Lines = [new LineCountEntry { Line = "stop-n", Direction = LineDirection.In, Class = "car", Count = 500 }],
        };
        await host.PublishAsync([late]);

        TrafficAggregate after = await reads.AggregateAsync(q, CancellationToken.None);
        long? carsBefore = before.Groups.Single(g => g.Class == "car").Counts[bin];
        Assert.Equal(carsBefore + 500, after.Groups.Single(g => g.Class == "car").Counts[bin]);
    }

    private static string Describe(TrafficGroup g) =>
        $"{g.Device}/{g.Camera}/{g.Line}/{g.Direction}/{g.Class}:{string.Join(',', g.Counts.Select(c => c?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"))}";
}
