using System.Buffers;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartCity.Contracts;
using SmartCity.Edge.Uplink.Mqtt;
using SmartCity.Edge.Uplink.Outbox;
using SmartCity.TestServers;

namespace SmartCity.Edge.Uplink.Tests;

/// <summary>The pump answers <c>cmd/resend</c>: it republishes acknowledged records still in the outbox and reports on
/// <c>cmd-result</c> through the outbox (so the answer gets a seq of its own).</summary>
public sealed class PumpResendTests : IDisposable
{
    private const string DeviceId = "dev-resend-01";
    private static readonly byte[] Online = Encoding.UTF8.GetBytes("{\"state\":\"online\"}");
    private static readonly byte[] Offline = Encoding.UTF8.GetBytes("{\"state\":\"offline\"}");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Resend_republishes_acknowledged_records_of_the_range_and_answers_on_cmd_result()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(record: true);
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _folder.Path });
        for (var i = 1; i <= 100; i++)
        {
            outbox.Append(Topics.Traffic(DeviceId), DiskOutboxTests.Payload(i));
        }

        outbox.Flush();
        var pump = new MqttPublisherPump(outbox, Options(broker.Port), Online, Offline);
        using var stop = new CancellationTokenSource();
        var run = pump.RunAsync(stop.Token);
        try
        {
            await WaitUntilAsync(() => outbox.Checkpoint == 100);
            await SendResendAsync(broker.Port, "req-1", "10", "20");
            await WaitUntilAsync(() => Results(broker).Count == 1);
            await SendResendAsync(broker.Port, "req-2", "20", "10");
            await WaitUntilAsync(() => Results(broker).Count == 2);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        var traffic = broker.Received.Where(m => m.Topic == Topics.Traffic(DeviceId)).Select(m => SeqOf(m.Payload)).ToList();
        Assert.Equal(111, traffic.Count);
        Assert.Equal(Enumerable.Range(1, 100).Concat(Enumerable.Range(10, 11)).Select(i => (long)i), traffic);
        Assert.Equal(11, pump.ReplayedRecords);
        Assert.Equal(2, pump.ResendRequests);

        var results = Results(broker);
        Assert.True(WireJson.TryDeserialize<CommandResultPayload>(results[0], out var ok, out var error), error);
        Assert.Equal("req-1", ok.RequestId);
        Assert.Equal("resend", ok.Name);
        Assert.Equal(CommandOutcome.Ok, ok.Outcome);
        Assert.Equal(101, ok.Seq);
        Assert.Contains("republished 11", ok.Message, StringComparison.Ordinal);
        Assert.True(WireJson.TryDeserialize<CommandResultPayload>(results[1], out var rejected, out error), error);
        Assert.Equal("req-2", rejected.RequestId);
        Assert.Equal(CommandOutcome.Rejected, rejected.Outcome);
        Assert.Equal(102, rejected.Seq);
    }

    private static List<byte[]> Results(InProcessMqttBroker broker) =>
        [.. broker.Received.Where(m => m.Topic == Topics.CommandResult(DeviceId)).Select(m => m.Payload)];

    private static async Task SendResendAsync(int port, string requestId, string from, string to)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("cloud-" + requestId)
            .WithProtocolVersion(MqttProtocolVersion.V500).Build());
        var command = new CommandPayload
        {
            Device = DeviceId,
            Seq = 1,
            Ts = DateTimeOffset.UtcNow,
            IntervalS = 0,
            RequestId = requestId,
            Name = MqttPublisherPump.ResendCommand,
            Args = new Dictionary<string, string> { ["from"] = from, ["to"] = to },
        };
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Command(DeviceId, MqttPublisherPump.ResendCommand))
            .WithPayload(new ReadOnlySequence<byte>(WireJson.Serialize(command)))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await client.DisconnectAsync();
    }

    private static long SeqOf(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.GetProperty("seq").GetInt64();
    }

    private static UplinkOptions Options(int port) => new()
    {
        DeviceId = DeviceId,
        Host = "127.0.0.1",
        Port = port,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(400),
    };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 30 s");
            await Task.Delay(20);
        }
    }
}
