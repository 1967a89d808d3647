using SmartCity.Cloud.Storage.Influx;
using Xunit;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>
/// The store contract with <see cref="InfluxWriteApi.V2"/> writes: InfluxDB.Client posts to <c>/api/v2/write</c> on an
/// InfluxDB 1.8 compatibility shim in front of the real influxd 1.6.7, and the reads go through the shim to the real
/// server's <c>/query</c>. Each test gets its own database; every test also checks that the writes took the v2 route.
/// </summary>
public sealed class InfluxV2WriteTimeSeriesStoreTests(InfluxServerFixture server) : TimeSeriesStoreContract, IClassFixture<InfluxServerFixture>, IAsyncLifetime
{
    private InfluxV2CompatShim? _shim;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_shim is not null)
        {
            // Data reached influxd through /api/v2/write, and through nothing else.
            Assert.True(_shim.V2Writes > 0, "no write went through /api/v2/write");
            Assert.DoesNotContain(_shim.V2Requests, r => !r.Query.Contains("precision=ms", StringComparison.Ordinal));
            await _shim.DisposeAsync();
        }
    }

    protected override async Task<ITimeSeriesStore> CreateStoreAsync()
    {
        InfluxServer influx = await server.GetAsync();
        _shim ??= await InfluxV2CompatShim.StartAsync(influx.Uri);
        return await InfluxV1TimeSeriesStore.OpenAsync(new InfluxStoreOptions
        {
            ServerUri = _shim.Uri,
            Database = $"t{Guid.NewGuid():N}",
            WriteApi = InfluxWriteApi.V2,
        });
    }

    [InfluxFact]
    public Task Round_trip_sums_one_minute_intervals_into_15_minute_and_hourly_bins_() => Round_trip_sums_one_minute_intervals_into_15_minute_and_hourly_bins();

    [InfluxFact]
    public Task Rewriting_a_batch_does_not_double_count_() => Rewriting_a_batch_does_not_double_count();

    [InfluxFact]
    public Task No_data_intervals_stay_null_while_counted_nothing_is_zero_() => No_data_intervals_stay_null_while_counted_nothing_is_zero();

    [InfluxFact]
    public Task Air_bins_are_means_and_missing_means_are_null_() => Air_bins_are_means_and_missing_means_are_null();

    [InfluxFact]
    public Task Latest_status_and_last_seq_per_device_() => Latest_status_and_last_seq_per_device();

    [InfluxFact]
    public Task Retention_deletes_measures_older_than_the_cutoff_but_keeps_the_latest_status_() => Retention_deletes_measures_older_than_the_cutoff_but_keeps_the_latest_status();
}
