using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartCity.Contracts;

namespace SmartCity.Edge.Uplink.Mqtt;

/// <summary>Turns validated <see cref="UplinkOptions"/> into MQTTnet client options: MQTT 5, clean start false with
/// session expiry, a retained last will on the status topic, and TLS / credentials / client certificate.</summary>
public static class UplinkClientOptions
{
    /// <summary>Builds the client options; <paramref name="willPayload"/> is the retained "offline" status.</summary>
    /// <exception cref="ArgumentException">An option is invalid (see <see cref="UplinkOptions.Validate"/>).</exception>
    public static MqttClientOptions Build(UplinkOptions options, ReadOnlyMemory<byte> willPayload)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.EffectivePort)
            .WithClientId(options.DeviceId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            // Clean start false + session expiry: the broker keeps the device's command subscriptions and queued
            // commands across LTE drops. Uplink records do not depend on it: the outbox re-sends from the checkpoint.
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)options.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(options.Timeout)
            .WithWillTopic(Topics.Status(options.DeviceId))
            .WithWillPayload(willPayload.ToArray())
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (options.Username is not null)
        {
            builder.WithCredentials(options.Username, options.Password);
        }

        if (options.UseTls)
        {
            builder.WithTlsOptions(BuildTls(options));
        }

        return builder.Build();
    }

    private static MqttClientTlsOptions BuildTls(UplinkOptions options)
    {
        var tls = new MqttClientTlsOptionsBuilder()
            .WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13)
            .WithTargetHost(options.Host);
        if (options.CaCertificatePath is not null)
        {
            tls.WithTrustChain(BrokerTlsFiles.LoadTrustChain(options.CaCertificatePath, "Uplink"));
        }

        if (options.ClientCertificatePath is not null && options.ClientKeyPath is not null)
        {
            tls.WithClientCertificates([BrokerTlsFiles.LoadClientCertificate(options.ClientCertificatePath, options.ClientKeyPath, "Uplink")]);
        }

        return tls.Build();
    }
}
