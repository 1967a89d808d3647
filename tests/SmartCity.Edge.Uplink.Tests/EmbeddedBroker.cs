using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace SmartCity.Edge.Uplink.Tests;

/// <summary>MQTTnet's in-process server on a loopback port that records every PUBLISH it accepts and can be
/// stopped and started again on the same port (a broker restart).</summary>
internal sealed class EmbeddedBroker : IAsyncDisposable
{
    private MqttServer? _server;

    private EmbeddedBroker(int port) => Port = port;

    public int Port { get; }

    /// <summary>Every accepted publish, in arrival order, across restarts.</summary>
    public ConcurrentQueue<ReceivedMessage> Received { get; } = new();

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
            .Build();
        var server = factory.CreateMqttServer(options);
        server.InterceptingPublishAsync += e =>
        {
            var message = e.ApplicationMessage;
            Received.Enqueue(new ReceivedMessage(e.ClientId, message.Topic, message.Payload.ToArray(), message.Retain));
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
