using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using SkiaSharp;
using SmartCity.Cloud.Dashboard.Auth;
using SmartCity.Cloud.Server.Commands;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Server.Api;

/// <summary>
/// Calibration snapshots on an operator's explicit request, the one way a (blurred) camera frame leaves a device:
/// <c>POST /api/v1/devices/{id}/snapshot-request</c> (operator policy and CSRF filter, like push and rollback) issues a
/// one-time upload token (<see cref="SnapshotTokens"/>) and publishes <c>cmd/snapshot</c> with arguments <c>url</c> and
/// <c>token</c>; the device blurs people and uploads the frame with <c>PUT /api/v1/devices/{id}/snapshot?token=…</c>
/// (anonymous, but only with a valid token for that device; at most <see cref="MaxUploadBytes"/>; JPEG or PNG). The image is
/// re-encoded as PNG into the dashboard's <c>snapshots/{device}.png</c>, where the device-configuration editor draws on it.
/// Requests and uploads are written to the server log and the dashboard's audit log.
/// </summary>
internal static partial class SnapshotEndpoints
{
    /// <summary>Largest accepted upload.</summary>
    public const long MaxUploadBytes = 4L * 1024 * 1024;

    /// <summary>Largest accepted image, in pixels (a 4 MiB PNG of a flat colour could otherwise decode to gigabytes).</summary>
    public const long MaxPixels = 4096L * 4096;

    /// <summary>Maps the two endpoints.</summary>
    public static void MapSnapshotEndpoints(this WebApplication app, SmartCityServer server, DeviceCommands commands, ControlOrAntiforgeryFilter csrf)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SmartCity.Cloud.Server.Snapshots");
        app.MapPost("/api/v1/devices/{device}/snapshot-request", (string device, double? wait, HttpContext http, CancellationToken ct) =>
                RequestAsync(server, commands, logger, device, wait, http, ct))
            .RequireAuthorization(OperatorEndpoints.Policy)
            .AddEndpointFilter(csrf);
        app.MapPut("/api/v1/devices/{device}/snapshot", (string device, string? token, HttpContext http, CancellationToken ct) =>
            UploadAsync(server, logger, device, token, http, ct));
    }

    private static async Task<IResult> RequestAsync(
        SmartCityServer server, DeviceCommands commands, ILogger logger, string device, double? wait, HttpContext http, CancellationToken ct)
    {
        if (!DeviceIds.IsValid(device))
        {
            return Results.Problem(statusCode: 400, title: "bad_device", detail: $"'{device}' is not a device id.");
        }

        string who = WhoOf(http);
        var (token, expires) = server.SnapshotTokens.Issue(device);
        var url = new Uri(server.PublicHttpUrl, $"api/v1/devices/{device}/snapshot");
        var args = new Dictionary<string, string>(StringComparer.Ordinal) { ["url"] = url.ToString(), ["token"] = token };
        SnapshotLog.Requested(logger, device, who, expires);
        server.Note(string.Create(CultureInfo.InvariantCulture, $"[{DateTimeOffset.UtcNow:HH:mm:ss}Z] snapshot of {device} requested by {who}: cmd/snapshot with a one-time upload token (valid until {expires:HH:mm:ss}Z)"));
        Audit(http, who, "snapshot.request", device, new JsonObject { ["upload_url"] = url.ToString(), ["token_expires"] = expires });

        var timeout = TimeSpan.FromSeconds(Math.Clamp(wait ?? 60, 0, 600));
        string path = server.SnapshotPath(device);
        try
        {
            var (requestId, result) = await commands.SendAsync(device, "snapshot", args, timeout, ct).ConfigureAwait(false);
            var stored = new FileInfo(path);
            return Results.Json(new
            {
                device,
                command = "snapshot",
                request_id = requestId,
                snapshot = new
                {
                    path,
                    exists = stored.Exists,
                    bytes = stored.Exists ? stored.Length : 0,
                    modified = stored.Exists ? new DateTimeOffset(stored.LastWriteTimeUtc) : (DateTimeOffset?)null,
                    token_expires = expires,
                },
                result = result is null ? null : OperatorEndpoints.Describe(result),
                waited_s = timeout.TotalSeconds,
                note = result is null ? "no cmd-result yet: the device may be offline; its upload token expires 10 minutes after the request" : null,
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

    private static async Task<IResult> UploadAsync(SmartCityServer server, ILogger logger, string device, string? token, HttpContext http, CancellationToken ct)
    {
        if (!DeviceIds.IsValid(device))
        {
            return Refuse(logger, device, 400, "bad_device", $"'{device}' is not a device id.");
        }

        if (!server.SnapshotTokens.TryConsume(device, token, out string? problem))
        {
            return Refuse(logger, device, 403, "bad_token", problem!);
        }

        var request = http.Request;
        if (request.ContentLength > MaxUploadBytes)
        {
            return Refuse(logger, device, 413, "too_large", $"the snapshot is {request.ContentLength} bytes; at most {MaxUploadBytes} bytes (4 MiB) are accepted.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxUploadBytes;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
            if (buffer.Length > MaxUploadBytes)
            {
                return Refuse(logger, device, 413, "too_large", $"the snapshot is over {MaxUploadBytes} bytes (4 MiB).");
            }

            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            return Refuse(logger, device, ex.StatusCode, ex.StatusCode == 413 ? "too_large" : "bad_upload", $"the snapshot upload failed: {ex.Message} (at most {MaxUploadBytes} bytes).");
        }

        if (!TryReencodePng(body, out byte[]? png, out int width, out int height, out problem))
        {
            return Refuse(logger, device, 400, "not_an_image", problem!);
        }

        string path = server.SnapshotPath(device);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temp = $"{path}.{Guid.NewGuid():N}.tmp";
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await file.WriteAsync(png, ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Refuse(logger, device, 500, "not_stored", $"{path}: {ex.Message}");
        }

        SnapshotLog.Stored(logger, device, width, height, png!.Length, path);
        server.Note(string.Create(CultureInfo.InvariantCulture, $"[{DateTimeOffset.UtcNow:HH:mm:ss}Z] snapshot of {device} stored: {width}x{height}, {png.Length} bytes PNG, {path}"));
        Audit(http, $"device:{device}", "snapshot.upload", device, new JsonObject { ["width"] = width, ["height"] = height, ["bytes"] = png.Length, ["path"] = path });
        return Results.Json(new { device, width, height, bytes = png.Length, path });
    }

    /// <summary>Decodes a JPEG or PNG (nothing else) and encodes it again as PNG, which also drops any metadata.</summary>
    internal static bool TryReencodePng(byte[] body, out byte[]? png, out int width, out int height, out string? problem)
    {
        (png, width, height, problem) = (null, 0, 0, null);
        if (body.Length == 0)
        {
            problem = "the body is empty: send the snapshot as JPEG or PNG bytes.";
            return false;
        }

        using var codec = SKCodec.Create(new MemoryStream(body, writable: false));
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png))
        {
            problem = $"the body ({body.Length} bytes) is not a JPEG or PNG image{(codec is null ? "" : $" (it is {codec.EncodedFormat})")}.";
            return false;
        }

        (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > MaxPixels)
        {
            problem = $"the image is {width}x{height}; at most {MaxPixels} pixels are accepted.";
            return false;
        }

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var decoded = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (decoded != SKCodecResult.Success)
        {
            problem = $"the {codec.EncodedFormat} image ({width}x{height}) does not decode: {decoded}.";
            return false;
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        if (data is null)
        {
            problem = "the image could not be encoded as PNG.";
            return false;
        }

        png = data.ToArray();
        return true;
    }

    private static IResult Refuse(ILogger logger, string device, int status, string title, string detail)
    {
        SnapshotLog.Refused(logger, device, status, detail);
        return Results.Problem(statusCode: status, title: title, detail: $"snapshot upload for {device} refused, nothing stored: {detail}");
    }

    private static string WhoOf(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "local-control (smartcity-server CLI)";

    private static void Audit(HttpContext http, string who, string action, string device, JsonObject after)
    {
        // The dashboard's hash-chained audit log, where the configuration editor's changes are written too.
        if (http.RequestServices.GetService<AuditLog>() is { } audit)
        {
            audit.Append(who, action, device, null, after);
        }
    }

    // Requests and uploads are also written to the server's console output (SmartCityServer.Note), which shows without --verbose.
    private static partial class SnapshotLog
    {
        [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Snapshot of {Device} requested by {Who}; upload token valid until {Expires:u}")]
        public static partial void Requested(ILogger logger, string device, string who, DateTimeOffset expires);

        [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Snapshot of {Device} stored: {Width}x{Height}, {Bytes} bytes PNG in {Path}")]
        public static partial void Stored(ILogger logger, string device, int width, int height, int bytes, string path);

        [LoggerMessage(EventId = 5303, Level = LogLevel.Warning, Message = "Snapshot upload for {Device} refused ({Status}): {Reason}")]
        public static partial void Refused(ILogger logger, string device, int status, string reason);
    }
}
