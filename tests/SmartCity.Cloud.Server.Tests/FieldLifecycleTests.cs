using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Cloud.Server.Api;
using SmartCity.Contracts;
using SmartCity.Edge.Agent;
using SmartCity.Edge.Agent.Configuration;
using SmartCity.Edge.Provisioning;
using SmartCity.Edge.Updates;
using Xunit;
using Xunit.Abstractions;

namespace SmartCity.Cloud.Server.Tests;

/// <summary>
/// The field life of a device against the real main-job host (no simulated devices): an enrollment token from the
/// server, <c>provision</c> (key, CSR, certificate, configuration from the simulated template), the device online over
/// mutual TLS on the embedded broker, then a signed model update that installs, a broken one that fails its self-test
/// and is not activated, and a rollback — every answer checked in the <c>cmd-result</c> payloads the ingest stored.
/// </summary>
public sealed class FieldLifecycleTests(ITestOutputHelper output) : IDisposable
{
    private const string DeviceId = "field-test-01";
    private readonly string _root = Directory.CreateTempSubdirectory("smartcity-field-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Token_provision_online_then_signed_update_installs_broken_one_is_refused_and_rollback_works()
    {
        var options = new ServerOptions
        {
            Devices = 0,
            DataFolder = Path.Combine(_root, "cloud"),
            HttpPort = 0,
            HttpPortExplicit = true,
            BrokerPort = 0,
            BrokerPortExplicit = true,
            BrokerTlsPort = 0,
            BrokerTlsPortExplicit = true,
            Interval = TimeSpan.FromSeconds(5),
            AdminPassword = "field-test-admin-password",
        };
        var console = new StringWriter();
        await using var server = new SmartCityServer(options, TextWriter.Synchronized(console), NullLoggerFactory.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        using var serverStop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var run = server.RunAsync(serverStop.Token);
        await server.Started.WaitAsync(timeout.Token);
        Assert.EndsWith("with --admin-password)", console.ToString().TrimEnd(), StringComparison.Ordinal);
        Assert.Contains($"Dashboard: {server.HttpUrl}", console.ToString(), StringComparison.Ordinal);

        // The operator path the CLI takes: control.json in the data folder → secret header.
        var control = LocalControl.Read(server.DataFolder)!;
        using var http = new HttpClient { BaseAddress = control.Url, Timeout = TimeSpan.FromMinutes(4) };
        http.DefaultRequestHeaders.Add(LocalControl.Header, control.Secret);
        using (var anonymous = new HttpClient { BaseAddress = control.Url })
        {
            using var refused = await anonymous.PostAsJsonAsync(new Uri("api/enroll/tokens", UriKind.Relative), new { device = DeviceId }, timeout.Token);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var tokenResponse = await http.PostAsJsonAsync(new Uri("api/enroll/tokens", UriKind.Relative), new { device = DeviceId }, timeout.Token);
        tokenResponse.EnsureSuccessStatusCode();
        string token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("token").GetString()!;
        Assert.StartsWith("sct_", token, StringComparison.Ordinal);

        // provision, as `smartcity-edge provision` runs it, then the agent's run path (EdgeDevice) on the result.
        var clock = Stopwatch.StartNew();
        string configPath = Path.Combine(_root, "device", "device.json");
        Directory.CreateDirectory(Path.GetDirectoryName(configPath)!);
        using var enrollHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var steps = new List<string>();
        var provisioned = await new DeviceProvisioner(new EnrollmentClient(enrollHttp), new Progress<string>(steps.Add)).ProvisionAsync(new ProvisioningRequest
        {
            DeviceId = DeviceId,
            Site = "test-junction",
            Token = token,
            Cloud = server.PublicHttpUrl,
            IdentityFolder = Path.Combine(_root, "device", "identity"),
            TemplatePath = Path.Combine(RepositoryRoot(), "firmware-configs", "templates", "simulated.json"),
            ConfigPath = configPath,
        }, timeout.Token);
        Assert.Equal(server.BrokerTlsPort, provisioned.Broker.Port);

        var config = AgentConfigurationLoader.Load(configPath, EdgeDevice.CreateSourceFactory(() => new SyntheticSourceSettings()));
        Assert.True(config.Uplink!.Tls);
        config.Uplink.OutboxDirectory = Path.Combine(_root, "device", "outbox");
        using var signingKey = BundleSigningKey.Create();
        using var downloads = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var device = new EdgeDevice(config, new EdgeDeviceOptions
        {
            SummaryInterval = TimeSpan.FromSeconds(5),
            Updates = new EdgeDeviceUpdates { Root = Path.Combine(_root, "device", "updates"), TrustedKeys = [signingKey], Http = downloads },
        });
        using var deviceStop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var deviceRun = Task.Run(() => device.RunAsync(deviceStop.Token), CancellationToken.None);

        // Online in the store and the API (the retained birth message over mutual TLS, identity = certificate CN).
        await PollAsync(async () =>
        {
            var devices = await http.GetFromJsonAsync<JsonElement>(new Uri("api/devices", UriKind.Relative), timeout.Token);
            return devices.EnumerateArray().Any(d => d.GetProperty("device").GetString() == DeviceId && d.GetProperty("state").GetString() == "online");
        }, deviceRun, timeout.Token);
        double provisionToOnline = clock.Elapsed.TotalSeconds;
        output.WriteLine($"provision → online: {provisionToOnline:F2} s (target ≤ 60 s on loopback)");
        Console.WriteLine($"[FieldLifecycleTests] provision → online: {provisionToOnline:F2} s");
        Assert.True(provisionToOnline <= 60, $"provision → online took {provisionToOnline:F1} s");
        Assert.Equal(0, server.Broker!.Refused);

        // 1. A signed model update (the shipped model as v1) installs and passes its self-test.
        string modelFolder = Path.Combine(RepositoryRoot(), "models", "demo-traffic");
        string good = Path.Combine(_root, "good.scb");
        BundleWriter.Create(good, new BundleRequest
        {
            Kind = BundleKind.Model, Name = "demo-traffic", Version = 1, Targets = [DeviceId],
            Files = [Path.Combine(modelFolder, "model.json"), Path.Combine(modelFolder, "model.onnx")],
        }, signingKey);
        // Refused before anything reaches the device: no credentials, not a bundle, a bundle for another device.
        using (var anonymous = new HttpClient { BaseAddress = control.Url })
        using (var body = new ByteArrayContent(await File.ReadAllBytesAsync(good, timeout.Token)))
        using (var refused = await anonymous.PostAsync(new Uri($"api/v1/devices/{DeviceId}/updates", UriKind.Relative), body, timeout.Token))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var body = new ByteArrayContent("not a zip"u8.ToArray()))
        using (var refused = await http.PostAsync(new Uri($"api/v1/devices/{DeviceId}/updates", UriKind.Relative), body, timeout.Token))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("bad_bundle", await refused.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
        }

        string foreign = Path.Combine(_root, "foreign.scb");
        BundleWriter.Create(foreign, new BundleRequest
        {
            Kind = BundleKind.Model, Name = "demo-traffic", Version = 1, Targets = ["someone-else-01"],
            Files = [Path.Combine(modelFolder, "model.json")],
        }, signingKey);
        using (var body = new ByteArrayContent(await File.ReadAllBytesAsync(foreign, timeout.Token)))
        using (var refused = await http.PostAsync(new Uri($"api/v1/devices/{DeviceId}/updates", UriKind.Relative), body, timeout.Token))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("wrong_device", await refused.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
        }

        Assert.Equal(0, server.Commands.Sent);
        var installed = await PushAsync(http, good, timeout.Token);
        output.WriteLine("good bundle: " + installed);
        Assert.Equal("ok", installed.GetProperty("outcome").GetString());
        Assert.Contains("installed", installed.GetProperty("message").GetString(), StringComparison.Ordinal);

        // 2. A broken model (the same manifest, an ONNX file that is not one) is signed correctly but fails the
        //    self-test: it is never activated and v1 stays.
        string broken = Path.Combine(_root, "broken");
        Directory.CreateDirectory(broken);
        File.Copy(Path.Combine(modelFolder, "model.json"), Path.Combine(broken, "model.json"));
        await File.WriteAllBytesAsync(Path.Combine(broken, "model.onnx"), System.Text.Encoding.ASCII.GetBytes("this is not an ONNX model"), timeout.Token);
        string bad = Path.Combine(_root, "broken.scb");
        BundleWriter.Create(bad, new BundleRequest
        {
            Kind = BundleKind.Model, Name = "demo-traffic", Version = 2, Targets = [DeviceId],
            Files = [Path.Combine(broken, "model.json"), Path.Combine(broken, "model.onnx")],
        }, signingKey);
        var refusedUpdate = await PushAsync(http, bad, timeout.Token);
        output.WriteLine("broken bundle: " + refusedUpdate);
        Assert.Equal("failed", refusedUpdate.GetProperty("outcome").GetString());
        Assert.Contains("v1 stays active", refusedUpdate.GetProperty("message").GetString(), StringComparison.Ordinal);

        // 3. The operator rolls back to the factory model kept in the other slot.
        using var rollbackResponse = await http.PostAsync(new Uri($"api/v1/devices/{DeviceId}/rollback?kind=model&wait=120", UriKind.Relative), null, timeout.Token);
        rollbackResponse.EnsureSuccessStatusCode();
        var rolledBack = (await rollbackResponse.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("result");
        output.WriteLine("rollback: " + rolledBack);
        Assert.Equal("ok", rolledBack.GetProperty("outcome").GetString());
        Assert.Contains("rolled back from v1 to v0", rolledBack.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The three answers are cmd-result messages of the device's own seq sequence, stored by the ingest.
        var results = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/v1/devices/{DeviceId}/command-results", UriKind.Relative), timeout.Token);
        var outcomes = results.EnumerateArray().Select(r => (r.GetProperty("name").GetString(), r.GetProperty("outcome").GetString(), r.GetProperty("seq").GetInt64())).ToList();
        Assert.Equal([("model", "ok"), ("model", "failed"), ("rollback", "ok")], outcomes.Select(o => (o.Item1, o.Item2)).ToList());
        Assert.True(outcomes[0].Item3 < outcomes[1].Item3 && outcomes[1].Item3 < outcomes[2].Item3);
        var slots = new SlotStore(Path.Combine(_root, "device", "updates", "models")).ReadState();
        Assert.Equal(0, slots.ActiveVersion);
        Assert.Equal(1, slots.HighestVersion); // v2 was never activated

        await deviceStop.CancelAsync();
        await deviceRun;
        await serverStop.CancelAsync();
        Assert.Equal(0, await run);
        Assert.Equal(0, server.FinalIngestStats!.DeadLettered);
    }

    [Fact]
    public async Task Broker_traffic_of_a_demo_run_holds_only_summaries_and_no_image_data()
    {
        var captured = new List<(string Client, string Topic, byte[] Payload)>();
        var options = new ServerOptions
        {
            Devices = 2,
            DataFolder = Path.Combine(_root, "cloud"),
            HttpPort = 0,
            HttpPortExplicit = true,
            BrokerPort = 0,
            BrokerPortExplicit = true,
            BrokerTlsPort = 0,
            BrokerTlsPortExplicit = true,
            Interval = TimeSpan.FromSeconds(5),
            Duration = TimeSpan.FromSeconds(16),
            AdminPassword = "capture-test-admin-password",
        };
        await using var server = new SmartCityServer(options, TextWriter.Null, NullLoggerFactory.Instance)
        {
            BrokerPublishObserver = (client, topic, payload) =>
            {
                lock (captured)
                {
                    captured.Add((client, topic, payload.ToArray()));
                }
            },
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        Assert.Equal(0, await server.RunAsync(timeout.Token));

        ReadOnlySpan<byte> jpeg = [0xFF, 0xD8, 0xFF];
        ReadOnlySpan<byte> png = [0x89, (byte)'P', (byte)'N', (byte)'G'];
        var kinds = new Dictionary<MessageKind, int>();
        long bytes = 0;
        foreach (var (client, topic, payload) in captured)
        {
            bytes += payload.Length;
            Assert.True(payload.AsSpan().IndexOf(jpeg) < 0, $"JPEG magic bytes in a message on {topic}");
            Assert.True(payload.AsSpan().IndexOf(png) < 0, $"PNG magic bytes in a message on {topic}");
            Assert.True(payload.Length <= WireJson.MaxPayloadBytes, $"{topic}: {payload.Length} bytes, over the {WireJson.MaxPayloadBytes}-byte contract limit");
            Assert.True(Topics.TryParse(topic, out string device, out MessageKind kind, out _), $"'{topic}' is not a wire-contract topic");
            Assert.True(WireJson.TryDeserialize(payload, kind, out var parsed, out string? error), $"{topic}: {error}");
            Assert.Equal(device, parsed!.Device);
            Assert.Contains(kind, new[] { MessageKind.Status, MessageKind.Traffic, MessageKind.Air, MessageKind.Health, MessageKind.Events });
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        output.WriteLine($"captured {captured.Count} publishes, {bytes} bytes: {string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}"))}");
        Assert.True(kinds.GetValueOrDefault(MessageKind.Traffic) >= 2, "no traffic summaries captured");
        Assert.True(kinds.GetValueOrDefault(MessageKind.Air) >= 2, "no air summaries captured");
        Assert.True(kinds.GetValueOrDefault(MessageKind.Status) >= 2, "no status captured");
    }

    private static async Task<JsonElement> PushAsync(HttpClient http, string bundle, CancellationToken ct)
    {
        await using var stream = File.OpenRead(bundle);
        using var content = new StreamContent(stream);
        using var response = await http.PostAsync(new Uri($"api/v1/devices/{DeviceId}/updates?wait=180", UriKind.Relative), content, ct);
        string body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, body);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal(JsonValueKind.Object, root.GetProperty("result").ValueKind);
        return root.GetProperty("result");
    }

    private static async Task PollAsync(Func<Task<bool>> condition, Task device, CancellationToken ct)
    {
        while (!await condition())
        {
            if (device.IsCompleted)
            {
                await device; // surfaces the device's failure
                throw new InvalidOperationException("the device stopped before it came online");
            }

            await Task.Delay(200, ct);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartCity.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
