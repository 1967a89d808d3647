using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace SmartCity.Cloud.Ingest.Tests;

/// <summary>MQTTnet's in-process server on a free loopback port. <see cref="DropPublish"/> lets a test make the broker
/// acknowledge a publish to its sender and then lose it, as a broker killed before persisting does.</summary>
internal sealed class EmbeddedBroker : IAsyncDisposable
{
    private MqttServer? _server;
    private long _dropped;

    private EmbeddedBroker(int port) => Port = port;

    public int Port { get; }

    /// <summary>Decides, per accepted publish (client id, topic), whether the broker silently drops it after the PUBACK.</summary>
    public Func<string, string, bool>? DropPublish { get; set; }

    /// <summary>Publishes dropped by <see cref="DropPublish"/>.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public static async Task<EmbeddedBroker> StartAsync()
    {
        var broker = new EmbeddedBroker(FreePort());
        await broker.StartAgainAsync();
        return broker;
    }

    public async Task StartAgainAsync()
    {
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(Port)
            .WithPersistentSessions()
            .Build();
        var server = factory.CreateMqttServer(options);
        server.InterceptingPublishAsync += e =>
        {
            if (DropPublish is { } drop && drop(e.ClientId, e.ApplicationMessage.Topic))
            {
                e.ProcessPublish = false;
                Interlocked.Increment(ref _dropped);
            }

            return Task.CompletedTask;
        };
        await server.StartAsync();
        _server = server;
    }

    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync();
            server.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
