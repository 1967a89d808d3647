using SmartCity.Cloud.Storage.Influx;
using Xunit;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>The dashboard's reads over data written through <c>/api/v2/write</c> (1.8 shim in front of the real influxd).</summary>
public sealed class InfluxV2WriteDashboardQueryTests(InfluxServerFixture server) : DashboardQueryContract, IClassFixture<InfluxServerFixture>, IAsyncLifetime
{
    private InfluxV2CompatShim? _shim;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_shim is not null)
        {
            Assert.True(_shim.V2Writes > 0, "no write went through /api/v2/write");
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
    public Task Aggregates_sum_over_devices_keep_groups_apart_and_leave_uncovered_bins_null_() => Aggregates_sum_over_devices_keep_groups_apart_and_leave_uncovered_bins_null();

    [InfluxFact]
    public Task Last_seen_and_latest_health_per_device_() => Last_seen_and_latest_health_per_device();

    [InfluxFact]
    public Task Queues_and_speeds_are_binned_with_sample_weighted_speeds_() => Queues_and_speeds_are_binned_with_sample_weighted_speeds();

    [InfluxFact]
    public Task Air_flags_are_collected_per_bin_() => Air_flags_are_collected_per_bin();
}
