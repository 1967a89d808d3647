using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;
using SmartCity.Cloud.Server.Api;
using SmartCity.Contracts;
using SmartCity.Edge.Simulation.Scenarios;
using Xunit;

namespace SmartCity.Cloud.Server.Tests;

/// <summary>
/// Calibration snapshots on an operator's request against the real main-job host: <c>POST snapshot-request</c> with the
/// control secret → <c>cmd/snapshot</c> with a one-time token → the simulated device blurs and uploads a frame of its
/// running pipeline → <c>cmd-result</c> ok and a PNG of the scene's frame size where the configuration editor reads it.
/// Uploads without a valid token for that device, too large, or not an image are refused and store nothing.
/// </summary>
public sealed class SnapshotRequestTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("smartcity-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Operator_request_makes_the_device_upload_a_png_of_its_frame_size_and_both_steps_are_logged()
    {
        var captured = new List<(string Topic, byte[] Payload)>();
        await using var server = new SmartCityServer(Options(devices: 1), TextWriter.Null, NullLoggerFactory.Instance)
        {
            BrokerPublishObserver = (_, topic, payload) =>
            {
                lock (captured)
                {
                    captured.Add((topic, payload.ToArray()));
                }
            },
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var run = server.RunAsync(timeout.Token);
        await server.Started.WaitAsync(timeout.Token);
        var device = server.Devices[0];
        string path = server.SnapshotPath(device.DeviceId);
        Assert.False(File.Exists(path));

        // A summary stored means the device's pump is past its command subscription (it subscribes before it drains).
        await PollAsync(() => server.Live.StoredOf(MessageKind.Traffic) + server.Live.StoredOf(MessageKind.Health) + server.Live.StoredOf(MessageKind.Air) > 0, timeout.Token);

        using var http = ControlClient(server);
        using (var anonymous = new HttpClient { BaseAddress = http.BaseAddress })
        using (var refused = await anonymous.PostAsync(new Uri($"api/v1/devices/{device.DeviceId}/snapshot-request?wait=0", UriKind.Relative), null, timeout.Token))
        {
            Assert.False(refused.IsSuccessStatusCode, $"a snapshot request without operator rights answered {(int)refused.StatusCode}");
        }

        using var response = await http.PostAsync(new Uri($"api/v1/devices/{device.DeviceId}/snapshot-request?wait=90", UriKind.Relative), null, timeout.Token);
        string body = await response.Content.ReadAsStringAsync(timeout.Token);
        Assert.True(response.IsSuccessStatusCode, body);
        using (var doc = JsonDocument.Parse(body))
        {
            var result = doc.RootElement.GetProperty("result");
            Assert.True(result.ValueKind == JsonValueKind.Object, $"no cmd-result within 90 s: {body}");
            Assert.True(result.GetProperty("outcome").GetString() == "ok", body);
            Assert.Contains("blurred", result.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.True(doc.RootElement.GetProperty("snapshot").GetProperty("exists").GetBoolean(), body);
        }

        var scene = ScenarioCatalog.Get(device.Configuration.Synthetic.Scenario);
        using (var codec = SKCodec.Create(path))
        {
            Assert.NotNull(codec);
            Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
            Assert.Equal(scene.Width, codec.Info.Width);
            Assert.Equal(scene.Height, codec.Info.Height);
            using var bitmap = SKBitmap.Decode(path);
            Assert.NotNull(bitmap);
        }

        string audit = await File.ReadAllTextAsync(Path.Combine(server.DataFolder, "dashboard", "audit", "audit.jsonl"), timeout.Token);
        Assert.Contains("\"snapshot.request\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"snapshot.upload\"", audit, StringComparison.Ordinal);
        Assert.Contains($"device:{device.DeviceId}", audit, StringComparison.Ordinal);

        // The token was used once: the same command's token cannot upload again.
        (string Topic, byte[] Payload) command;
        lock (captured)
        {
            command = captured.Single(c => c.Topic == Topics.Command(device.DeviceId, "snapshot"));
        }

        Assert.True(WireJson.TryDeserialize(command.Payload, MessageKind.Command, out var parsed, out string? error), error);
        var args = ((CommandPayload)parsed!).Args!;
        Assert.Equal(64, args["token"].Length);
        Assert.All(args.Values, v => Assert.True(v.Length <= WireValidator.MaxTextLength));
        long before = new FileInfo(path).Length;
        using (var again = await Upload(http, device.DeviceId, args["token"], Png(64, 48), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        }

        Assert.Equal(before, new FileInfo(path).Length);
        await timeout.CancelAsync();
        await run.ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task Uploads_without_a_valid_token_for_that_device_too_large_or_not_an_image_are_refused_and_store_nothing()
    {
        await using var server = new SmartCityServer(Options(devices: 0), TextWriter.Null, NullLoggerFactory.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var run = server.RunAsync(timeout.Token);
        await server.Started.WaitAsync(timeout.Token);
        using var http = new HttpClient { BaseAddress = LocalControl.Read(server.DataFolder)!.Url };
        const string A = "pole-a", B = "pole-b";
        byte[] png = Png(320, 240);

        // No token, a made-up one.
        await ExpectRefusedAsync(http, A, null, png, HttpStatusCode.Forbidden, "token", timeout.Token);
        await ExpectRefusedAsync(http, A, new string('a', 64), png, HttpStatusCode.Forbidden, "unknown", timeout.Token);

        // A token of device A presented for device B.
        var (forA, _) = server.SnapshotTokens.Issue(A);
        await ExpectRefusedAsync(http, B, forA, png, HttpStatusCode.Forbidden, "issued for device 'pole-a'", timeout.Token);
        await ExpectRefusedAsync(http, A, forA, png, HttpStatusCode.Forbidden, "already used", timeout.Token);

        // Garbage bytes, and an image format other than JPEG/PNG.
        await ExpectRefusedAsync(http, A, server.SnapshotTokens.Issue(A).Token, "not an image at all"u8.ToArray(), HttpStatusCode.BadRequest, "not a JPEG or PNG", timeout.Token);
        await ExpectRefusedAsync(http, A, server.SnapshotTokens.Issue(A).Token, Encode(320, 240, SKEncodedImageFormat.Webp), HttpStatusCode.BadRequest, "not a JPEG or PNG", timeout.Token);

        // Over 4 MiB (random bytes, so the request is really that large).
        byte[] large = new byte[(int)SnapshotEndpoints.MaxUploadBytes + 1];
        new Random(5).NextBytes(large);
        await ExpectRefusedAsync(http, A, server.SnapshotTokens.Issue(A).Token, large, HttpStatusCode.RequestEntityTooLarge, "4 MiB", timeout.Token);

        Assert.False(Directory.Exists(Path.GetDirectoryName(server.SnapshotPath(A))) && Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(server.SnapshotPath(A))!).Any(),
            "a refused upload left a file in the snapshots folder");

        // A valid JPEG with a fresh token is stored as PNG; the same token then fails.
        string token = server.SnapshotTokens.Issue(B).Token;
        using (var ok = await Upload(http, B, token, Encode(320, 240, SKEncodedImageFormat.Jpeg), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var codec = SKCodec.Create(server.SnapshotPath(B)))
        {
            Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
            Assert.Equal(320, codec.Info.Width);
        }

        await ExpectRefusedAsync(http, B, token, png, HttpStatusCode.Forbidden, "already used", timeout.Token);
        Assert.False(File.Exists(server.SnapshotPath(A)));
        await timeout.CancelAsync();
        await run.ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    [Fact]
    public void A_token_expires_after_ten_minutes()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-01-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var tokens = new SnapshotTokens(time);
        var (early, _) = tokens.Issue("pole-a");
        var (late, expires) = tokens.Issue("pole-a");
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(10), expires);
        time.Now += TimeSpan.FromMinutes(9);
        Assert.True(tokens.TryConsume("pole-a", early, out _));
        time.Now += TimeSpan.FromMinutes(2);
        Assert.False(tokens.TryConsume("pole-a", late, out string? problem));
        Assert.Contains("expired", problem, StringComparison.Ordinal);
    }

    private ServerOptions Options(int devices) => new()
    {
        Devices = devices,
        DataFolder = Path.Combine(_root, $"cloud-{devices}"),
        HttpPort = 0,
        HttpPortExplicit = true,
        BrokerPort = 0,
        BrokerPortExplicit = true,
        BrokerTlsPort = 0,
        BrokerTlsPortExplicit = true,
        Interval = TimeSpan.FromSeconds(5),
        AdminPassword = "snapshot-test-admin-password",
    };

    private static HttpClient ControlClient(SmartCityServer server)
    {
        var control = LocalControl.Read(server.DataFolder)!;
        var http = new HttpClient { BaseAddress = control.Url, Timeout = TimeSpan.FromMinutes(3) };
        http.DefaultRequestHeaders.Add(LocalControl.Header, control.Secret);
        return http;
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient http, string device, string? token, byte[] bytes, CancellationToken ct)
    {
        using var content = new ByteArrayContent(bytes);
        string query = token is null ? "" : $"?token={token}";
        return await http.PutAsync(new Uri($"api/v1/devices/{device}/snapshot{query}", UriKind.Relative), content, ct);
    }

    private static async Task ExpectRefusedAsync(HttpClient http, string device, string? token, byte[] bytes, HttpStatusCode status, string detail, CancellationToken ct)
    {
        using var response = await Upload(http, device, token, bytes, ct);
        string body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains(detail, body, StringComparison.Ordinal);
    }

    private static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png);

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(40, 90, 160));
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static async Task PollAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(100, ct);
        }
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
