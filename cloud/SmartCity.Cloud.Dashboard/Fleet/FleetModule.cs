using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Layout;
using SmartCity.Cloud.Dashboard.Querying;
using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;

namespace SmartCity.Cloud.Dashboard.Fleet;

/// <summary>The Fleet page and the device / fleet API.</summary>
public sealed class FleetModule : IDashboardModule
{
    /// <inheritdoc />
    public int Order => 110;

    /// <inheritdoc />
    public IEnumerable<NavItem> Navigation => [new NavItem("Fleet", "/fleet", 10)];

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, DashboardOptions options)
    {
        services.TryAddSingleton<FleetService>();
    }

    /// <inheritdoc />
    public void UseMiddleware(WebApplication app)
    {
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/fleet", async (HttpContext context, FleetService fleet) =>
        {
            QueryReader q = QueryReader.For(context.Request.Query, "fragment");
            bool fragment = q.Choice("fragment", "0", "0", "1") == "1";
            if (q.Error is { } error)
            {
                return error.ToResult();
            }

            FleetView view = await fleet.GetAsync(context.RequestAborted);
            string body = FleetPage.Body(view);
            return fragment
                ? Results.Content(body, "text/html; charset=utf-8")
                : PageLayout.Render(context, new PageContent
                {
                    Title = "Fleet",
                    ActiveHref = "/fleet",
                    Subtitle = "Every device: connection state, last message, pipeline health and versions.",
                    Body = body,
                    Scripts = ["/assets/fleet.js"],
                });
        }).ExcludeFromDescription();

        RouteGroupBuilder api = endpoints.MapGroup("/api/v1").WithTags("Fleet");
        api.MapGet("/fleet", async (HttpContext context, FleetService fleet) =>
        {
            if (QueryReader.For(context.Request.Query).Error is { } error)
            {
                return error.ToResult();
            }

            return Results.Ok(await fleet.GetAsync(context.RequestAborted));
        }).WithName("GetFleet").WithSummary("Every device with online/offline state, last seen, latest health and versions.")
            .Produces<FleetView>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/devices", async (HttpContext context, DeviceDirectory directory) =>
        {
            if (QueryReader.For(context.Request.Query).Error is { } error)
            {
                return error.ToResult();
            }

            DeviceDirectory.Snapshot dir = await directory.GetAsync(context.RequestAborted);
            return Results.Ok(dir.Devices);
        }).WithName("ListDevices").WithSummary("The registered devices and those heard from, with site and coordinates.")
            .Produces<IReadOnlyList<DashboardDevice>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/devices/{id}", async (string id, HttpContext context, FleetService fleet) =>
        {
            if (QueryReader.For(context.Request.Query).Error is { } error)
            {
                return error.ToResult();
            }

            FleetView view = await fleet.GetAsync(context.RequestAborted);
            FleetDevice? device = view.Devices.FirstOrDefault(d => d.Id == id);
            return device is null ? QueryError.UnknownDevice(id).ToResult() : Results.Ok(device);
        }).WithName("GetDevice").WithSummary("One device as the Fleet page shows it.")
            .Produces<FleetDevice>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/devices/{id}/health", async (string id, HttpContext context, DeviceDirectory directory, ITimeSeriesStore store, DashboardOptions options, TimeProvider clock) =>
        {
            QueryReader q = QueryReader.For(context.Request.Query, "from", "to", "bin");
            DeviceDirectory.Snapshot dir = await directory.GetAsync(context.RequestAborted);
            var (from, to, bin) = q.Range(options, clock.GetUtcNow(), TimeSpan.FromHours(24));
            if (q.Error is { } error)
            {
                return error.ToResult();
            }

            if (!dir.ById.ContainsKey(id))
            {
                return QueryError.UnknownDevice(id).ToResult();
            }

            return Results.Ok(HealthHistory.Create(id, await store.QueryHealthAsync(new DeviceRangeQuery(from, to, bin, [id]), context.RequestAborted)));
        }).WithName("GetDeviceHealth").WithSummary("A device's health history in bins (fps, inference ms, dropped frames, outbox depth, CPU °C); null = no health interval.")
            .Produces<HealthHistory>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
