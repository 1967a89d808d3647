using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Server.Broker;

/// <summary>
/// The embedded MQTT 5 broker (MQTTnet.Server) of the one-command system, on a loopback port. It enforces the same
/// rule a Mosquitto ACL <c>pattern write smartcity/v1/%u/#</c> does: a client publishes only under its own device id
/// (its username, or its client id when it has none), never a command; only the trusted cloud services (ingest)
/// publish commands. Refusals are answered "not authorized", counted and logged.
/// </summary>
internal sealed partial class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly ILogger _logger;
    private readonly IReadOnlySet<string> _trustedClients;
    private readonly SessionTakeoverGuard _takeovers;
    private readonly ConcurrentDictionary<string, long> _refusedByClient = new(StringComparer.Ordinal);
    private long _refused;
    private long _accepted;
    private long _connects;

    private const string IdentityItem = "smartcity.identity";

    private EmbeddedBroker(MqttServer server, int port, IReadOnlySet<string> trustedClients, ILogger logger)
    {
        _server = server;
        Port = port;
        _trustedClients = trustedClients;
        _logger = logger;
        _server.ValidatingConnectionAsync += e =>
        {
            Interlocked.Increment(ref _connects);
            // Mutual TLS: the device id is the client certificate's CN (Mosquitto's use_identity_as_username).
            if (e.ChannelAdapter.ClientCertificate is { } certificate)
            {
                string cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
                if (!DeviceIds.IsValid(cn) || (!string.IsNullOrEmpty(e.UserName) && e.UserName != cn))
                {
                    e.ReasonCode = MqttConnectReasonCode.NotAuthorized;
                    return Task.CompletedTask;
                }

                e.SessionItems[IdentityItem] = cn;
            }

            return Task.CompletedTask;
        };
        _server.InterceptingPublishAsync += OnPublishAsync;
        _server.InterceptingInboundPacketAsync += OnInboundPacketAsync;
        // Last: it acts only on connections the validator above accepted.
        _takeovers = SessionTakeoverGuard.Attach(_server, id => BrokerLog.HeldConnectionClosed(_logger, id));
    }

    /// <summary>The loopback port the broker listens on.</summary>
    public int Port { get; }

    /// <summary>Publishes accepted.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Publishes refused because a client published outside its own device id (or a command without being trusted).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>The mutual-TLS port (client certificates of the device CA), or 0 when there is none.</summary>
    public int TlsPort { get; private init; }

    /// <summary>Called for every publish the broker accepted (client id, topic, payload); tests capture the traffic here.</summary>
    public Action<string, string, ReadOnlyMemory<byte>>? PublishObserver { get; set; }

    /// <summary>Connection attempts seen.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Connections the server still held when their client resumed its session, closed first (<see cref="SessionTakeoverGuard"/>).</summary>
    public long HeldConnectionsClosed => _takeovers.HeldConnectionsClosed;

    /// <summary>Refusals per client id.</summary>
    public IReadOnlyDictionary<string, long> RefusedByClient => _refusedByClient;

    /// <summary>Starts the broker on <paramref name="port"/> of 127.0.0.1.</summary>
    /// <param name="port">Loopback port.</param>
    /// <param name="trustedClients">Client ids of cloud services allowed to publish commands (the ingest node).</param>
    /// <param name="logger">Logger; null for none.</param>
    public static Task<EmbeddedBroker> StartAsync(int port, IReadOnlySet<string> trustedClients, ILogger? logger = null) =>
        StartAsync(port, trustedClients, null, logger);

    /// <summary>Starts the broker on <paramref name="port"/> of 127.0.0.1 and, with <paramref name="tls"/>, a mutual-TLS endpoint.</summary>
    /// <param name="port">Loopback port of the plain endpoint.</param>
    /// <param name="trustedClients">Client ids of cloud services allowed to publish commands.</param>
    /// <param name="tls">The TLS endpoint: server certificate, device CA, revocation check; null for none.</param>
    /// <param name="logger">Logger; null for none.</param>
    public static async Task<EmbeddedBroker> StartAsync(int port, IReadOnlySet<string> trustedClients, BrokerTlsEndpoint? tls, ILogger? logger = null)
    {
        var factory = new MqttServerFactory();
        var builder = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            // Sessions with clean start false survive a reconnect (the ingest node's unacknowledged messages).
            .WithPersistentSessions();
        if (tls is not null)
        {
            builder = builder
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(tls.Address)
                .WithEncryptedEndpointPort(tls.Port)
                .WithEncryptionCertificate(tls.ServerCertificate)
                .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
                .WithClientCertificate(tls.Validate);
        }

        var server = factory.CreateMqttServer(builder.Build());
        var broker = new EmbeddedBroker(server, port, trustedClients, logger ?? NullLogger.Instance) { TlsPort = tls?.Port ?? 0 };
        await server.StartAsync().ConfigureAwait(false);
        return broker;
    }

    /// <summary>
    /// Whether <paramref name="identity"/> may publish on <paramref name="topic"/>: devices only on their own uplink
    /// topics; trusted services also on command topics. Anything outside the contract root is refused to devices.
    /// </summary>
    public static bool MayPublish(string identity, bool trusted, string topic, out string? reason)
    {
        if (!Topics.TryParse(topic, out string device, out MessageKind kind, out _))
        {
            reason = trusted ? null : $"topic '{topic}' is not a topic of wire contract v1";
            return trusted;
        }

        if (kind == MessageKind.Command)
        {
            reason = trusted ? null : $"'{identity}' may not publish the command topic '{topic}'";
            return trusted;
        }

        if (!string.Equals(device, identity, StringComparison.Ordinal))
        {
            reason = $"'{identity}' may not publish as device '{device}' (topic '{topic}')";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>
    /// MQTTnet's server refuses MQTT 5 shared subscriptions (<c>$share/{group}/{filter}</c>) with "shared subscriptions
    /// not supported". The ingest subscribes that way so that several nodes split the load on a real broker; here the
    /// prefix is stripped before the server sees it, so the node gets a plain subscription to the same filter. With one
    /// ingest node that is the same thing; with several on this broker each would receive every message, which the
    /// store's dedupe on (device, seq) absorbs. Production brokers (Mosquitto, EMQX) share for real.
    /// </summary>
    public static string StripSharePrefix(string topicFilter)
    {
        const string Share = "$share/";
        if (!topicFilter.StartsWith(Share, StringComparison.Ordinal))
        {
            return topicFilter;
        }

        int slash = topicFilter.IndexOf('/', Share.Length);
        return slash > Share.Length && slash < topicFilter.Length - 1 ? topicFilter[(slash + 1)..] : topicFilter;
    }

    private static Task OnInboundPacketAsync(InterceptingPacketEventArgs e)
    {
        switch (e.Packet)
        {
            case MqttSubscribePacket subscribe:
                foreach (var filter in subscribe.TopicFilters)
                {
                    filter.Topic = StripSharePrefix(filter.Topic);
                }

                break;
            case MqttUnsubscribePacket unsubscribe:
                for (int i = 0; i < unsubscribe.TopicFilters.Count; i++)
                {
                    unsubscribe.TopicFilters[i] = StripSharePrefix(unsubscribe.TopicFilters[i]);
                }

                break;
        }

        return Task.CompletedTask;
    }

    private Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        if (_takeovers.IsClosingHeldConnection(e.ClientId))
        {
            e.ProcessPublish = false; // The will of a connection closed because its client is connecting again.
            return Task.CompletedTask;
        }

        bool certified = e.SessionItems[IdentityItem] is string;
        string identity = e.SessionItems[IdentityItem] as string ?? (string.IsNullOrEmpty(e.UserName) ? e.ClientId : e.UserName);
        // A client with a device certificate is a device, whatever client id it picked.
        bool trusted = !certified && _trustedClients.Contains(e.ClientId);
        if (MayPublish(identity, trusted, e.ApplicationMessage.Topic, out string? reason))
        {
            Interlocked.Increment(ref _accepted);
            if (PublishObserver is { } observer)
            {
                observer(e.ClientId, e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            }

            return Task.CompletedTask;
        }

        e.ProcessPublish = false;
        e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        e.Response.ReasonString = reason;
        Interlocked.Increment(ref _refused);
        _refusedByClient.AddOrUpdate(e.ClientId, 1, static (_, n) => n + 1);
        BrokerLog.PublishRefused(_logger, e.ClientId, reason ?? "");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _server.Dispose();
        }
    }

    private static partial class BrokerLog
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Broker refused a publish of client {ClientId}: {Reason}")]
        public static partial void PublishRefused(ILogger logger, string clientId, string reason);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Information,
            Message = "Broker: client {ClientId} resumed its session while the broker still held its previous connection; closed that connection first")]
        public static partial void HeldConnectionClosed(ILogger logger, string clientId);
    }
}

/// <summary>The mutual-TLS endpoint of the embedded broker: devices enrolled at <c>/api/enroll</c> connect here with their certificate.</summary>
/// <param name="Address">Address to bind (loopback by default; the <c>--listen</c> address otherwise).</param>
/// <param name="Port">TCP port.</param>
/// <param name="ServerCertificate">The broker's certificate (issued by the device CA), with its private key.</param>
/// <param name="DeviceCa">The device CA every client certificate must chain to.</param>
/// <param name="IsRevoked">Whether a certificate serial number is revoked.</param>
internal sealed record BrokerTlsEndpoint(IPAddress Address, int Port, X509Certificate2 ServerCertificate, X509Certificate2 DeviceCa, Func<string, bool> IsRevoked)
{
    /// <summary>Client certificate check: present, chains to <see cref="DeviceCa"/> only (custom trust), client-auth, not revoked.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(DeviceCa);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        return custom.Build(leaf) && !IsRevoked(leaf.SerialNumber);
    }
}
