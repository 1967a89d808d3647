using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Layout;
using SmartCity.Cloud.Dashboard.Live;

namespace SmartCity.Cloud.Dashboard.Querying;

/// <summary>The shared read side: the device directory and the day-by-day store reads with their cache (no pages).</summary>
public sealed class QueryingModule : IDashboardModule
{
    /// <inheritdoc />
    public int Order => 105;

    /// <inheritdoc />
    public IEnumerable<NavItem> Navigation => [];

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, DashboardOptions options)
    {
        services.TryAddSingleton<DeviceDirectory>();
        services.AddSingleton<IDashboardBatchObserver>(sp => sp.GetRequiredService<DeviceDirectory>());
        services.TryAddSingleton<DayChunkCache>();
        services.AddSingleton<IDashboardBatchObserver>(sp => sp.GetRequiredService<DayChunkCache>());
        services.TryAddSingleton<DashboardReads>();
    }

    /// <inheritdoc />
    public void UseMiddleware(WebApplication app)
    {
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
