using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Layout;

namespace SmartCity.Cloud.Dashboard.Hosting;

/// <summary>
/// One feature of the dashboard (fleet, traffic, alerts, …). Every non-abstract implementation in this assembly with a
/// public parameterless constructor is found at start-up and wired in order of <see cref="Order"/>.
/// </summary>
public interface IDashboardModule
{
    /// <summary>Lower runs first. Auth 10..99, core pages 100..199, other features 200+.</summary>
    int Order { get; }

    /// <summary>The top-bar entries of this feature.</summary>
    IEnumerable<NavItem> Navigation { get; }

    /// <summary>Registers the feature's services (inside <c>AddSmartCityDashboard</c>).</summary>
    void AddServices(IServiceCollection services, DashboardOptions options);

    /// <summary>Adds middleware before any endpoint is mapped (authentication, antiforgery, rate limiting).</summary>
    void UseMiddleware(WebApplication app);

    /// <summary>Maps the feature's pages and API.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
