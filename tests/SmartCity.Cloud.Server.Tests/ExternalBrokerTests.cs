using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Cloud.Server.Api;
using SmartCity.Cloud.Server.Fleet;
using SmartCity.Contracts;
using SmartCity.Edge.Agent;
using SmartCity.Edge.Updates;
using SmartCity.TestServers;
using Xunit;

namespace SmartCity.Cloud.Server.Tests;

/// <summary>
/// <c>--external-broker</c> with credentials against a real Mosquitto with per-device ACLs: the ingest and the command
/// publisher log in as the ingest user, a device with its own password comes online, and a command sent through the
/// server reaches it (the ACL lets only the ingest user write <c>cmd/#</c>) and its <c>cmd-result</c> comes back.
/// </summary>
public sealed class ExternalBrokerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("smartcity-external-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [MosquittoFact]
    public async Task Server_on_mosquitto_with_credentials_ingests_and_delivers_commands()
    {
        const string DeviceId = "ext-dev-01";
        var brokerOptions = new MosquittoServerOptions();
        brokerOptions.Devices[DeviceId] = "ext-dev-01-password";
        await using var broker = await MosquittoServer.StartAsync(brokerOptions);

        var options = new ServerOptions
        {
            Devices = 0,
            DataFolder = Path.Combine(_root, "cloud"),
            HttpPort = 0,
            HttpPortExplicit = true,
            Interval = TimeSpan.FromSeconds(5),
            AdminPassword = "external-broker-admin-password",
            ExternalBrokerHost = MosquittoServer.Host,
            ExternalBrokerPort = broker.Port,
            ExternalBrokerUsername = broker.IngestUser,
            ExternalBrokerPassword = broker.IngestPassword,
        };
        await using var server = new SmartCityServer(options, TextWriter.Null, NullLoggerFactory.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var serverStop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var run = server.RunAsync(serverStop.Token);
        await server.Started.WaitAsync(timeout.Token);
        Assert.Null(server.Broker);

        var config = SimulatedFleet.Create(0, MosquittoServer.Host, broker.Port, Path.Combine(_root, "outbox"), TimeSpan.FromSeconds(5), paced: true);
        config.Device.Id = DeviceId;
        config.Uplink!.Username = DeviceId;
        config.Uplink.Password = "ext-dev-01-password";
        using var key = BundleSigningKey.Create();
        var device = new EdgeDevice(config, new EdgeDeviceOptions
        {
            SummaryInterval = TimeSpan.FromSeconds(5),
            Updates = new EdgeDeviceUpdates { Root = Path.Combine(_root, "updates"), TrustedKeys = [key] },
        });
        using var deviceStop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var deviceRun = Task.Run(() => device.RunAsync(deviceStop.Token), CancellationToken.None);

        var control = LocalControl.Read(server.DataFolder)!;
        using var http = new HttpClient { BaseAddress = control.Url, Timeout = TimeSpan.FromMinutes(3) };
        http.DefaultRequestHeaders.Add(LocalControl.Header, control.Secret);
        while (!(server.Live.States.TryGetValue(DeviceId, out var state) && state == DeviceState.Online))
        {
            Assert.False(deviceRun.IsCompleted, "the device stopped");
            await Task.Delay(200, timeout.Token);
        }

        // Only the factory model (v0) is installed: the device answers "no previous version" — through the ACLs both ways.
        using var response = await http.PostAsync(new Uri($"api/v1/devices/{DeviceId}/rollback?kind=model&wait=60", UriKind.Relative), null, timeout.Token);
        response.EnsureSuccessStatusCode();
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("result");
        Assert.Equal(JsonValueKind.Object, result.ValueKind);
        Assert.Equal("rejected", result.GetProperty("outcome").GetString());
        Assert.Contains("no previous version", result.GetProperty("message").GetString(), StringComparison.Ordinal);

        await deviceStop.CancelAsync();
        await deviceRun;
        await serverStop.CancelAsync();
        Assert.Equal(0, await run);
        Assert.True(server.FinalIngestStats!.Stored > 0);
    }
}
