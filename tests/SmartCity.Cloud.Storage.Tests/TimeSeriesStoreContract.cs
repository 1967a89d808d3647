using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;
using Xunit;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="ITimeSeriesStore"/> must show. Each store's test class derives from this and runs
/// every check under its own fact attribute (the InfluxDB one skips or fails when influxd is missing).
/// </summary>
public abstract class TimeSeriesStoreContract
{
    private static readonly DateTimeOffset T0 = Payloads.Day.AddHours(8);

    /// <summary>A fresh, empty store.</summary>
    protected abstract Task<ITimeSeriesStore> CreateStoreAsync();

    protected async Task Round_trip_sums_one_minute_intervals_into_15_minute_and_hourly_bins()
    {
        await using ITimeSeriesStore store = await CreateStoreAsync();
        // Intervals ending 08:01 .. 08:30 (starts 08:00 .. 08:29); interval k counts k cars and 1 bus.
        var batch = new List<WirePayload>();
        for (int k = 1; k <= 30; k++)
        {
            batch.Add(Payloads.Traffic("dev-a", k, T0.AddMinutes(k), cars: k, buses: 1));
        }

        StoreWriteResult written = await store.WriteBatchAsync(batch);
        Assert.Equal(new StoreWriteResult(30, 0), written);

        TrafficBins bins = await store.QueryTrafficAsync(new TrafficQuery(T0, T0.AddHours(1), BinWidth.FifteenMinutes, Kind: TrafficCountKind.Line));
        Assert.Equal(4, bins.BinCount);
        Assert.Equal(T0, bins.From);
        TrafficSeries cars = Assert.Single(bins.Series, s => s.Class == "car");
        // Bin 08:00 holds intervals 1..15 (sum 120), bin 08:15 holds 16..30 (sum 345); 08:30 and 08:45 have no data.
        Assert.Equal(new int?[] { 120, 345, null, null }, cars.Counts);
        TrafficSeries buses = Assert.Single(bins.Series, s => s.Class == "bus");
        Assert.Equal(("north", "out", "cam0", DeviceSiteMap.Unassigned), (buses.Line, buses.Direction, buses.Camera, buses.Site));
        Assert.Equal(new int?[] { 15, 15, null, null }, buses.Counts);

        TrafficBins hourly = await store.QueryTrafficAsync(new TrafficQuery(T0.AddMinutes(5), T0.AddHours(2), BinWidth.Hour, Kind: TrafficCountKind.Movement));
        TrafficSeries left = Assert.Single(hourly.Series);
        Assert.Equal(("n>e", "left", TrafficCountKind.Movement), (left.Line, left.Direction, left.Kind));
        Assert.Equal(new int?[] { 465, null }, left.Counts);
    }

    protected async Task Rewriting_a_batch_does_not_double_count()
    {
        await using ITimeSeriesStore store = await CreateStoreAsync();
        var first = new List<WirePayload> { Payloads.Traffic("dev-a", 1, T0.AddMinutes(1), 5), Payloads.Traffic("dev-a", 2, T0.AddMinutes(2), 7) };
        await store.WriteBatchAsync(first);
        // Redelivery of both plus one new message, and a repeat inside the batch.
        var again = new List<WirePayload>(first) { Payloads.Traffic("dev-a", 3, T0.AddMinutes(3), 11), Payloads.Traffic("dev-a", 3, T0.AddMinutes(3), 11) };
        StoreWriteResult result = await store.WriteBatchAsync(again);
        Assert.True(result.Duplicates >= 1);

        TrafficBins bins = await store.QueryTrafficAsync(new TrafficQuery(T0, T0.AddMinutes(15), BinWidth.FifteenMinutes, Kind: TrafficCountKind.Line));
        Assert.Equal(new int?[] { 23 }, Assert.Single(bins.Series, s => s.Class == "car").Counts);
        Assert.Equal(3, (await store.GetLastSeqAsync())["dev-a"]);
    }

    protected async Task No_data_intervals_stay_null_while_counted_nothing_is_zero()
    {
        await using ITimeSeriesStore store = await CreateStoreAsync();
        await store.WriteBatchAsync(
        [
            Payloads.Traffic("dev-a", 1, T0.AddMinutes(1), 4),                                              // 08:00 bin: 4
            Payloads.Traffic("dev-a", 2, T0.AddMinutes(16), 0),                                             // 08:15 bin: zero
            Payloads.Traffic("dev-a", 3, T0.AddMinutes(31), 0, status: TrafficIntervalStatus.NoData),       // 08:30 bin: no data
            // 08:45 bin: nothing sent at all.
        ]);

        TrafficBins bins = await store.QueryTrafficAsync(new TrafficQuery(T0, T0.AddHours(1), BinWidth.FifteenMinutes, ["dev-a"], TrafficCountKind.Line));
        Assert.Equal(new int?[] { 4, 0, null, null }, Assert.Single(bins.Series, s => s.Class == "car").Counts);
        TrafficCoverage coverage = Assert.Single(bins.Coverage);
        Assert.Equal(new[] { true, true, false, false }, coverage.HasData);
    }

    protected async Task Air_bins_are_means_and_missing_means_are_null()
    {
        await using ITimeSeriesStore store = await CreateStoreAsync();
        await store.WriteBatchAsync(
        [
            Payloads.Air("dev-a", 1, T0.AddMinutes(1), 10),
            Payloads.Air("dev-a", 2, T0.AddMinutes(2), 20),
            Payloads.Air("dev-a", 3, T0.AddMinutes(16), null),
            Payloads.Air("dev-a", 4, T0.AddMinutes(31), 7.5),
        ]);

        AirBins bins = await store.QueryAirAsync(new AirQuery("pm2_5", T0, T0.AddHours(1), BinWidth.FifteenMinutes));
        AirSeries s = Assert.Single(bins.Series);
        Assert.Equal(("sds011", "ug/m3"), (s.Sensor, s.Unit));
        Assert.Equal(new double?[] { 15, null, 7.5, null }, s.Means);
    }

    protected async Task Latest_status_and_last_seq_per_device()
    {
        await using ITimeSeriesStore store = await CreateStoreAsync();
        await store.WriteBatchAsync(
        [
            Payloads.Status("dev-a", 10, T0, DeviceState.Online),
            Payloads.Traffic("dev-a", 11, T0.AddMinutes(2), 1),
            Payloads.Status("dev-b", 3, T0.AddMinutes(1), DeviceState.Online),
            Payloads.Traffic("dev-b", 4, T0.AddMinutes(2), 1),
        ]);

        // The last will repeats the birth message's seq (status is latest-state, outside the seq ledger): it must
        // still be stored, and it does not move the device's last seq.
        await store.WriteBatchAsync([Payloads.Status("dev-a", 10, T0.AddMinutes(5), DeviceState.Offline)]);

        IReadOnlyList<DeviceStatus> status = await store.GetLatestStatusAsync();
        Assert.Equal(2, status.Count);
        Assert.Equal(("dev-a", "offline", T0.AddMinutes(5)), (status[0].Device, status[0].State, status[0].Ts));
        Assert.Equal(("dev-b", "online", "agent 1.2.3"), (status[1].Device, status[1].State, status[1].Detail));
        IReadOnlyDictionary<string, long> seqs = await store.GetLastSeqAsync();
        Assert.Equal(11, seqs["dev-a"]);
        Assert.Equal(4, seqs["dev-b"]);
    }

    protected async Task Retention_deletes_measures_older_than_the_cutoff_but_keeps_the_latest_status()
    {
        await using ITimeSeriesStore store = await CreateStoreAsync();
        await store.WriteBatchAsync(
        [
            Payloads.Status("dev-a", 1, T0.AddDays(-40), DeviceState.Online),
            Payloads.Traffic("dev-a", 2, T0.AddDays(-40).AddMinutes(1), 9),
            Payloads.Traffic("dev-a", 3, T0.AddMinutes(1), 5),
        ]);

        await store.ApplyRetentionAsync(T0.AddDays(-30));

        TrafficBins old = await store.QueryTrafficAsync(new TrafficQuery(T0.AddDays(-40), T0.AddDays(-40).AddMinutes(15), BinWidth.FifteenMinutes));
        Assert.Empty(old.Series);
        Assert.Empty(old.Coverage);
        TrafficBins recent = await store.QueryTrafficAsync(new TrafficQuery(T0, T0.AddMinutes(15), BinWidth.FifteenMinutes, Kind: TrafficCountKind.Line));
        Assert.Equal(new int?[] { 5 }, Assert.Single(recent.Series, s => s.Class == "car").Counts);
        Assert.Equal("online", Assert.Single(await store.GetLatestStatusAsync()).State);
    }
}
