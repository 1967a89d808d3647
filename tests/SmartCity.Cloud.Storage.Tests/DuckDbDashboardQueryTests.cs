using SmartCity.Cloud.Storage.DuckDb;
using Xunit;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>The dashboard's reads against the embedded DuckDB store in a temp folder.</summary>
public sealed class DuckDbDashboardQueryTests : DashboardQueryContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("smartcity-duckdb-dash-").FullName;

    protected override Task<ITimeSeriesStore> CreateStoreAsync() =>
        Task.FromResult<ITimeSeriesStore>(new DuckDbTimeSeriesStore(new DuckDbStoreOptions { DataFolder = _folder, FileName = $"{Guid.NewGuid():N}.duckdb" }));

    [Fact]
    public Task Aggregates_sum_over_devices_keep_groups_apart_and_leave_uncovered_bins_null_() => Aggregates_sum_over_devices_keep_groups_apart_and_leave_uncovered_bins_null();

    [Fact]
    public Task Last_seen_and_latest_health_per_device_() => Last_seen_and_latest_health_per_device();

    [Fact]
    public Task Queues_and_speeds_are_binned_with_sample_weighted_speeds_() => Queues_and_speeds_are_binned_with_sample_weighted_speeds();

    [Fact]
    public Task Air_flags_are_collected_per_bin_() => Air_flags_are_collected_per_bin();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
