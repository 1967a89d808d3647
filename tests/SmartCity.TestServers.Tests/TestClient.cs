using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SmartCity.TestServers.Tests;

/// <summary>An MQTT 5 client for the fixture tests that records what it receives.</summary>
internal sealed class TestClient : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private TestClient(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += e =>
        {
            DisconnectReason = $"{e.Reason} {e.ReasonString} {e.Exception?.Message}";
            return Task.CompletedTask;
        };
    }

    public string? DisconnectReason { get; private set; }

    public ConcurrentQueue<(string Topic, byte[] Payload)> Received { get; } = new();

    public bool IsConnected => _client.IsConnected;

    public static Task<TestClient> ConnectAsync(int port, string user, string password, string? clientId = null) =>
        ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(MosquittoServer.Host, port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId ?? user + "-" + Guid.NewGuid().ToString("N")[..8])
            .WithCredentials(user, password)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build());

    public static Task<TestClient> ConnectTlsAsync(int port, TestCertificateAuthority ca, string certPath, string keyPath, string clientId)
    {
        X509Certificate2 caCert = X509CertificateLoader.LoadCertificateFromFile(ca.CaCertificatePath);
        using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        // SslStream needs a key it can use on Linux: round-trip through PKCS#12.
        X509Certificate2 clientCert = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var tls = new MqttClientTlsOptionsBuilder()
            .UseTls()
            .WithClientCertificates([clientCert])
            .WithTrustChain([caCert])
            .Build();
        return ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("localhost", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithTlsOptions(tls)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build());
    }

    public static async Task<TestClient> ConnectAsync(MqttClientOptions options)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var test = new TestClient(client);
        MqttClientConnectResult result = await client.ConnectAsync(options);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new InvalidOperationException($"CONNECT refused: {result.ResultCode} {result.ReasonString}");
        }

        return test;
    }

    public async Task SubscribeAsync(string filter)
    {
        MqttClientSubscribeResult result = await _client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        MqttClientSubscribeResultCode code = result.Items.Single().ResultCode;
        if (code > MqttClientSubscribeResultCode.GrantedQoS2)
        {
            throw new InvalidOperationException($"SUBSCRIBE {filter} refused: {code}");
        }
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build());

    public async Task<(string Topic, byte[] Payload)> WaitForAsync(string topic, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            foreach ((string Topic, byte[] Payload) m in Received)
            {
                if (m.Topic == topic)
                {
                    return m;
                }
            }

            await Task.Delay(20, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (Exception)
            {
                // Gone already.
            }
        }

        _client.Dispose();
    }
}
