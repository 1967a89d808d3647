using SmartCity.Cloud.Enrollment;
using SmartCity.Edge.Provisioning.Diagnostics;
using SmartCity.TestServers;

namespace SmartCity.Edge.Provisioning.Tests;

/// <summary>doctor's broker check against a real Mosquitto with TLS and client certificates.</summary>
public sealed class BrokerProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static Task<MosquittoServer> StartTlsBrokerAsync() =>
        MosquittoServer.StartAsync(new MosquittoServerOptions { EnableTls = true, RequireClientCertificate = true });

    [MosquittoFact]
    public async Task Device_certificate_from_the_broker_ca_is_accepted()
    {
        await using var broker = await StartTlsBrokerAsync();
        var (cert, key) = broker.Certificates!.IssueClient("pole-0400");

        var result = await BrokerProbe.RunAsync(new BrokerProbe.Target
        {
            Host = MosquittoServer.Host, Port = broker.TlsPort, Tls = true, DeviceId = "pole-0400",
            CaCertificate = broker.Certificates.CaCertificatePath, ClientCertificate = cert, ClientKey = key,
        }, Timeout);

        Assert.True(result.Status == CheckStatus.Pass, $"{result.Detail} | {result.Hint} | {broker.RecentLog}");
        Assert.Contains("CN=pole-0400", result.Detail, StringComparison.Ordinal);
    }

    [MosquittoFact]
    public async Task Certificate_from_another_ca_is_refused_with_a_hint()
    {
        await using var broker = await StartTlsBrokerAsync();
        string folder = Path.Combine(broker.Folder, "rogue");
        using var rogueCa = DeviceCertificateAuthority.Create("rogue CA");
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var rogue = rogueCa.SignDeviceCsr(DeviceCsr.Create(key, "pole-0401"), "pole-0401", TimeSpan.FromDays(1));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "c.pem"), rogue.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "k.pem"), key.ExportPkcs8PrivateKeyPem());

        var result = await BrokerProbe.RunAsync(new BrokerProbe.Target
        {
            Host = MosquittoServer.Host, Port = broker.TlsPort, Tls = true, DeviceId = "pole-0401",
            CaCertificate = broker.Certificates!.CaCertificatePath, ClientCertificate = Path.Combine(folder, "c.pem"), ClientKey = Path.Combine(folder, "k.pem"),
        }, Timeout);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("certificate", result.Hint, StringComparison.Ordinal);
    }

    [MosquittoFact]
    public async Task Broker_certificate_not_from_the_configured_ca_is_refused()
    {
        await using var broker = await StartTlsBrokerAsync();
        var (cert, key) = broker.Certificates!.IssueClient("pole-0402");
        using var otherCa = DeviceCertificateAuthority.Create("other CA");
        string otherCaPath = Path.Combine(broker.Folder, "other-ca.pem");
        File.WriteAllText(otherCaPath, otherCa.CertificatePem);

        var result = await BrokerProbe.RunAsync(new BrokerProbe.Target
        {
            Host = MosquittoServer.Host, Port = broker.TlsPort, Tls = true, DeviceId = "pole-0402",
            CaCertificate = otherCaPath, ClientCertificate = cert, ClientKey = key,
        }, Timeout);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("does not chain to the configured CA", result.Detail, StringComparison.Ordinal);
    }

    [MosquittoFact]
    public async Task Anonymous_connection_is_reported_as_not_authorised()
    {
        await using var broker = await MosquittoServer.StartAsync();

        var result = await BrokerProbe.RunAsync(new BrokerProbe.Target { Host = MosquittoServer.Host, Port = broker.Port, DeviceId = "pole-0403" }, Timeout);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("CONNACK 5", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_port_fails_naming_the_address()
    {
        var result = await BrokerProbe.RunAsync(new BrokerProbe.Target { Host = "127.0.0.1", Port = 9, DeviceId = "pole-0404" }, Timeout);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("127.0.0.1:9", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_packet_has_the_mqtt_311_layout()
    {
        byte[] packet = BrokerProbe.BuildConnect("pole-1-doctor", "u", "p");

        Assert.Equal(0x10, packet[0]);
        Assert.Equal(packet.Length - 2, packet[1]);
        Assert.Equal("MQTT"u8.ToArray(), packet[4..8]);
        Assert.Equal(4, packet[8]);
        Assert.Equal(0xC2, packet[9]);
    }
}
