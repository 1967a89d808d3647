using System.Text;
using MQTTnet;

namespace SmartCity.TestServers.Tests;

public sealed class LoopbackTcpProxyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static async Task<MosquittoServer> BrokerAsync()
    {
        var options = new MosquittoServerOptions();
        options.Devices["dev-a"] = "secret-a";
        return await MosquittoServer.StartAsync(options);
    }

    [MosquittoFact]
    public async Task Forwards_counts_and_captures_the_bytes()
    {
        await using MosquittoServer broker = await BrokerAsync();
        await using var proxy = LoopbackTcpProxy.Start(broker.Port, captureBytes: true);
        await using TestClient ingest = await TestClient.ConnectAsync(broker.Port, broker.IngestUser, broker.IngestPassword);
        await ingest.SubscribeAsync("smartcity/v1/+/+");
        await using TestClient devA = await TestClient.ConnectAsync(proxy.Port, "dev-a", "secret-a", "dev-a");
        Assert.True((await devA.PublishAsync("smartcity/v1/dev-a/traffic", "{\"marker\":\"through-the-proxy\"}")).IsSuccess);
        await ingest.WaitForAsync("smartcity/v1/dev-a/traffic", Timeout);

        byte[] up = proxy.CapturedUpstream();
        Assert.Equal(proxy.BytesUpstream, up.Length);
        Assert.True(proxy.BytesDownstream > 0);
        Assert.Contains("through-the-proxy", Encoding.Latin1.GetString(up), StringComparison.Ordinal);
        Assert.Equal(1, proxy.ConnectionsAccepted);
    }

    [MosquittoFact]
    public async Task Reset_cut_stops_traffic_and_refuses_connections_until_restored()
    {
        await using MosquittoServer broker = await BrokerAsync();
        await using var proxy = LoopbackTcpProxy.Start(broker.Port);
        await using TestClient ingest = await TestClient.ConnectAsync(broker.Port, broker.IngestUser, broker.IngestPassword);
        await ingest.SubscribeAsync("smartcity/v1/+/+");
        TestClient devA = await TestClient.ConnectAsync(proxy.Port, "dev-a", "secret-a", "dev-a");
        Assert.True((await devA.PublishAsync("smartcity/v1/dev-a/traffic", "1")).IsSuccess);

        proxy.Cut();
        long up = proxy.BytesUpstream;
        await Assert.ThrowsAnyAsync<Exception>(() => devA.PublishAsync("smartcity/v1/dev-a/traffic", "2"));
        await devA.DisposeAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => TestClient.ConnectAsync(proxy.Port, "dev-a", "secret-a", "dev-a"));
        Assert.Equal(up, proxy.BytesUpstream);
        Assert.Equal(0, proxy.OpenConnections);

        proxy.Restore();
        await using TestClient again = await TestClient.ConnectAsync(proxy.Port, "dev-a", "secret-a", "dev-a");
        Assert.True((await again.PublishAsync("smartcity/v1/dev-a/traffic", "3")).IsSuccess);
        await WaitUntilAsync(() => ingest.Received.Count == 2);
        Assert.Equal(["1", "3"], ingest.Received.Select(m => Encoding.UTF8.GetString(m.Payload)));
        Assert.True(proxy.BytesUpstream > up);
    }

    [MosquittoFact]
    public async Task Blackhole_cut_swallows_bytes_until_restored()
    {
        await using MosquittoServer broker = await BrokerAsync();
        await using var proxy = LoopbackTcpProxy.Start(broker.Port);
        await using TestClient ingest = await TestClient.ConnectAsync(broker.Port, broker.IngestUser, broker.IngestPassword);
        await ingest.SubscribeAsync("smartcity/v1/+/+");
        TestClient devA = await TestClient.ConnectAsync(proxy.Port, "dev-a", "secret-a", "dev-a");

        proxy.Cut(ProxyCutMode.Blackhole);
        long up = proxy.BytesUpstream;
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            // No PUBACK can come back through a blackhole.
            Task<MqttClientPublishResult> publish = devA.PublishAsync("smartcity/v1/dev-a/traffic", "lost");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publish.WaitAsync(wait.Token));
        }

        Assert.Equal(up, proxy.BytesUpstream);
        Assert.Empty(ingest.Received);
        proxy.Restore();
        await devA.DisposeAsync();
        await using TestClient again = await TestClient.ConnectAsync(proxy.Port, "dev-a", "secret-a", "dev-a");
        Assert.True((await again.PublishAsync("smartcity/v1/dev-a/traffic", "after")).IsSuccess);
        (string _, byte[] payload) = await ingest.WaitForAsync("smartcity/v1/dev-a/traffic", Timeout);
        Assert.Equal("after", Encoding.UTF8.GetString(payload));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }
}
