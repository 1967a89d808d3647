using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Layout;
using SmartCity.Cloud.Storage;
using SmartCity.Cloud.Storage.Queries;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Dashboard.OpenData;

/// <summary>
/// Open data without sign-in, rate-limited: CSV and JSON of 15-minute traffic counts and hourly air-quality means, and the
/// FIWARE Smart Data Models TrafficFlowObserved and AirQualityObserved as JSON-LD.
/// </summary>
public sealed class OpenDataModule : IDashboardModule
{
    /// <summary>The JSON-LD media type.</summary>
    public const string JsonLd = "application/ld+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public int Order => 220;

    /// <inheritdoc />
    public IEnumerable<NavItem> Navigation => [new NavItem("Open data", "/open-data", 70)];

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, DashboardOptions options)
    {
    }

    /// <inheritdoc />
    public void UseMiddleware(WebApplication app)
    {
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/open-data", (HttpContext ctx, DashboardOptions options) => OpenDataPage.Render(ctx, options)).AllowAnonymous().ExcludeFromDescription();
        RouteGroupBuilder api = endpoints.MapGroup("/api/open/v1").AllowAnonymous().RequireRateLimiting(DashboardRateLimits.OpenData).WithTags("Open data");
        api.MapGet("/traffic.csv", (HttpContext ctx, ITimeSeriesStore store, DashboardOptions o, CancellationToken ct) => TrafficAsync(ctx, store, o, "csv", ct))
            .WithName("OpenTrafficCsv").Produces<string>(200, "text/csv").ProducesProblem(400).ProducesProblem(404).ProducesProblem(413);
        api.MapGet("/traffic.json", (HttpContext ctx, ITimeSeriesStore store, DashboardOptions o, CancellationToken ct) => TrafficAsync(ctx, store, o, "json", ct))
            .WithName("OpenTrafficJson").Produces<OpenDataResponse<TrafficOpenRow>>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(413);
        api.MapGet("/air.csv", (HttpContext ctx, ITimeSeriesStore store, DashboardOptions o, CancellationToken ct) => AirAsync(ctx, store, o, "csv", ct))
            .WithName("OpenAirCsv").Produces<string>(200, "text/csv").ProducesProblem(400).ProducesProblem(404).ProducesProblem(413);
        api.MapGet("/air.json", (HttpContext ctx, ITimeSeriesStore store, DashboardOptions o, CancellationToken ct) => AirAsync(ctx, store, o, "json", ct))
            .WithName("OpenAirJson").Produces<OpenDataResponse<AirOpenRow>>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(413);
        api.MapGet("/fiware/TrafficFlowObserved", (HttpContext ctx, ITimeSeriesStore store, DashboardOptions o, CancellationToken ct) => TrafficAsync(ctx, store, o, "fiware", ct))
            .WithName("OpenTrafficFlowObserved").Produces<JsonArray>(200, JsonLd).ProducesProblem(400).ProducesProblem(404).ProducesProblem(413);
        api.MapGet("/fiware/AirQualityObserved", (HttpContext ctx, ITimeSeriesStore store, DashboardOptions o, CancellationToken ct) => AirAsync(ctx, store, o, "fiware", ct))
            .WithName("OpenAirQualityObserved").Produces<JsonArray>(200, JsonLd).ProducesProblem(400).ProducesProblem(404).ProducesProblem(413);
    }

    private static async Task<IResult> TrafficAsync(HttpContext ctx, ITimeSeriesStore store, DashboardOptions o, string format, CancellationToken ct)
    {
        string? vehicleClass = ctx.Request.Query["vehicleType"];
        if (format == "fiware" && vehicleClass is not null && FiwareEntities.VehicleType(vehicleClass) is null)
        {
            return DashboardProblems.BadRequest("Unknown vehicle class", $"'{vehicleClass}' is not one of car, bus, truck, motorcycle, bicycle.", "vehicleType");
        }

        if (await RangeAsync(ctx, store, o, BinWidth.FifteenMinutes, o.MaxFifteenMinuteRange, ct).ConfigureAwait(false) is not { } r)
        {
            return ctx.Items[ProblemKey] as IResult ?? Results.BadRequest();
        }

        List<TrafficOpenRow>? rows = await OpenDataQueries.TrafficAsync(store, r, o.MaxCsvRows, ct).ConfigureAwait(false);
        if (rows is null)
        {
            return TooMany(o.MaxCsvRows);
        }

        return format switch
        {
            "csv" => Csv(ctx, "traffic-15min", TrafficCsv(rows)),
            "json" => Results.Json(new OpenDataResponse<TrafficOpenRow>(r.From, r.To, "PT15M", NoDataNote, rows), Json),
            _ => Results.Text(new FiwareEntities(IsKeyValues(ctx), Devices(o), o.Registry.Department).TrafficFlowObserved(rows, vehicleClass).ToJsonString(), JsonLd, Encoding.UTF8),
        };
    }

    private static async Task<IResult> AirAsync(HttpContext ctx, ITimeSeriesStore store, DashboardOptions o, string format, CancellationToken ct)
    {
        if (await RangeAsync(ctx, store, o, BinWidth.Hour, o.MaxHourlyRange, ct).ConfigureAwait(false) is not { } r)
        {
            return ctx.Items[ProblemKey] as IResult ?? Results.BadRequest();
        }

        if (format == "fiware")
        {
            // NowCast needs the 11 hours before the first hour of the range.
            var wide = r with { From = r.From - TimeSpan.FromHours(11) };
            List<AirOpenRow>? all = await OpenDataQueries.AirAsync(store, wide, o.MaxCsvRows, ct).ConfigureAwait(false);
            return all is null
                ? TooMany(o.MaxCsvRows)
                : Results.Text(new FiwareEntities(IsKeyValues(ctx), Devices(o), o.Registry.Department).AirQualityObserved(all, r.From).ToJsonString(), JsonLd, Encoding.UTF8);
        }

        List<AirOpenRow>? rows = await OpenDataQueries.AirAsync(store, r, o.MaxCsvRows, ct).ConfigureAwait(false);
        if (rows is null)
        {
            return TooMany(o.MaxCsvRows);
        }

        return format == "csv"
            ? Csv(ctx, "air-hourly", AirCsv(rows))
            : Results.Json(new OpenDataResponse<AirOpenRow>(r.From, r.To, "PT1H", NoDataNote, rows), Json);
    }

    private const string ProblemKey = "smartcity.open-data.problem";
    private const string NoDataNote = "A bin without a row had no data from that device (offline, camera down): absent, not zero. Times are UTC; a bin runs from start (inclusive) to end (exclusive).";

    private static async Task<OpenDataRange?> RangeAsync(HttpContext ctx, ITimeSeriesStore store, DashboardOptions o, BinWidth bin, TimeSpan max, CancellationToken ct)
    {
        var known = new HashSet<string>(o.Devices.Select(d => d.Id), StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(ctx.Request.Query["device"]))
        {
            foreach (string d in (await store.GetLastSeqAsync(ct).ConfigureAwait(false)).Keys)
            {
                known.Add(d);
            }
        }

        if (OpenDataRange.TryParse(ctx.Request, bin, max, known, DateTimeOffset.UtcNow, out OpenDataRange? r, out IResult? problem))
        {
            return r;
        }

        ctx.Items[ProblemKey] = problem;
        return null;
    }

    private static IResult TooMany(int max) => DashboardProblems.TooLarge(
        "Too many rows", $"The answer would have more than {max.ToString(CultureInfo.InvariantCulture)} rows. Ask for a shorter time range or fewer devices (device=a,b).", "from");

    private static bool IsKeyValues(HttpContext ctx) => string.Equals(ctx.Request.Query["options"], "keyValues", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, DashboardDevice> Devices(DashboardOptions o) => o.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);

    private static IResult Csv(HttpContext ctx, string name, string body)
    {
        ctx.Response.Headers.ContentDisposition = $"attachment; filename=\"smartcity-{name}.csv\"";
        return Results.Text(body, "text/csv; charset=utf-8", Encoding.UTF8);
    }

    internal static string TrafficCsv(IReadOnlyList<TrafficOpenRow> rows)
    {
        var b = new StringBuilder(64 + (rows.Count * 96));
        b.Append("start_utc,end_utc,device,site,camera,kind,line,direction,class,count\n");
        foreach (TrafficOpenRow r in rows)
        {
            b.Append(Iso(r.Start)).Append(',').Append(Iso(r.End)).Append(',').Append(Field(r.Device)).Append(',').Append(Field(r.Site)).Append(',')
                .Append(Field(r.Camera)).Append(',').Append(r.Kind).Append(',').Append(Field(r.Line)).Append(',').Append(Field(r.Direction)).Append(',')
                .Append(Field(r.Class)).Append(',').Append(r.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return b.ToString();
    }

    internal static string AirCsv(IReadOnlyList<AirOpenRow> rows)
    {
        var b = new StringBuilder(64 + (rows.Count * 96));
        b.Append("start_utc,end_utc,device,site,sensor,quantity,unit,mean\n");
        foreach (AirOpenRow r in rows)
        {
            b.Append(Iso(r.Start)).Append(',').Append(Iso(r.End)).Append(',').Append(Field(r.Device)).Append(',').Append(Field(r.Site)).Append(',')
                .Append(Field(r.Sensor)).Append(',').Append(Field(r.Quantity)).Append(',').Append(Field(r.Unit)).Append(',')
                .Append(r.Mean.ToString("0.####", CultureInfo.InvariantCulture)).Append('\n');
        }

        return b.ToString();
    }

    // RFC 4180 quoting, and a leading = + - @ neutralised so a spreadsheet never runs a cell as a formula.
    private static string Field(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@')
        {
            s = "'" + s;
        }

        return s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>An open-data JSON answer.</summary>
/// <param name="From">Start of the first bin (UTC).</param>
/// <param name="To">End of the range (exclusive).</param>
/// <param name="Bin">Bin length as an ISO 8601 duration.</param>
/// <param name="Note">How to read gaps.</param>
/// <param name="Rows">The rows.</param>
public sealed record OpenDataResponse<T>(DateTimeOffset From, DateTimeOffset To, string Bin, string Note, IReadOnlyList<T> Rows);
