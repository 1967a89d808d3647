using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Formatter;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest;

/// <summary>Turns validated <see cref="IngestOptions"/> into MQTTnet client options: MQTT 5, clean start false with
/// session expiry (a persistent session), Receive Maximum, credentials and TLS.</summary>
public static class IngestClientOptions
{
    /// <summary>Socket send/receive buffer of the ingest node's connection, bytes.</summary>
    /// <remarks>MQTTnet sets <c>SO_RCVBUF</c>/<c>SO_SNDBUF</c> to its <see cref="MqttClientTcpOptions.BufferSize"/>
    /// (8 KiB unless set), which switches off the kernel's autotuning: the receive window stays near 11 KiB. With a
    /// broker that has hundreds of thousands of messages queued for the node, the bench saw that window overrun under
    /// memory pressure, segments dropped and retransmitted on the 200 ms timer, and the node's stream crawl at a few
    /// KiB/s for minutes. 4 MiB (the kernel clamps it to <c>net.core.rmem_max</c>) holds several thousand messages.</remarks>
    public const int SocketBufferBytes = 4 * 1024 * 1024;

    /// <summary>The ingest node's client options.</summary>
    public static MqttClientOptions Build(IngestOptions options)
    {
        var built = ConnectionTo(options)
            .WithClientId(options.ClientId)
            // Persistent session: what arrives while the node is away, and what it received but did not acknowledge,
            // stays in the broker and is delivered after the reconnect.
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)options.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)options.ReceiveMaximum)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(options.ConnectTimeout)
            .Build();
        if (built.ChannelOptions is MqttClientTcpOptions tcp)
        {
            tcp.BufferSize = SocketBufferBytes;
        }

        return built;
    }

    /// <summary>
    /// The broker part of <paramref name="options"/> — host, port, MQTT 5, credentials and TLS (trust chain, client
    /// certificate) — for any cloud-side client of the same broker (the ingest node, the command publisher); the caller
    /// adds its client id and session settings.
    /// </summary>
    /// <exception cref="ArgumentException">A CA or client-certificate file cannot be loaded (the message names the option).</exception>
    public static MqttClientOptionsBuilder ConnectionTo(IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.BrokerHost, options.BrokerPort)
            .WithProtocolVersion(MqttProtocolVersion.V500);
        if (options.Username is not null)
        {
            builder.WithCredentials(options.Username, options.Password);
        }

        if (options.UseTls)
        {
            builder.WithTlsOptions(BuildTls(options));
        }

        return builder;
    }

    private static MqttClientTlsOptions BuildTls(IngestOptions options)
    {
        var tls = new MqttClientTlsOptionsBuilder()
            .WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13)
            .WithTargetHost(options.BrokerHost);
        if (options.CaCertificatePath is not null)
        {
            tls.WithTrustChain(BrokerTlsFiles.LoadTrustChain(options.CaCertificatePath, "Ingest"));
        }

        if (options.ClientCertificatePath is not null && options.ClientKeyPath is not null)
        {
            tls.WithClientCertificates([BrokerTlsFiles.LoadClientCertificate(options.ClientCertificatePath, options.ClientKeyPath, "Ingest")]);
        }

        return tls.Build();
    }
}
