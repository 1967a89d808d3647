using SmartCity.Cloud.Storage.DuckDb;
using Xunit;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>The store contract against the embedded DuckDB store in a temp folder.</summary>
public sealed class DuckDbTimeSeriesStoreTests : TimeSeriesStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("smartcity-duckdb-").FullName;

    protected override Task<ITimeSeriesStore> CreateStoreAsync() =>
        Task.FromResult<ITimeSeriesStore>(new DuckDbTimeSeriesStore(new DuckDbStoreOptions { DataFolder = _folder, FileName = $"{Guid.NewGuid():N}.duckdb" }));

    [Fact]
    public Task Round_trip_sums_one_minute_intervals_into_15_minute_and_hourly_bins_() => Round_trip_sums_one_minute_intervals_into_15_minute_and_hourly_bins();

    [Fact]
    public Task Rewriting_a_batch_does_not_double_count_() => Rewriting_a_batch_does_not_double_count();

    [Fact]
    public Task No_data_intervals_stay_null_while_counted_nothing_is_zero_() => No_data_intervals_stay_null_while_counted_nothing_is_zero();

    [Fact]
    public Task Air_bins_are_means_and_missing_means_are_null_() => Air_bins_are_means_and_missing_means_are_null();

    [Fact]
    public Task Latest_status_and_last_seq_per_device_() => Latest_status_and_last_seq_per_device();

    [Fact]
    public Task Retention_deletes_measures_older_than_the_cutoff_but_keeps_the_latest_status_() => Retention_deletes_measures_older_than_the_cutoff_but_keeps_the_latest_status();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
