using SmartCity.Cloud.Storage.Influx;
using Xunit;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>The store contract against a real InfluxDB 1.x (Debian's 1.6.7); each test gets its own database.</summary>
public sealed class InfluxV1TimeSeriesStoreTests(InfluxServerFixture server) : TimeSeriesStoreContract, IClassFixture<InfluxServerFixture>
{
    protected override async Task<ITimeSeriesStore> CreateStoreAsync()
    {
        InfluxServer influx = await server.GetAsync();
        return await InfluxV1TimeSeriesStore.OpenAsync(new InfluxStoreOptions { ServerUri = influx.Uri, Database = $"t{Guid.NewGuid():N}" });
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
