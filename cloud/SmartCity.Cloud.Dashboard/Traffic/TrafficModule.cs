using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Layout;
using SmartCity.Cloud.Dashboard.Querying;

namespace SmartCity.Cloud.Dashboard.Traffic;

/// <summary>The Traffic page, its JSON API and the CSV export.</summary>
public sealed class TrafficModule : IDashboardModule
{
    /// <inheritdoc />
    public int Order => 120;

    /// <inheritdoc />
    public IEnumerable<NavItem> Navigation => [new NavItem("Traffic", "/traffic", 20)];

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, DashboardOptions options)
    {
        services.TryAddSingleton<TrafficService>();
    }

    /// <inheritdoc />
    public void UseMiddleware(WebApplication app)
    {
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/traffic", async (HttpContext context, DeviceDirectory directory, DashboardOptions options, TimeProvider clock) =>
        {
            var (request, error) = await TrafficRequest.ReadAsync(context.Request.Query, directory, options, clock, context.RequestAborted);
            DeviceDirectory.Snapshot dir = await directory.GetAsync(context.RequestAborted);
            return PageLayout.Render(context, new PageContent
            {
                Title = "Traffic",
                ActiveHref = "/traffic",
                Subtitle = "Counts per line, movement and class in 15-minute bins; turning movements with peak hour factors; queues and speeds.",
                Body = TrafficPage.Body(dir, request, error, new QueryView(context.Request.Query)),
                Scripts = ["/assets/traffic.js"],
                PageData = new { api = error is null ? "/api/v1/traffic" + context.Request.QueryString.Value : null },
                StatusCode = error?.Status ?? StatusCodes.Status200OK,
            });
        }).ExcludeFromDescription();

        RouteGroupBuilder api = endpoints.MapGroup("/api/v1").WithTags("Traffic");
        api.MapGet("/traffic", async (HttpContext context, DeviceDirectory directory, DashboardOptions options, TimeProvider clock, TrafficService traffic) =>
        {
            var (request, error) = await TrafficRequest.ReadAsync(context.Request.Query, directory, options, clock, context.RequestAborted);
            return error is not null ? error.ToResult() : Results.Ok(await traffic.GetAsync(request!, context.RequestAborted));
        }).WithName("GetTraffic")
            .WithSummary("The Traffic page's data. Query: site, device (repeat or comma-separate), from, to (ISO 8601, UTC), bin=15m|1h, kind=line|movement, group=class|line|direction|device, line.")
            .Produces<TrafficView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/traffic.csv", async (HttpContext context, DeviceDirectory directory, DashboardOptions options, TimeProvider clock, TrafficService traffic) =>
        {
            var (request, error) = await TrafficRequest.ReadAsync(context.Request.Query, directory, options, clock, context.RequestAborted);
            if (error is not null)
            {
                return error.ToResult();
            }

            int rows = request!.Selection.BinCount;
            if (rows > options.MaxCsvRows)
            {
                return DashboardProblems.TooLarge("CSV export too large",
                    $"The export would hold {rows} rows; at most {options.MaxCsvRows}. Shorten the range or use bin=1h.", "to");
            }

            TrafficView view = await traffic.GetAsync(request, context.RequestAborted);
            string name = $"traffic_{request.Selection.From:yyyyMMddHHmm}_{request.Selection.To:yyyyMMddHHmm}_{request.Group}.csv";
            return Results.File(Encoding.UTF8.GetBytes(TrafficCsv.Write(view)), "text/csv; charset=utf-8", name);
        }).WithName("ExportTrafficCsv")
            .WithSummary("The Traffic chart as CSV, exactly as on screen (same query as /api/v1/traffic); an empty cell is no data.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    private sealed class QueryView(IQueryCollection query) : IQueryCollectionView
    {
        public string? Get(string name) => query.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;
    }
}
