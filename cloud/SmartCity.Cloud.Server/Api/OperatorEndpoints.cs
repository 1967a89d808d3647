using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using SmartCity.Cloud.Enrollment;
using SmartCity.Cloud.Server.Commands;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Server.Api;

/// <summary>
/// What an operator does to the fleet from the server: enrollment tokens (<c>POST /api/enroll/tokens</c>, mapped by the
/// enrollment library), pushing a signed bundle to a device (<c>POST /api/v1/devices/{id}/updates</c>, body = the
/// <c>.scb</c> file), a rollback (<c>POST /api/v1/devices/{id}/rollback?kind=model</c>) and the device's answers
/// (<c>GET /api/v1/devices/{id}/command-results</c>). All behind <see cref="Policy"/>: a dashboard admin, or the
/// local control secret the <c>smartcity-server token|push|rollback</c> commands read from the data folder.
/// Bundles are served to devices at <c>GET /api/v1/bundles/{name}</c> (random names; the signature is what the device trusts).
/// </summary>
internal static class OperatorEndpoints
{
    /// <summary>Authorization policy: dashboard admin role or the local control secret.</summary>
    public const string Policy = "smartcity-server-operator-admin";

    /// <summary>Adds <see cref="Policy"/>.</summary>
    public static void AddOperatorPolicy(this IServiceCollection services, LocalControl control) =>
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAssertion(ctx =>
            ctx.User.IsInRole("admin") || (ctx.Resource is HttpContext http && control.IsAuthorized(http.Request))));

    /// <summary>Maps the endpoints.</summary>
    public static void MapOperatorEndpoints(this WebApplication app, SmartCityServer server, DeviceCommands commands, LocalControl control)
    {
        app.MapEnrollment();
        var csrf = new ControlOrAntiforgeryFilter(control);
        app.MapEnrollmentAdmin(Policy).AddEndpointFilter(csrf);
        var admin = app.MapGroup("/api/v1/devices/{device}").RequireAuthorization(Policy).AddEndpointFilter(csrf);
        admin.MapPost("/updates", (string device, HttpRequest request, double? wait, CancellationToken ct) => PushAsync(server, commands, device, request, wait, ct));
        admin.MapPost("/rollback", async (string device, string? kind, double? wait, CancellationToken ct) =>
        {
            if (!DeviceIds.IsValid(device))
            {
                return Results.Problem(statusCode: 400, detail: $"'{device}' is not a device id.");
            }

            var args = new Dictionary<string, string>(StringComparer.Ordinal) { ["kind"] = kind ?? "model" };
            return await SendAsync(commands, device, "rollback", args, wait, null, ct).ConfigureAwait(false);
        });
        app.MapSnapshotEndpoints(server, commands, csrf);
        admin.MapGet("/command-results", (string device) => Results.Json(commands.ResultsOf(device).Select(Describe)));
        app.MapGet("/api/v1/bundles/{name}", (string name) =>
        {
            string? path = server.BundlePath(name);
            return path is null || !File.Exists(path) ? Results.NotFound() : Results.File(path, "application/octet-stream", name);
        });
    }

    private static async Task<IResult> PushAsync(SmartCityServer server, DeviceCommands commands, string device, HttpRequest request, double? wait, CancellationToken ct)
    {
        if (!DeviceIds.IsValid(device))
        {
            return Results.Problem(statusCode: 400, detail: $"'{device}' is not a device id.");
        }

        // Model bundles are larger than Kestrel's default 30 MB body limit; the device caps a download at the same size.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = SmartCity.Edge.Updates.BundleFormat.MaxFileBytes;
        }

        string name = $"{Guid.NewGuid():N}.scb";
        string path = server.BundlePath(name)!;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        long size;
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await request.Body.CopyToAsync(file, ct).ConfigureAwait(false);
            size = file.Length;
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
        {
            File.Delete(path);
            return ex is BadHttpRequestException bad
                ? Results.Problem(statusCode: bad.StatusCode, title: "bad_upload", detail: $"the bundle upload failed: {bad.Message} (at most {SmartCity.Edge.Updates.BundleFormat.MaxFileBytes} bytes).")
                : Results.Problem(statusCode: 400, title: "bad_upload", detail: $"the bundle upload failed: {ex.Message}");
        }

        if (!TryReadManifest(path, out string kind, out string bundleName, out long version, out IReadOnlyList<string> targets, out string? problem))
        {
            File.Delete(path);
            return Results.Problem(statusCode: 400, title: "bad_bundle", detail: $"the body is not a signed bundle (.scb from smartcity-bundle sign): {problem}");
        }

        if (!targets.Contains(device, StringComparer.Ordinal))
        {
            File.Delete(path);
            return Results.Problem(statusCode: 400, title: "wrong_device", detail: $"bundle '{bundleName}' v{version} targets {string.Join(", ", targets)}, not {device}; the device would refuse it.");
        }

        var url = new Uri(server.PublicHttpUrl, $"api/v1/bundles/{name}");
        var args = new Dictionary<string, string>(StringComparer.Ordinal) { ["url"] = url.ToString() };
        var bundle = new { kind, name = bundleName, version, bytes = size, url = url.ToString() };
        return await SendAsync(commands, device, kind, args, wait, bundle, ct).ConfigureAwait(false);
    }

    private static async Task<IResult> SendAsync(DeviceCommands commands, string device, string name, Dictionary<string, string> args, double? wait, object? bundle, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(Math.Clamp(wait ?? 120, 0, 600));
        try
        {
            var (requestId, result) = await commands.SendAsync(device, name, args, timeout, ct).ConfigureAwait(false);
            return Results.Json(new
            {
                device,
                command = name,
                request_id = requestId,
                bundle,
                result = result is null ? null : Describe(result),
                waited_s = timeout.TotalSeconds,
                note = result is null ? "no cmd-result yet: the device may be offline or still installing; see GET /api/v1/devices/{id}/command-results" : null,
            });
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(statusCode: 400, detail: ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Problem(statusCode: 503, detail: ex.Message);
        }
    }

    /// <summary>A device's <c>cmd-result</c> as the operator endpoints show it.</summary>
    internal static object Describe(CommandResultPayload r) => new
    {
        request_id = r.RequestId,
        name = r.Name,
        outcome = r.Outcome.ToString().ToLowerInvariant(),
        message = r.Message,
        seq = r.Seq,
        ts = r.Ts,
    };

    /// <summary>Reads kind, name, version and targets from the bundle's manifest (the device verifies the signature).</summary>
    internal static bool TryReadManifest(string path, out string kind, out string name, out long version, out IReadOnlyList<string> targets, out string? problem)
    {
        (kind, name, version, targets, problem) = ("", "", 0, [], null);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.GetEntry("manifest.json");
            if (entry is null || entry.Length > 1024 * 1024)
            {
                problem = "no manifest.json";
                return false;
            }

            using var stream = entry.Open();
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            kind = root.GetProperty("kind").GetString() ?? "";
            name = root.GetProperty("name").GetString() ?? "";
            version = root.GetProperty("version").GetInt64();
            targets = root.GetProperty("targets").EnumerateArray().Select(t => t.GetString() ?? "").ToList();
            if (kind is not ("model" or "config"))
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"manifest kind '{kind}' is not model or config");
                return false;
            }

            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or KeyNotFoundException or InvalidOperationException or IOException or FormatException)
        {
            problem = ex.Message;
            return false;
        }
    }
}
