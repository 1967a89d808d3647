using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Layout;
using SmartCity.Cloud.Dashboard.Live;

namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>Threshold alert rules defined by operators, evaluated on live data and on a clock; active and past alerts.</summary>
public sealed class AlertsModule : IDashboardModule
{
    /// <inheritdoc />
    public int Order => 200;

    /// <inheritdoc />
    public IEnumerable<NavItem> Navigation => [new NavItem("Alerts", "/alerts", 40, DashboardRoles.Operator)];

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Alerts.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new AlertRuleStore(options.DataDirectory));
        services.AddSingleton<AlertEngine>();
        services.AddSingleton<IDashboardBatchObserver>(sp => sp.GetRequiredService<AlertEngine>());
        services.AddHostedService<OfflineAlertService>();
    }

    /// <inheritdoc />
    public void UseMiddleware(WebApplication app)
    {
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => AlertsEndpoints.Map(endpoints);
}
