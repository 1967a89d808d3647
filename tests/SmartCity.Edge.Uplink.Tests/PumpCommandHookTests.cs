using System.Buffers;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartCity.Contracts;
using SmartCity.Edge.Uplink.Mqtt;
using SmartCity.Edge.Uplink.Outbox;
using SmartCity.TestServers;

namespace SmartCity.Edge.Uplink.Tests;

/// <summary>The general command hook: named commands reach the handler once (a repeated request id is not run again),
/// commands of other names and devices do not, and each answer goes out on <c>cmd-result</c> with an outbox seq.</summary>
public sealed class PumpCommandHookTests : IDisposable
{
    private const string DeviceId = "dev-cmd-01";
    private static readonly byte[] Online = Encoding.UTF8.GetBytes("{\"state\":\"online\"}");
    private static readonly byte[] Offline = Encoding.UTF8.GetBytes("{\"state\":\"offline\"}");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Named_commands_reach_the_handler_once_and_answers_go_out_with_outbox_seqs()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(record: true);
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _folder.Path });
        for (var i = 1; i <= 3; i++)
        {
            outbox.Append(Topics.Traffic(DeviceId), DiskOutboxTests.Payload(i));
        }

        outbox.Flush();
        var pump = new MqttPublisherPump(outbox, new UplinkOptions { DeviceId = DeviceId, Host = "127.0.0.1", Port = broker.Port }, Online, Offline);
        var handled = new List<string>();
        pump.SetCommandHandler(["model", "rollback"], (command, ct) =>
        {
            lock (handled)
            {
                handled.Add(command.RequestId);
            }

            return ValueTask.FromResult(new CommandResultPayload
            {
                Device = DeviceId, Seq = 0, Ts = DateTimeOffset.UtcNow, IntervalS = 0,
                RequestId = command.RequestId, Name = command.Name,
                Outcome = command.Args?.ContainsKey("url") == true ? CommandOutcome.Ok : CommandOutcome.Rejected,
                Message = "handled " + command.Name,
            });
        });
        Assert.Throws<ArgumentException>(() => pump.SetCommandHandler(["resend"], (c, ct) => throw new InvalidOperationException()));

        using var stop = new CancellationTokenSource();
        var run = pump.RunAsync(stop.Token);
        try
        {
            await WaitUntilAsync(() => outbox.Checkpoint == 3);
            await SendAsync(broker.Port, DeviceId, "model", "req-1", new Dictionary<string, string> { ["url"] = "http://127.0.0.1/b.scb" });
            await SendAsync(broker.Port, DeviceId, "model", "req-1", new Dictionary<string, string> { ["url"] = "http://127.0.0.1/b.scb" }); // QoS 1 repeat
            await SendAsync(broker.Port, DeviceId, "snapshot", "req-2", null); // not a handled name
            await SendAsync(broker.Port, "dev-other-02", "model", "req-3", null); // another device
            await SendAsync(broker.Port, DeviceId, "rollback", "req-4", new Dictionary<string, string> { ["kind"] = "model" });
            await WaitUntilAsync(() => Results(broker).Count == 2);
            await Task.Delay(300); // a third answer (the repeat) would have arrived by now
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(["req-1", "req-4"], handled);
        var results = Results(broker).Select(p => WireJson.TryDeserialize<CommandResultPayload>(p, out var r, out _) ? r : null).ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal(("req-1", "model", CommandOutcome.Ok, 4L), (results[0]!.RequestId, results[0]!.Name, results[0]!.Outcome, results[0]!.Seq));
        Assert.Equal(("req-4", "rollback", CommandOutcome.Rejected, 5L), (results[1]!.RequestId, results[1]!.Name, results[1]!.Outcome, results[1]!.Seq));
        Assert.Equal(3, pump.CommandsReceived);
        Assert.Equal(2, pump.CommandsAnswered);
        Assert.Equal(0, pump.ResendRequests);
    }

    private static List<byte[]> Results(InProcessMqttBroker broker) =>
        [.. broker.Received.Where(m => m.Topic == Topics.CommandResult(DeviceId)).Select(m => m.Payload)];

    private static async Task SendAsync(int port, string device, string name, string requestId, Dictionary<string, string>? args)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("cloud-" + Guid.NewGuid().ToString("N"))
            .WithProtocolVersion(MqttProtocolVersion.V500).Build());
        var command = new CommandPayload
        {
            Device = device, Seq = 1, Ts = DateTimeOffset.UtcNow, IntervalS = 0, RequestId = requestId, Name = name, Args = args,
        };
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Command(device, name))
            .WithPayload(new ReadOnlySequence<byte>(WireJson.Serialize(command)))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await client.DisconnectAsync();
    }

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
