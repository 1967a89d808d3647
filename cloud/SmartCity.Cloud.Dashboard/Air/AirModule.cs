using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Layout;
using SmartCity.Cloud.Dashboard.Querying;

namespace SmartCity.Cloud.Dashboard.Air;

/// <summary>The Air quality page and its JSON API.</summary>
public sealed class AirModule : IDashboardModule
{
    private static readonly string[] Parameters = ["site", "device", "from", "to", "bin"];

    /// <inheritdoc />
    public int Order => 130;

    /// <inheritdoc />
    public IEnumerable<NavItem> Navigation => [new NavItem("Air quality", "/air", 30)];

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, DashboardOptions options) => services.TryAddSingleton<AirService>();

    /// <inheritdoc />
    public void UseMiddleware(WebApplication app)
    {
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/air", async (HttpContext context, DeviceDirectory directory, DashboardOptions options, TimeProvider clock) =>
        {
            DeviceDirectory.Snapshot dir = await directory.GetAsync(context.RequestAborted);
            QueryReader q = QueryReader.For(context.Request.Query, Parameters);
            RangeSelection? sel = q.Selection(dir, options, clock.GetUtcNow(), TimeSpan.FromHours(24));
            return PageLayout.Render(context, new PageContent
            {
                Title = "Air quality",
                ActiveHref = "/air",
                Subtitle = "Particulates, CO₂, temperature and humidity; US AQI with NowCast, the European index, EU limit values this year.",
                Body = Body(dir, sel, q.Error, context.Request.Query),
                Scripts = ["/assets/air.js"],
                PageData = new { api = q.Error is null ? "/api/v1/air" + context.Request.QueryString.Value : null },
                StatusCode = q.Error?.Status ?? StatusCodes.Status200OK,
            });
        }).ExcludeFromDescription();

        endpoints.MapGet("/api/v1/air", async (HttpContext context, DeviceDirectory directory, DashboardOptions options, TimeProvider clock, AirService air) =>
        {
            DeviceDirectory.Snapshot dir = await directory.GetAsync(context.RequestAborted);
            QueryReader q = QueryReader.For(context.Request.Query, Parameters);
            RangeSelection? sel = q.Selection(dir, options, clock.GetUtcNow(), TimeSpan.FromHours(24));
            return q.Error is { } error ? error.ToResult() : Results.Ok(await air.GetAsync(sel!, context.RequestAborted));
        }).WithTags("Air quality").WithName("GetAirQuality")
            .WithSummary("The Air quality page's data. Query: site, device, from, to (ISO 8601, UTC), bin=15m|1h. Null = no valid sample in the bin.")
            .Produces<AirView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static string Body(DeviceDirectory.Snapshot dir, RangeSelection? sel, QueryError? error, IQueryCollection query)
    {
        var html = new StringBuilder(4096);
        if (error is not null)
        {
            html.Append("<div class=\"notice error\" role=\"alert\" id=\"page-error\"><b>").Append(Html.E(error.Title)).Append(".</b> ").Append(Html.E(error.Detail))
                .Append(" <a href=\"/air\">Reset the view</a></div>");
        }

        string site = query["site"].FirstOrDefault() ?? "";
        string device = query["device"].FirstOrDefault() ?? "";
        string bin = query["bin"].FirstOrDefault() ?? "15m";
        html.Append("<form class=\"toolbar\" id=\"air-filter\" method=\"get\" action=\"/air\"><label>Site<select name=\"site\" id=\"f-site\"><option value=\"\">All sites</option>");
        foreach (string s in dir.Sites)
        {
            html.Append("<option").Append(s == site ? " selected" : "").Append(" value=\"").Append(Html.A(s)).Append("\">").Append(Html.E(s)).Append("</option>");
        }

        html.Append("</select></label><label>Device<select name=\"device\" id=\"f-device\"><option value=\"\">All devices</option>");
        foreach (DashboardDevice d in dir.Devices)
        {
            html.Append("<option data-site=\"").Append(Html.A(d.Site)).Append('"').Append(d.Id == device ? " selected" : "").Append(" value=\"").Append(Html.A(d.Id)).Append("\">")
                .Append(Html.E(d.Name is null ? d.Id : $"{d.Name} ({d.Id})")).Append("</option>");
        }

        html.Append("</select></label><label>Bin<select name=\"bin\" id=\"f-bin\"><option value=\"15m\"").Append(bin == "1h" ? "" : " selected").Append(">15 min</option>")
            .Append("<option value=\"1h\"").Append(bin == "1h" ? " selected" : "").Append(">1 hour</option></select></label>");
        string from = sel is null ? "" : sel.From.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        string to = sel is null ? "" : sel.To.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        html.Append("<label>From (UTC)<input type=\"datetime-local\" name=\"from\" id=\"f-from\" value=\"").Append(Html.A(from)).Append("\"></label>")
            .Append("<label>To (UTC)<input type=\"datetime-local\" name=\"to\" id=\"f-to\" value=\"").Append(Html.A(to)).Append("\"></label>")
            .Append("<div class=\"presets\" role=\"group\" aria-label=\"Range presets\"><button type=\"button\" class=\"btn\" data-preset=\"24\">24 h</button>")
            .Append("<button type=\"button\" class=\"btn\" data-preset=\"168\">7 d</button><button type=\"button\" class=\"btn\" data-preset=\"720\">30 d</button></div>")
            .Append("<button class=\"btn primary\" type=\"submit\">Show</button></form>");
        html.Append("<section class=\"card\"><div class=\"card-head\"><h2>Now</h2><span class=\"muted small\">US AQI from the NowCast of the last 12 complete hours; ")
            .Append("European AQI from the last hourly mean. Colours are the official ones.</span></div><div id=\"air-current\" class=\"index-grid\"><p class=\"empty\">Loading…</p></div></section>");
        html.Append("<div id=\"air-charts\"></div>");
        html.Append("<section class=\"card\"><div class=\"card-head\"><h2>EU limit values this year</h2><span class=\"muted small\">Hourly means from the sensors (indicative, ")
            .Append("not a reference method); days count when at least 75 % of their hours are valid.</span></div><div id=\"air-exceedances\"></div></section>");
        return html.ToString();
    }
}
