using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartCity.Edge.Uplink.Mqtt;

namespace SmartCity.Edge.Uplink.Tests;

public sealed class UplinkOptionsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Plain_options_give_mqtt5_persistent_session_and_a_retained_offline_will()
    {
        var options = new UplinkOptions { DeviceId = "dev-07", Host = "broker.local", Username = "dev-07", Password = "s3cret" };
        var built = UplinkClientOptions.Build(options, "offline"u8.ToArray());
        Assert.Equal(MqttProtocolVersion.V500, built.ProtocolVersion);
        Assert.False(built.CleanSession);
        Assert.Equal((uint)TimeSpan.FromHours(72).TotalSeconds, built.SessionExpiryInterval);
        Assert.Equal("dev-07", built.ClientId);
        Assert.Equal("smartcity/v1/dev-07/status", built.WillTopic);
        Assert.True(built.WillRetain);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, built.WillQualityOfServiceLevel);
        Assert.Equal("offline"u8.ToArray(), built.WillPayload.ToArray());
        Assert.Equal("dev-07", built.Credentials.GetUserName(built));
        var tcp = Assert.IsType<MqttClientTcpOptions>(built.ChannelOptions);
        Assert.False(tcp.TlsOptions.UseTls);
        Assert.Equal(1883, options.EffectivePort);
    }

    [Fact]
    public void Tls_with_ca_and_client_certificate_is_built()
    {
        var (caPath, certPath, keyPath) = WriteCertificates();
        var options = new UplinkOptions
        {
            DeviceId = "dev-07",
            Host = "broker.local",
            UseTls = true,
            CaCertificatePath = caPath,
            ClientCertificatePath = certPath,
            ClientKeyPath = keyPath,
        };
        var built = UplinkClientOptions.Build(options, "offline"u8.ToArray());
        var tls = Assert.IsType<MqttClientTcpOptions>(built.ChannelOptions).TlsOptions;
        Assert.True(tls.UseTls);
        Assert.Equal("broker.local", tls.TargetHost);
        Assert.NotNull(tls.TrustChain);
        Assert.Single(tls.TrustChain);
        var clientCertificates = tls.ClientCertificatesProvider!.GetCertificates();
        Assert.Single(clientCertificates);
        Assert.True(((X509Certificate2)clientCertificates[0]).HasPrivateKey);
        Assert.Equal(8883, options.EffectivePort);
    }

    [Theory]
    [InlineData("DeviceId")]
    [InlineData("Port")]
    [InlineData("ClientKeyPath")]
    [InlineData("UseTls")]
    [InlineData("CaCertificatePath")]
    [InlineData("Password")]
    [InlineData("MaxInFlight")]
    [InlineData("ReconnectMinDelay")]
    public void Invalid_options_name_the_setting(string field)
    {
        var options = new UplinkOptions { DeviceId = "dev-07" };
        switch (field)
        {
            case "DeviceId": options.DeviceId = "no spaces/allowed"; break;
            case "Port": options.Port = 70000; break;
            case "ClientKeyPath": options.UseTls = true; options.ClientCertificatePath = "/nope.pem"; break;
            case "UseTls": options.CaCertificatePath = "/nope.pem"; break;
            case "CaCertificatePath": options.UseTls = true; options.CaCertificatePath = Path.Combine(_folder.Path, "missing.pem"); break;
            case "Password": options.Password = "x"; break;
            case "MaxInFlight": options.MaxInFlight = 1000; break;
            case "ReconnectMinDelay": options.ReconnectMinDelay = TimeSpan.FromHours(1); break;
        }

        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(field == "ClientKeyPath" ? "ClientCertificatePath" : field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_is_capped()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(1));
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var cap = Math.Min(60, Math.Pow(2, attempt));
            var delays = Enumerable.Range(0, 50).Select(_ => backoff.NextDelay(attempt).TotalSeconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, cap / 2, cap));
            Assert.True(delays.Distinct().Count() > 40, "jitter spreads the delays");
        }
    }

    private (string Ca, string Cert, string Key) WriteCertificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=SmartCity Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        // One clock reading for both certificates: a device certificate may not outlive its CA by a tick.
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var deviceRequest = new CertificateRequest("CN=dev-07", deviceKey, HashAlgorithmName.SHA256);
        using var device = deviceRequest.Create(ca, now.AddDays(-1), now.AddDays(29), [1, 2, 3, 4]);
        var caPath = Path.Combine(_folder.Path, "ca.pem");
        var certPath = Path.Combine(_folder.Path, "dev-07.pem");
        var keyPath = Path.Combine(_folder.Path, "dev-07.key");
        File.WriteAllText(caPath, ca.ExportCertificatePem());
        File.WriteAllText(certPath, device.ExportCertificatePem());
        File.WriteAllText(keyPath, deviceKey.ExportPkcs8PrivateKeyPem());
        return (caPath, certPath, keyPath);
    }
}
