using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Hosting;

namespace SmartCity.Cloud.Dashboard;

/// <summary>Maps the dashboard into the host's request pipeline.</summary>
public static class DashboardEndpointExtensions
{
    /// <summary>
    /// Adds the error handler (problem details, never a stack trace), each feature's middleware, the static assets,
    /// the OpenAPI document at <c>/openapi/v1.json</c> and every page and API endpoint.
    /// </summary>
    public static WebApplication MapSmartCityDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        DashboardModules modules = app.Services.GetRequiredService<DashboardModules>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        foreach (IDashboardModule module in modules.All)
        {
            module.UseMiddleware(app);
        }

        app.MapOpenApi("/openapi/{documentName}.json");
        DashboardAssets.Map(app);
        app.MapGet("/", () => Results.Redirect("/fleet")).ExcludeFromDescription();
        foreach (IDashboardModule module in modules.All)
        {
            module.MapEndpoints(app);
        }

        return app;
    }
}
