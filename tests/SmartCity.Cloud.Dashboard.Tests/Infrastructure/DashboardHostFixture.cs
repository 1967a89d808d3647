using Xunit;

namespace SmartCity.Cloud.Dashboard.Tests.Infrastructure;

/// <summary>One seeded host shared by the tests of a class (read-only tests; tests that publish start their own host).</summary>
public sealed class DashboardHostFixture : IAsyncLifetime
{
    private DashboardTestHost? _host;

    /// <summary>The host.</summary>
    public DashboardTestHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _host = await DashboardTestHost.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
