using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace SmartCity.TestServers;

/// <summary>A publish the in-process broker accepted.</summary>
/// <param name="ClientId">The publisher's client id.</param>
/// <param name="Topic">The topic.</param>
/// <param name="Payload">A copy of the payload.</param>
/// <param name="Retain">The retain flag.</param>
public sealed record ReceivedMessage(string ClientId, string Topic, byte[] Payload, bool Retain);

/// <summary>
/// MQTTnet's in-process server on a free loopback port, for tests that need to see or tamper with what a broker accepts,
/// which a real Mosquitto (<see cref="MosquittoServer"/>) does not let them do. It can record every accepted PUBLISH
/// (<see cref="Received"/>), drop chosen ones after acknowledging them (<see cref="DropPublish"/>: a broker killed before
/// persisting), and stop and start again on the same port (a broker restart; sessions do not survive it). Like the
/// embedded broker it closes a connection it still holds before its client resumes the session
/// (<c>SessionTakeoverGuard</c>, the same source file).
/// </summary>
public sealed class InProcessMqttBroker : IAsyncDisposable
{
    private readonly bool _persistentSessions;
    private readonly bool _record;
    private MqttServer? _server;
    private long _dropped;

    private InProcessMqttBroker(int port, bool persistentSessions, bool record)
    {
        Port = port;
        _persistentSessions = persistentSessions;
        _record = record;
    }

    /// <summary>The loopback port it listens on, the same across restarts.</summary>
    public int Port { get; }

    /// <summary>Every accepted publish in arrival order, across restarts (only when started with recording).</summary>
    public ConcurrentQueue<ReceivedMessage> Received { get; } = new();

    /// <summary>Decides, per accepted publish (client id, topic), whether the broker silently drops it after the PUBACK.</summary>
    public Func<string, string, bool>? DropPublish { get; set; }

    /// <summary>Publishes dropped by <see cref="DropPublish"/>.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Starts a broker on a free loopback port.</summary>
    /// <param name="persistentSessions">Keep the sessions of clients that connect with clean start false while they are away.</param>
    /// <param name="record">Keep a copy of every accepted publish in <see cref="Received"/>.</param>
    public static async Task<InProcessMqttBroker> StartAsync(bool persistentSessions = false, bool record = false)
    {
        var broker = new InProcessMqttBroker(FreePort(), persistentSessions, record);
        await broker.StartAgainAsync().ConfigureAwait(false);
        return broker;
    }

    /// <summary>Starts the broker again on the same port after <see cref="StopAsync"/>.</summary>
    public async Task StartAgainAsync()
    {
        var factory = new MqttServerFactory();
        var builder = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(Port);
        if (_persistentSessions)
        {
            builder.WithPersistentSessions();
        }

        var server = factory.CreateMqttServer(builder.Build());
        // The embedded broker's guard against MQTTnet losing a message when a session is resumed while the server still
        // holds the old connection (dotnet/MQTTnet#1757): a fast reconnect under load takes that path too.
        var takeovers = SmartCity.Cloud.Server.Broker.SessionTakeoverGuard.Attach(server);
        server.InterceptingPublishAsync += e =>
        {
            var message = e.ApplicationMessage;
            if (takeovers.IsClosingHeldConnection(e.ClientId))
            {
                e.ProcessPublish = false;
            }
            else if (DropPublish is { } drop && drop(e.ClientId, message.Topic))
            {
                e.ProcessPublish = false;
                Interlocked.Increment(ref _dropped);
            }
            else if (_record)
            {
                Received.Enqueue(new ReceivedMessage(e.ClientId, message.Topic, message.Payload.ToArray(), message.Retain));
            }

            return Task.CompletedTask;
        };
        await server.StartAsync().ConfigureAwait(false);
        _server = server;
    }

    /// <summary>Stops the broker (its port is kept for <see cref="StartAgainAsync"/>).</summary>
    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync().ConfigureAwait(false);
            server.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
