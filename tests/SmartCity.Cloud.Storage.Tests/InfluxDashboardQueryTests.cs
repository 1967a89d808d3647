using SmartCity.Cloud.Storage.Influx;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>The dashboard's reads against a real InfluxDB 1.x; each test gets its own database.</summary>
public sealed class InfluxDashboardQueryTests(InfluxServerFixture server) : DashboardQueryContract, Xunit.IClassFixture<InfluxServerFixture>
{
    protected override async Task<ITimeSeriesStore> CreateStoreAsync()
    {
        InfluxServer influx = await server.GetAsync();
        return await InfluxV1TimeSeriesStore.OpenAsync(new InfluxStoreOptions { ServerUri = influx.Uri, Database = $"t{Guid.NewGuid():N}" });
    }

    [InfluxFact]
    public Task Aggregates_sum_over_devices_keep_groups_apart_and_leave_uncovered_bins_null_() => Aggregates_sum_over_devices_keep_groups_apart_and_leave_uncovered_bins_null();

    [InfluxFact]
    public Task Last_seen_and_latest_health_per_device_() => Last_seen_and_latest_health_per_device();

    [InfluxFact]
    public Task Queues_and_speeds_are_binned_with_sample_weighted_speeds_() => Queues_and_speeds_are_binned_with_sample_weighted_speeds();

    [InfluxFact]
    public Task Air_flags_are_collected_per_bin_() => Air_flags_are_collected_per_bin();
}
