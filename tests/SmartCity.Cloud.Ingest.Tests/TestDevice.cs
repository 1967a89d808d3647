using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartCity.Contracts;

namespace SmartCity.Cloud.Ingest.Tests;

/// <summary>A bare MQTT 5 publisher standing in for a device (or an attacker): publishes raw bytes with QoS 1.</summary>
internal sealed class TestDevice : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private TestDevice(IMqttClient client) => _client = client;

    public static async Task<TestDevice> ConnectAsync(int port, string clientId, string? username = null, string? password = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(20));
        if (username is not null)
        {
            builder.WithCredentials(username, password);
        }

        await client.ConnectAsync(builder.Build());
        return new TestDevice(client);
    }

    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, ReadOnlyMemory<byte> payload)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.PublishAsync(message);
        return result.ReasonCode;
    }

    public Task<MqttClientPublishReasonCode> PublishAsync(WirePayload payload) =>
        PublishAsync(Topics.For(payload.Device, payload.Kind), WireJson.Serialize(payload));

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
