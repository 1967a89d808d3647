using System.Text;
using MQTTnet;

namespace SmartCity.TestServers.Tests;

public sealed class MosquittoServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static MosquittoServerOptions TwoDevices()
    {
        var options = new MosquittoServerOptions();
        options.Devices["dev-a"] = "secret-a";
        options.Devices["dev-b"] = "secret-b";
        return options;
    }

    [MosquittoFact]
    public async Task Acl_keeps_a_device_to_its_own_topics_and_lets_ingest_read_them_all()
    {
        await using MosquittoServer broker = await MosquittoServer.StartAsync(TwoDevices());
        await using TestClient ingest = await TestClient.ConnectAsync(broker.Port, broker.IngestUser, broker.IngestPassword);
        await ingest.SubscribeAsync("$share/ingest/smartcity/v1/+/+");
        MqttClientPublishResult forged;
        await using (TestClient devA = await TestClient.ConnectAsync(broker.Port, "dev-a", "secret-a", "dev-a"))
        {
            forged = await devA.PublishAsync("smartcity/v1/dev-b/traffic", "{\"forged\":true}");
        }

        // The broker handled the forged publish before its PUBACK, so had it routed it, the ingest would get it before
        // anything published after. (MQTTnet 5.2 drops its connection after a PUBACK with 0x87, hence a new client.)
        await using TestClient again = await TestClient.ConnectAsync(broker.Port, "dev-a", "secret-a", "dev-a");
        MqttClientPublishResult own = await again.PublishAsync("smartcity/v1/dev-a/traffic", "{\"own\":true}");
        await ingest.WaitForAsync("smartcity/v1/dev-a/traffic", Timeout);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        Assert.True(own.IsSuccess, own.ReasonCode.ToString());
        Assert.DoesNotContain(ingest.Received, m => m.Topic.Contains("dev-b", StringComparison.Ordinal));
        Assert.Single(ingest.Received);
    }

    [MosquittoFact]
    public async Task Acl_lets_a_device_read_its_own_commands_only()
    {
        await using MosquittoServer broker = await MosquittoServer.StartAsync(TwoDevices());
        await using TestClient devA = await TestClient.ConnectAsync(broker.Port, "dev-a", "secret-a", "dev-a");
        await devA.SubscribeAsync("smartcity/v1/dev-a/cmd/+");
        // Mosquitto grants the subscription but delivers nothing the ACL denies.
        await devA.SubscribeAsync("smartcity/v1/dev-b/cmd/+");
        await using TestClient ingest = await TestClient.ConnectAsync(broker.Port, broker.IngestUser, broker.IngestPassword);
        await ingest.PublishAsync("smartcity/v1/dev-b/cmd/resend", "{\"to\":\"b\"}");
        await ingest.PublishAsync("smartcity/v1/dev-a/cmd/resend", "{\"to\":\"a\"}");

        await devA.WaitForAsync("smartcity/v1/dev-a/cmd/resend", Timeout);
        Assert.Single(devA.Received);
    }

    [MosquittoFact]
    public async Task Wrong_password_is_refused()
    {
        await using MosquittoServer broker = await MosquittoServer.StartAsync(TwoDevices());
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestClient.ConnectAsync(broker.Port, "dev-a", "secret-b"));
        // Mosquitto 2.0 answers a bad password to an MQTT 5 client with CONNACK 0x87 (not authorized).
        Assert.Contains("NotAuthorized", error.Message, StringComparison.Ordinal);
    }

    [MosquittoFact]
    public async Task Kill_and_restart_keep_the_port_and_a_clean_stop_keeps_retained_messages()
    {
        await using MosquittoServer broker = await MosquittoServer.StartAsync(TwoDevices());
        int port = broker.Port;
        int firstPid = broker.ProcessId ?? throw new InvalidOperationException("not running");
        await using (TestClient devA = await TestClient.ConnectAsync(port, "dev-a", "secret-a", "dev-a"))
        {
            await devA.PublishAsync("smartcity/v1/dev-a/status", "{\"state\":\"online\"}", retain: true);
        }

        broker.Kill();
        Assert.Null(broker.ProcessId);
        await Assert.ThrowsAnyAsync<Exception>(() => TestClient.ConnectAsync(port, "dev-a", "secret-a"));

        await broker.RestartAsync();
        Assert.Equal(port, broker.Port);
        Assert.NotEqual(firstPid, broker.ProcessId);
        await using (TestClient again = await TestClient.ConnectAsync(port, "dev-a", "secret-a", "dev-a"))
        {
            Assert.True(again.IsConnected);
            await again.PublishAsync("smartcity/v1/dev-a/status", "{\"state\":\"saved\"}", retain: true);
        }

        // SIGTERM saves the persistence file; the retained message must come back from the data folder.
        await broker.StopAsync();
        Assert.NotEmpty(Directory.GetFiles(broker.DataDirectory));
        await broker.RestartAsync();
        await using TestClient reader = await TestClient.ConnectAsync(port, broker.IngestUser, broker.IngestPassword);
        await reader.SubscribeAsync("smartcity/v1/+/status");
        (string _, byte[] payload) = await reader.WaitForAsync("smartcity/v1/dev-a/status", Timeout);
        Assert.Equal("{\"state\":\"saved\"}", Encoding.UTF8.GetString(payload));
        Assert.Equal(3, broker.Starts);
        Assert.Contains("mosquitto killed", broker.RecentLog, StringComparison.Ordinal);
    }

    [MosquittoFact]
    public async Task Tls_with_client_certificates_takes_the_device_from_the_certificate()
    {
        var options = new MosquittoServerOptions { EnableTls = true, RequireClientCertificate = true };
        await using MosquittoServer broker = await MosquittoServer.StartAsync(options);
        TestCertificateAuthority ca = broker.Certificates!;
        (string cert, string key) = ca.IssueClient("dev-a");
        await using TestClient ingest = await TestClient.ConnectAsync(broker.Port, broker.IngestUser, broker.IngestPassword);
        await ingest.SubscribeAsync("smartcity/v1/+/+");
        MqttClientPublishResult forged;
        await using (TestClient devA = await TestClient.ConnectTlsAsync(broker.TlsPort, ca, cert, key, "dev-a"))
        {
            forged = await devA.PublishAsync("smartcity/v1/dev-b/air", "{}");
        }

        await using TestClient again = await TestClient.ConnectTlsAsync(broker.TlsPort, ca, cert, key, "dev-a");
        MqttClientPublishResult own = await again.PublishAsync("smartcity/v1/dev-a/air", "{}");
        await ingest.WaitForAsync("smartcity/v1/dev-a/air", Timeout);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        Assert.True(own.IsSuccess);
        Assert.Single(ingest.Received);
    }

    [MosquittoFact]
    public async Task Tls_listener_refuses_a_client_without_a_certificate()
    {
        var options = new MosquittoServerOptions { EnableTls = true, RequireClientCertificate = true };
        await using MosquittoServer broker = await MosquittoServer.StartAsync(options);
        var noCert = new MqttClientOptionsBuilder()
            .WithTcpServer("localhost", broker.TlsPort)
            .WithTlsOptions(new MqttClientTlsOptionsBuilder().UseTls()
                .WithTrustChain([System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(broker.Certificates!.CaCertificatePath)])
                .Build())
            .WithCredentials("dev-a", "anything")
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        await Assert.ThrowsAnyAsync<Exception>(() => TestClient.ConnectAsync(noCert));
    }
}
