using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard;

/// <summary>Registers the dashboard in the host's services.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds the dashboard: options, every feature module, problem details, the OpenAPI document and the live feed.
    /// The host registers the <see cref="Storage.ITimeSeriesStore"/> itself.
    /// </summary>
    public static IServiceCollection AddSmartCityDashboard(this IServiceCollection services, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        DashboardModules modules = DashboardModules.Discover();
        services.AddSingleton(options);
        services.AddSingleton(modules);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new DashboardNavigation(modules.All.SelectMany(m => m.Navigation)));
        services.AddProblemDetails();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "SmartCity dashboard API";
            document.Info.Description = "Fleet, traffic and air-quality summaries as the dashboard shows them. Times are UTC (ISO 8601); "
                + "a null value means no data for that bin, never zero. Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        foreach (IDashboardModule module in modules.All)
        {
            module.AddServices(services, options);
        }

        return services;
    }
}
