using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Dashboard.Hosting;
using SmartCity.Cloud.Dashboard.Layout;
using SmartCity.Cloud.Dashboard.Live;

namespace SmartCity.Cloud.Dashboard.DeviceConfig;

/// <summary>
/// The device configuration editor: a technician draws counting lines, zones and approaches on a calibration snapshot and
/// enters the homography points; the section is validated with Part 2's rules and saved into the device's configuration
/// file atomically (nothing is written when it is refused), and the change is audit-logged.
/// </summary>
public sealed class DeviceConfigModule : IDashboardModule
{
    /// <summary>Largest accepted request body, bytes (a section with hundreds of zones is far below).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <inheritdoc />
    public int Order => 230;

    /// <inheritdoc />
    public IEnumerable<NavItem> Navigation => [new NavItem("Device config", "/devices/config", 50, DashboardRoles.Operator)];

    /// <inheritdoc />
    public void AddServices(IServiceCollection services, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(_ => new DeviceConfigStore(options.DeviceConfigDirectory));
        services.AddSingleton<CalibrationSnapshots>();
    }

    /// <inheritdoc />
    public void UseMiddleware(WebApplication app)
    {
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder op = endpoints.MapGroup("").RequireAuthorization(DashboardPolicies.Operator);
        op.MapGet("/devices/config", (HttpContext ctx, DeviceConfigStore store) => DeviceConfigPage.RenderList(ctx, store)).ExcludeFromDescription();
        op.MapGet("/devices/{id}/config", (HttpContext ctx, string id, DeviceConfigStore store, CalibrationSnapshots snapshots) =>
            store.Find(id) is { } file
                ? DeviceConfigPage.RenderEditor(ctx, file, snapshots.Get(file), Load(file))
                : DeviceConfigPage.RenderMissing(ctx, id)).ExcludeFromDescription();

        RouteGroupBuilder api = op.MapGroup("/api/v1/devices/{id}").WithTags("Device configuration");
        api.MapGet("/config", (string id, DeviceConfigStore store, CalibrationSnapshots snapshots) =>
            {
                if (store.Find(id) is not { } file)
                {
                    return Unknown(id);
                }

                CalibrationSnapshots.Snapshot? snap = snapshots.Get(file);
                (JsonObject? analytics, bool suggested) = Load(file);
                return Results.Ok(new DeviceConfigView(file.DeviceId, file.Site, file.SourceType, FrameWidth(file, snap), FrameHeight(file, snap), snap is not null, analytics, suggested));
            })
            .WithName("GetDeviceAnalyticsConfig").Produces<DeviceConfigView>().ProducesProblem(404);
        api.MapGet("/snapshot", (string id, DeviceConfigStore store, CalibrationSnapshots snapshots) =>
                store.Find(id) is not { } file ? Unknown(id)
                : snapshots.Get(file) is { } snap ? Results.File(snap.Bytes, snap.ContentType)
                : DashboardProblems.NotFound("No calibration snapshot", $"Device '{id}' has not provided a calibration snapshot yet.", "id"))
            .WithName("GetDeviceSnapshot").Produces(200, contentType: "image/png").ProducesProblem(404);
        api.MapPut("/config", SaveAsync)
            .AddEndpointFilter<CsrfHeaderFilter>()
            .WithName("SaveDeviceAnalyticsConfig").Accepts<JsonObject>("application/json").Produces<SaveResult>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(413);
    }

    private static async Task<IResult> SaveAsync(
        HttpContext ctx, string id, DeviceConfigStore store, CalibrationSnapshots snapshots, AuditLog audit, DashboardLiveFeed feed)
    {
        if (store.Find(id) is not { } file)
        {
            return Unknown(id);
        }

        if (ctx.Request.ContentLength is > MaxBodyBytes)
        {
            return DashboardProblems.TooLarge("Configuration too large", $"The analytics section may be at most {MaxBodyBytes / 1024} KiB.", "body");
        }

        JsonObject? section;
        try
        {
            using var limited = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(limited, ctx.RequestAborted).ConfigureAwait(false);
            if (limited.Length > MaxBodyBytes)
            {
                return DashboardProblems.TooLarge("Configuration too large", $"The analytics section may be at most {MaxBodyBytes / 1024} KiB.", "body");
            }

            section = JsonNode.Parse(limited.ToArray(), documentOptions: DeviceConfigStore.DocumentOptions) as JsonObject;
        }
        catch (JsonException e)
        {
            return DashboardProblems.BadRequest("Not JSON", $"The request body is not a JSON object: {e.Message}", "body");
        }

        if (section is null)
        {
            return DashboardProblems.BadRequest("Not JSON", "The request body must be the analytics section as a JSON object.", "body");
        }

        CalibrationSnapshots.Snapshot? snap = snapshots.Get(file);
        int? width = FrameWidth(file, snap);
        int? height = FrameHeight(file, snap);
        if (width is not { } w || height is not { } h)
        {
            return DashboardProblems.BadRequest(
                "Frame size unknown",
                $"The frame size of device '{id}' is not known: its file states no source.width/height and it has sent no snapshot.", "id");
        }

        if (AnalyticsSectionValidator.Validate(section, file.DeviceId, w, h) is { } problem)
        {
            return DashboardProblems.BadRequest("Invalid analytics configuration", problem, "analytics");
        }

        JsonObject? before = store.Save(file, section);
        AuditEntry entry = audit.Append(DashboardUser.AuditName(ctx.User), "device-config.save", file.DeviceId, before, section);
        feed.PublishEvent("config", new { device = file.DeviceId, by = entry.User, at = entry.Ts });
        return Results.Ok(new SaveResult(file.DeviceId, Path.GetFileName(file.Path), entry.Seq,
            $"Saved to {Path.GetFileName(file.Path)}: the device applies it when it next loads its configuration."));
    }

    internal static (JsonObject? Analytics, bool Suggested) Load(DeviceConfigFile file) =>
        DeviceConfigStore.ReadAnalytics(file) is { } a ? (a, false) : (SyntheticLayoutSuggestion.For(file), true);

    private static int? FrameWidth(DeviceConfigFile f, CalibrationSnapshots.Snapshot? s) => s?.Width ?? f.Width;

    private static int? FrameHeight(DeviceConfigFile f, CalibrationSnapshots.Snapshot? s) => s?.Height ?? f.Height;

    private static IResult Unknown(string id) =>
        DashboardProblems.NotFound("Unknown device", $"There is no configuration file for device '{id}'.", "id");

    /// <summary>What the editor loads.</summary>
    /// <param name="Device">Device id.</param>
    /// <param name="Site">Site.</param>
    /// <param name="Source">Source type.</param>
    /// <param name="FrameWidth">Frame width, pixels (null when unknown).</param>
    /// <param name="FrameHeight">Frame height, pixels.</param>
    /// <param name="HasSnapshot">Whether a calibration snapshot exists.</param>
    /// <param name="Analytics">The analytics section in the file, or the suggestion.</param>
    /// <param name="Suggested">True when <paramref name="Analytics"/> is a suggestion derived from the synthetic scene (the file has none).</param>
    public sealed record DeviceConfigView(string Device, string Site, string Source, int? FrameWidth, int? FrameHeight, bool HasSnapshot, JsonObject? Analytics, bool Suggested);

    /// <summary>The answer to a successful save.</summary>
    /// <param name="Device">Device id.</param>
    /// <param name="File">File name written.</param>
    /// <param name="AuditSeq">The audit-log entry of the change.</param>
    /// <param name="Message">For the page.</param>
    public sealed record SaveResult(string Device, string File, long AuditSeq, string Message);
}
