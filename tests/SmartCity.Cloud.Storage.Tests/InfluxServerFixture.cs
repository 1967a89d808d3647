using Xunit;

namespace SmartCity.Cloud.Storage.Tests;

/// <summary>One influxd for the InfluxDB test class; started lazily so a skipped class starts nothing.</summary>
public sealed class InfluxServerFixture : IAsyncLifetime
{
    private InfluxServer? _server;

    public async Task<InfluxServer> GetAsync() => _server ??= await InfluxServer.StartAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
