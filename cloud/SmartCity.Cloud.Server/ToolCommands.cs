using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SmartCity.Cloud.Enrollment;
using SmartCity.Cloud.Server.Api;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Server;

/// <summary>
/// Technician commands next to the server: <c>token create</c> (an enrollment token without the dashboard),
/// <c>push</c> (a signed bundle to a device, waiting for its <c>cmd-result</c>), <c>rollback</c> and <c>snapshot</c> (a blurred
/// calibration frame, on the operator's explicit request). They talk to the
/// running server through <c>control.json</c> in its data folder; <c>token create</c> also works while the server is
/// stopped (it then writes the enrollment state directly).
/// </summary>
internal static class ToolCommands
{
    public static Command CreateToken(Option<DirectoryInfo?> data)
    {
        var device = new Option<string>("--device", "-d") { Description = "Device id the token is for (3-64 of a-z, 0-9, '-').", Required = true };
        var validHours = new Option<double>("--valid-hours") { Description = "Hours the token stays valid (default 168 = 7 days; at most 2160).", DefaultValueFactory = _ => 168 };
        var create = new Command("create", "Create a one-time enrollment token for a device; hand it to the technician for `smartcity-edge provision --token`.") { device, validHours, data };
        create.SetAction(async (parse, ct) =>
        {
            string id = parse.GetRequiredValue(device);
            if (!DeviceIds.IsValid(id))
            {
                await Console.Error.WriteLineAsync($"error: --device '{id}' is not a device id (3-64 characters of a-z, 0-9 and '-').").ConfigureAwait(false);
                return 2;
            }

            double hours = parse.GetValue(validHours);
            if (hours is <= 0 or > 2160)
            {
                await Console.Error.WriteLineAsync("error: --valid-hours must be above 0 and at most 2160 (90 days).").ConfigureAwait(false);
                return 2;
            }

            string folder = DataFolderOf(parse.GetValue(data));
            var validFor = TimeSpan.FromHours(hours);
            TokenResponse token;
            if (LocalControl.Read(folder) is { } control && await TryReachAsync(control, ct).ConfigureAwait(false) is { } http)
            {
                using (http)
                {
                    Console.WriteLine($"asking the running server at {control.Url} …");
                    using var response = await http.PostAsJsonAsync(
                        new Uri("api/enroll/tokens", UriKind.Relative), new TokenRequest { Device = id, ValidFor = validFor }, EnrollmentJsonContext.Default.TokenRequest, ct).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        return await FailAsync(response, ct).ConfigureAwait(false);
                    }

                    token = (await response.Content.ReadFromJsonAsync(EnrollmentJsonContext.Default.TokenResponse, ct).ConfigureAwait(false))!;
                }
            }
            else
            {
                // The server is not running: write the token into its enrollment state directly.
                Console.WriteLine($"no running server for {folder}; writing the token into {Path.Combine(folder, "enrollment")} …");
                using var service = new EnrollmentService(new EnrollmentOptions { DataFolder = Path.Combine(folder, "enrollment") });
                token = service.CreateToken(id, validFor);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"token for {token.Device} (one use, valid until {token.Expires:u}):"));
            Console.WriteLine(token.Token);
            return 0;
        });
        return new Command("token", "Enrollment tokens for new devices.") { create };
    }

    public static Command CreatePush(Option<DirectoryInfo?> data)
    {
        var device = new Option<string>("--device", "-d") { Description = "Device to update.", Required = true };
        var wait = new Option<double>("--wait") { Description = "Seconds to wait for the device's cmd-result (default 180).", DefaultValueFactory = _ => 180 };
        var bundle = new Argument<FileInfo>("BUNDLE") { Description = "Signed bundle (.scb) from smartcity-bundle sign; its kind (model or config) picks cmd/model or cmd/config." };
        var push = new Command("push", "Push a signed model or configuration bundle to a device through the running server and show the device's cmd-result.") { device, wait, bundle, data };
        push.SetAction(async (parse, ct) =>
        {
            var file = parse.GetRequiredValue(bundle);
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {file.FullName}: no such file.").ConfigureAwait(false);
                return 2;
            }

            if (await ConnectAsync(parse.GetValue(data), ct).ConfigureAwait(false) is not { } http)
            {
                return 1;
            }

            using (http)
            {
                string id = parse.GetRequiredValue(device);
                double seconds = parse.GetValue(wait);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pushing {file.Name} ({file.Length / 1024.0:F0} KiB) to {id}; waiting up to {seconds:F0} s for its cmd-result …"));
                await using var stream = file.OpenRead();
                using var content = new StreamContent(stream);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using var response = await http.PostAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"api/v1/devices/{Uri.EscapeDataString(id)}/updates?wait={seconds}"), UriKind.Relative), content, ct).ConfigureAwait(false);
                return await ReportAsync(response, ct).ConfigureAwait(false);
            }
        });
        return push;
    }

    public static Command CreateRollback(Option<DirectoryInfo?> data)
    {
        var device = new Option<string>("--device", "-d") { Description = "Device to roll back.", Required = true };
        var kind = new Option<string>("--kind") { Description = "model or config (default model).", DefaultValueFactory = _ => "model" };
        kind.AcceptOnlyFromAmong("model", "config");
        var wait = new Option<double>("--wait") { Description = "Seconds to wait for the device's cmd-result (default 120).", DefaultValueFactory = _ => 120 };
        var rollback = new Command("rollback", "Tell a device to switch back to the model or configuration kept in its other slot; shows its cmd-result.") { device, kind, wait, data };
        rollback.SetAction(async (parse, ct) =>
        {
            if (await ConnectAsync(parse.GetValue(data), ct).ConfigureAwait(false) is not { } http)
            {
                return 1;
            }

            using (http)
            {
                string id = parse.GetRequiredValue(device);
                double seconds = parse.GetValue(wait);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cmd/rollback ({parse.GetValue(kind)}) to {id}; waiting up to {seconds:F0} s …"));
                using var response = await http.PostAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"api/v1/devices/{Uri.EscapeDataString(id)}/rollback?kind={parse.GetValue(kind)}&wait={seconds}"), UriKind.Relative), null, ct).ConfigureAwait(false);
                return await ReportAsync(response, ct).ConfigureAwait(false);
            }
        });
        return rollback;
    }

    public static Command CreateSnapshot(Option<DirectoryInfo?> data)
    {
        var device = new Option<string>("--device", "-d") { Description = "Device whose camera frame is wanted.", Required = true };
        var wait = new Option<double>("--wait") { Description = "Seconds to wait for the device's cmd-result (default 60; at most 600).", DefaultValueFactory = _ => 60 };
        var snapshot = new Command(
            "snapshot",
            "Ask a device for one calibration frame with people blurred; it uploads it with a one-time token (valid 10 minutes) and the dashboard's configuration editor draws on it. Logged on the server and in the dashboard's audit log.")
        {
            device, wait, data,
        };
        snapshot.SetAction(async (parse, ct) =>
        {
            double seconds = parse.GetValue(wait);
            if (seconds is < 0 or > 600)
            {
                await Console.Error.WriteLineAsync("error: --wait must be 0 to 600 seconds.").ConfigureAwait(false);
                return 2;
            }

            if (await ConnectAsync(parse.GetValue(data), ct).ConfigureAwait(false) is not { } http)
            {
                return 1;
            }

            using (http)
            {
                string id = parse.GetRequiredValue(device);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cmd/snapshot to {id} (the request is logged); waiting up to {seconds:F0} s for its blurred frame …"));
                using var response = await http.PostAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"api/v1/devices/{Uri.EscapeDataString(id)}/snapshot-request?wait={seconds}"), UriKind.Relative), null, ct).ConfigureAwait(false);
                return await ReportAsync(response, ct).ConfigureAwait(false);
            }
        });
        return snapshot;
    }

    private static string DataFolderOf(DirectoryInfo? data) => Path.GetFullPath(data?.FullName ?? DataFolders.Default());

    private static async Task<HttpClient?> ConnectAsync(DirectoryInfo? data, CancellationToken ct)
    {
        string folder = DataFolderOf(data);
        if (LocalControl.Read(folder) is not { } control)
        {
            await Console.Error.WriteLineAsync($"error: no running server for the data folder {folder} (no {LocalControl.FileName}); start it first, or pass --data DIR.").ConfigureAwait(false);
            return null;
        }

        if (await TryReachAsync(control, ct).ConfigureAwait(false) is not { } http)
        {
            await Console.Error.WriteLineAsync($"error: the server at {control.Url} (from {Path.Combine(folder, LocalControl.FileName)}) does not answer; is it still running?").ConfigureAwait(false);
            return null;
        }

        return http;
    }

    private static async Task<HttpClient?> TryReachAsync(LocalControl control, CancellationToken ct)
    {
        // Long enough for a push that waits for the device (--wait at most 600 s); the probe has its own limit.
        var http = new HttpClient { BaseAddress = control.Url, Timeout = TimeSpan.FromMinutes(12) };
        http.DefaultRequestHeaders.Add(LocalControl.Header, control.Secret);
        try
        {
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(ct);
            probe.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative), probe.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return http;
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
        }

        http.Dispose();
        return null;
    }

    private static async Task<int> ReportAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            return await FailAsync(response, ct).ConfigureAwait(false);
        }

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
        var root = doc.RootElement;
        if (root.TryGetProperty("bundle", out var b) && b.ValueKind == JsonValueKind.Object)
        {
            Console.WriteLine($"sent cmd/{root.GetProperty("command").GetString()} request {root.GetProperty("request_id").GetString()}: bundle '{b.GetProperty("name").GetString()}' v{b.GetProperty("version").GetInt64()} ({b.GetProperty("bytes").GetInt64()} bytes) served at {b.GetProperty("url").GetString()}");
        }
        else
        {
            Console.WriteLine($"sent cmd/{root.GetProperty("command").GetString()} request {root.GetProperty("request_id").GetString()}");
        }

        if (root.GetProperty("result") is not { ValueKind: JsonValueKind.Object } result)
        {
            Console.WriteLine($"no cmd-result within {root.GetProperty("waited_s").GetDouble():F0} s: {root.GetProperty("note").GetString()}");
            return 3;
        }

        string outcome = result.GetProperty("outcome").GetString() ?? "";
        Console.WriteLine($"cmd-result from {root.GetProperty("device").GetString()} (seq {result.GetProperty("seq").GetInt64()}): {outcome}");
        Console.WriteLine($"  {result.GetProperty("message").GetString()}");
        if (outcome == "ok" && root.TryGetProperty("snapshot", out var s) && s.ValueKind == JsonValueKind.Object && s.GetProperty("exists").GetBoolean())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  stored {s.GetProperty("path").GetString()} ({s.GetProperty("bytes").GetInt64() / 1024.0:F0} KiB PNG); open the device's configuration editor in the dashboard to draw on it"));
        }

        return outcome == "ok" ? 0 : 4;
    }

    private static async Task<int> FailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        string detail = body;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("detail", out var d))
            {
                detail = d.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
        }

        await Console.Error.WriteLineAsync($"error: HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {detail}").ConfigureAwait(false);
        return 1;
    }
}
