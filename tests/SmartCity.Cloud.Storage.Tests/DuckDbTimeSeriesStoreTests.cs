using DuckDB.NET.Data;
using SmartCity.Cloud.Storage.DuckDb;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;
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

    [Fact]
    public async Task New_redelivered_and_mixed_batches_store_each_message_and_its_measures_once()
    {
        // A 1 MiB checkpoint threshold makes commits checkpoint as they go, as a long-running store does.
        await using var store = new DuckDbTimeSeriesStore(new DuckDbStoreOptions { DataFolder = _folder, FileName = "paths.duckdb", CheckpointThresholdMiB = 1 });
        var t0 = new DateTimeOffset(2025, 5, 14, 8, 0, 0, TimeSpan.Zero);
        List<WirePayload> Traffic(int from, int count) =>
            [.. Enumerable.Range(from, count).Select(i => (WirePayload)(WireExamples.Traffic("dev-a", i) with { Ts = t0.AddMinutes(i), IntervalS = 60 }))];

        // All new: the insert count equals the batch, every measure is appended without a lookup.
        Assert.Equal(new StoreWriteResult(2000, 0), await store.WriteBatchAsync(Traffic(1, 2000)));
        // Half redelivered: the transaction is rolled back and written again with RETURNING; only the new half counts.
        Assert.Equal(new StoreWriteResult(1000, 1000), await store.WriteBatchAsync(Traffic(1001, 2000)));
        Assert.Equal(new StoreWriteResult(0, 2000), await store.WriteBatchAsync(Traffic(1001, 2000)));

        using DuckDBConnection c = store.OpenReader();
        foreach ((string table, long perMessage) in new[] { ("message", 1L), ("coverage", 1L), ("traffic", 5L), ("speed", 1L), ("queue", 1L) })
        {
            using DuckDBCommand cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT count(*) FROM {table}";
            Assert.Equal(3000 * perMessage, Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void A_checkpoint_threshold_out_of_range_is_refused_with_its_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new DuckDbStoreOptions { DataFolder = _folder, CheckpointThresholdMiB = 0 }.Validate());
        Assert.Contains("CheckpointThresholdMiB", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
