using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;
using Xunit;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>The dashboard's reads (aggregates, last seen, health, queues, speeds, QA flags), the same for every store.</summary>
public abstract class DashboardQueryContract
{
    private static readonly DateTimeOffset T0 = Payloads.Day.AddHours(8);

    /// <summary>A fresh, empty store.</summary>
    protected abstract Task<ITimeSeriesStore> CreateStoreAsync();

    protected async Task Aggregates_sum_over_devices_keep_groups_apart_and_leave_uncovered_bins_null()
    {
        await using ITimeSeriesStore store = await CreateStoreAsync();
        await store.WriteBatchAsync(
        [
            Payloads.Traffic("dev-a", 1, T0.AddMinutes(1), cars: 4, buses: 1),
            Payloads.Traffic("dev-b", 1, T0.AddMinutes(1), cars: 6),
            Payloads.Traffic("dev-a", 2, T0.AddMinutes(16), cars: 0),                                       // covered, counted nothing
            Payloads.Traffic("dev-b", 2, T0.AddMinutes(31), cars: 0, status: TrafficIntervalStatus.NoData), // no data
        ]);

        TrafficAggregate byClass = await store.QueryTrafficAggregateAsync(
            new TrafficAggregateQuery(T0, T0.AddHours(1), BinWidth.FifteenMinutes, TrafficCountKind.Line, TrafficDimensions.Class));
        Assert.Equal(4, byClass.BinCount);
        TrafficGroup cars = Assert.Single(byClass.Groups, g => g.Class == "car");
        Assert.Null(cars.Device);
        Assert.Equal(new long?[] { 10, 0, null, null }, cars.Counts);
        Assert.Equal(new long?[] { 1, 0, null, null }, Assert.Single(byClass.Groups, g => g.Class == "bus").Counts);

        TrafficAggregate byDevice = await store.QueryTrafficAggregateAsync(
            new TrafficAggregateQuery(T0, T0.AddHours(1), BinWidth.FifteenMinutes, TrafficCountKind.Line, TrafficDimensions.Device));
        Assert.Equal(new long?[] { 5, 0, null, null }, Assert.Single(byDevice.Groups, g => g.Device == "dev-a").Counts);
        Assert.Equal(new long?[] { 6, null, null, null }, Assert.Single(byDevice.Groups, g => g.Device == "dev-b").Counts);
        Assert.Equal(2, byDevice.Coverage.Count);

        TrafficAggregate movements = await store.QueryTrafficAggregateAsync(new TrafficAggregateQuery(
            T0, T0.AddHours(1), BinWidth.Hour, TrafficCountKind.Movement, TrafficDimensions.Line | TrafficDimensions.Direction, ["dev-a"]));
        TrafficGroup left = Assert.Single(movements.Groups);
        Assert.Equal(("n>e", "left"), (left.Line, left.Direction));
        Assert.Equal(new long?[] { 4 }, left.Counts);

        TrafficAggregate oneLine = await store.QueryTrafficAggregateAsync(new TrafficAggregateQuery(
            T0, T0.AddHours(1), BinWidth.Hour, TrafficCountKind.Line, TrafficDimensions.None, Line: "nowhere"));
        Assert.Empty(oneLine.Groups);
    }

    protected async Task Last_seen_and_latest_health_per_device()
    {
        await using ITimeSeriesStore store = await CreateStoreAsync();
        await store.WriteBatchAsync(
        [
            Payloads.Health("dev-a", 1, T0.AddMinutes(1), fps: 9.5, outbox: 3, cpu: 51.5),
            Payloads.Health("dev-a", 2, T0.AddMinutes(2), fps: 10, outbox: 0, cpu: 52),
            Payloads.Traffic("dev-a", 3, T0.AddMinutes(3), cars: 1),
            Payloads.Health("dev-b", 7, T0.AddMinutes(1), fps: 4, outbox: 120, cpu: null),
        ]);

        IReadOnlyList<DeviceLastSeen> seen = await store.GetLastSeenAsync();
        Assert.Equal(["dev-a", "dev-b"], seen.Select(s => s.Device));
        Assert.Equal((T0.AddMinutes(3), 3L), (seen[0].Ts, seen[0].Seq));
        Assert.Equal((T0.AddMinutes(1), 7L), (seen[1].Ts, seen[1].Seq));

        IReadOnlyList<HealthSnapshot> health = await store.GetLatestHealthAsync();
        Assert.Equal(2, health.Count);
        HealthSnapshot a = health[0];
        Assert.Equal(("dev-a", T0.AddMinutes(2), 0L, 52.0, "0.9.0", "demo-traffic 2"), (a.Device, a.Ts, a.OutboxDepth, a.CpuTemperatureC, a.AgentVersion, a.ModelVersion));
        CameraHealth cam = Assert.Single(a.Cameras);
        Assert.Equal(("cam0", 10.0, 31.5, 40.0, 2L), (cam.Camera, cam.Fps, cam.InferenceMsMean, cam.InferenceMsP95, cam.FramesDropped));
        Assert.Null(health[1].CpuTemperatureC);
        Assert.Equal(120, health[1].OutboxDepth);

        HealthBins bins = await store.QueryHealthAsync(new DeviceRangeQuery(T0, T0.AddMinutes(30), BinWidth.FifteenMinutes, ["dev-a"]));
        HealthSeries series = Assert.Single(bins.Series);
        Assert.Equal(9.75, series.Fps[0]!.Value, 6);
        Assert.Null(series.Fps[1]);
        Assert.Equal(4, series.FramesDropped[0]);
        Assert.Equal(3, series.OutboxDepth[0]);
        Assert.Equal(51.75, series.CpuTemperatureC[0]!.Value, 6);
    }

    protected async Task Queues_and_speeds_are_binned_with_sample_weighted_speeds()
    {
        await using ITimeSeriesStore store = await CreateStoreAsync();
        await store.WriteBatchAsync(
        [
            Payloads.WithQueuesAndSpeeds(Payloads.Traffic("dev-a", 1, T0.AddMinutes(1), 1), maxM: 24, meanM: 10, vehicles: 4, samples: 10, mean: 40, p85: 50),
            Payloads.WithQueuesAndSpeeds(Payloads.Traffic("dev-a", 2, T0.AddMinutes(2), 1), maxM: 36, meanM: 20, vehicles: 6, samples: 30, mean: 60, p85: 70),
            Payloads.WithQueuesAndSpeeds(Payloads.Traffic("dev-a", 3, T0.AddMinutes(31), 1), maxM: 0, meanM: 0, vehicles: 0, samples: 0, mean: null, p85: null),
        ]);

        var range = new DeviceRangeQuery(T0, T0.AddHours(1), BinWidth.FifteenMinutes);
        QueueSeries q = Assert.Single((await store.QueryQueuesAsync(range)).Series);
        Assert.Equal(("dev-a", "cam0", "north"), (q.Device, q.Camera, q.Approach));
        Assert.Equal(new double?[] { 36, null, 0, null }, q.MaxM);
        Assert.Equal(15, q.MeanM[0]!.Value, 6);
        Assert.Equal(new int?[] { 6, null, 0, null }, q.MaxVehicles);

        SpeedSeries s = Assert.Single((await store.QuerySpeedsAsync(range)).Series);
        Assert.Equal(("stop", "line"), (s.Name, s.Where));
        Assert.Equal(55, s.MeanKmh[0]!.Value, 6);   // (10·40 + 30·60) / 40
        Assert.Equal(65, s.P85Kmh[0]!.Value, 6);    // (10·50 + 30·70) / 40
        Assert.Equal(40, s.Samples[0]);
        Assert.Null(s.MeanKmh[1]);
        Assert.Null(s.MeanKmh[2]);                  // an interval without samples has no speed, not 0 km/h
        Assert.Equal(0, s.Samples[2]);
    }

    protected async Task Air_flags_are_collected_per_bin()
    {
        await using ITimeSeriesStore store = await CreateStoreAsync();
        await store.WriteBatchAsync(
        [
            Payloads.Flagged("dev-a", 1, T0.AddMinutes(1), ["warm_up"], 5),
            Payloads.Flagged("dev-a", 2, T0.AddMinutes(2), ["stuck", "warm_up"], 3),
            Payloads.Flagged("dev-a", 3, T0.AddMinutes(20), [], 0),
        ]);

        AirFlagBins bins = await store.QueryAirFlagsAsync(new AirQuery("pm2_5", T0, T0.AddMinutes(30), BinWidth.FifteenMinutes));
        AirFlagSeries series = Assert.Single(bins.Series);
        Assert.Equal(["stuck", "warm_up"], series.Flags[0]);
        Assert.Equal(8, series.FlaggedSamples[0]);
        Assert.Null(series.Flags[1]);
    }
}
