using System.Text;
using System.Text.Json;
using SmartCity.Contracts;
using SmartCity.Edge.Uplink.Mqtt;
using SmartCity.Edge.Uplink.Outbox;
using SmartCity.TestServers;
using Xunit.Abstractions;

namespace SmartCity.Edge.Uplink.Tests;

public sealed class MqttPublisherPumpTests(ITestOutputHelper output) : IDisposable
{
    private const string DeviceId = "dev-pump-01";
    private static readonly byte[] Online = Encoding.UTF8.GetBytes("{\"state\":\"online\"}");
    private static readonly byte[] Offline = Encoding.UTF8.GetBytes("{\"state\":\"offline\"}");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Delivers_every_record_once_in_order_and_checkpoints_after_puback()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(record: true);
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _folder.Path });
        const int count = 500;
        for (var i = 1; i <= count; i++)
        {
            outbox.Append(Topics.Traffic(DeviceId), DiskOutboxTests.Payload(i));
        }

        outbox.Flush();
        var pump = new MqttPublisherPump(outbox, Options(broker.Port), Online, Offline);
        using var stop = new CancellationTokenSource();
        var run = pump.RunAsync(stop.Token);
        await WaitUntilAsync(() => outbox.Checkpoint == count, TimeSpan.FromSeconds(30));

        // Records appended while the pump is idle wake it up.
        outbox.AppendDurable(Topics.Air(DeviceId), DiskOutboxTests.Payload(count + 1));
        await WaitUntilAsync(() => outbox.Checkpoint == count + 1, TimeSpan.FromSeconds(30));
        var health = pump.GetHealth();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        var data = broker.Received.Where(m => m.Topic != Topics.Status(DeviceId)).ToList();
        Assert.Equal(Enumerable.Range(1, count + 1).Select(i => (long)i), data.Select(SeqOf));
        Assert.All(data, m => Assert.False(m.Retain));
        Assert.Equal(Topics.Air(DeviceId), data[^1].Topic);

        var status = broker.Received.Where(m => m.Topic == Topics.Status(DeviceId)).ToList();
        Assert.Equal(2, status.Count);
        Assert.All(status, m => Assert.True(m.Retain));
        Assert.Equal(Online, status[0].Payload);
        Assert.Equal(Offline, status[1].Payload);

        Assert.True(health.Connected);
        Assert.Equal(0, health.OutboxDepthRecords);
        Assert.Equal(count + 1, health.LastAckedSeq);
        Assert.Equal(0, health.Reconnects);
        Assert.Equal(0, health.Resent);
        Assert.Equal(0, outbox.GetStats().PendingRecords);
    }

    [Fact]
    public async Task Broker_restart_mid_stream_loses_nothing_and_resumes_from_the_checkpoint()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(record: true);
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _folder.Path });
        var pump = new MqttPublisherPump(outbox, Options(broker.Port), Online, Offline, random: new Random(7));
        using var stop = new CancellationTokenSource();
        var run = pump.RunAsync(stop.Token);

        const int count = 3000;
        var producer = Task.Run(async () =>
        {
            for (var i = 1; i <= count; i++)
            {
                outbox.Append(Topics.Traffic(DeviceId), DiskOutboxTests.Payload(i));
                if (i % 20 == 0)
                {
                    outbox.Flush();
                    await Task.Delay(2);
                }
            }

            outbox.Flush();
        });

        for (var restart = 0; restart < 3; restart++)
        {
            var target = (restart + 1) * 600;
            await WaitUntilAsync(() => DataCount(broker) >= target, TimeSpan.FromSeconds(30));
            await broker.StopAsync();
            await Task.Delay(300); // the device keeps appending offline meanwhile
            await broker.StartAgainAsync();
        }

        await producer;
        await WaitUntilAsync(() => outbox.Checkpoint == count, TimeSpan.FromSeconds(60));
        var health = pump.GetHealth();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        var seqs = broker.Received.Where(m => m.Topic != Topics.Status(DeviceId)).Select(SeqOf).ToList();
        var distinct = seqs.Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), distinct); // nothing lost
        var duplicates = seqs.Count - distinct.Count;
        // Duplicates come only from re-sending unacknowledged records after a reconnect, which the pump counts.
        Assert.True(duplicates <= health.Resent, $"{duplicates} duplicates at the broker, {health.Resent} re-sent");
        // First deliveries arrive in seq order.
        var firstSeen = new HashSet<long>();
        var firstOrder = seqs.Where(firstSeen.Add).ToList();
        Assert.Equal(distinct, firstOrder);
        Assert.True(health.Reconnects >= 3, $"{health.Reconnects} reconnects");
        Assert.Equal(count, health.LastAckedSeq);
        var births = broker.Received.Count(m => m.Topic == Topics.Status(DeviceId) && m.Payload.AsSpan().SequenceEqual(Online));
        Assert.True(births >= 4, $"{births} birth messages");
        output.WriteLine($"{count} records, {seqs.Count} delivered, {duplicates} duplicates, {health.Resent} re-sent, {health.Reconnects} reconnects, {health.PublishFailures} failures");
    }

    [Fact]
    public async Task Pump_reconnects_when_the_broker_comes_up_late()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(record: true);
        await broker.StopAsync();
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _folder.Path });
        outbox.AppendDurable(Topics.Health(DeviceId), DiskOutboxTests.Payload(1));
        var pump = new MqttPublisherPump(outbox, Options(broker.Port), Online, Offline);
        using var stop = new CancellationTokenSource();
        var run = pump.RunAsync(stop.Token);
        await WaitUntilAsync(() => pump.GetHealth().PublishFailures >= 2, TimeSpan.FromSeconds(30));
        Assert.False(pump.GetHealth().Connected);
        Assert.Equal(1, pump.GetHealth().OutboxDepthRecords);

        await broker.StartAgainAsync();
        await WaitUntilAsync(() => outbox.Checkpoint == 1, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(broker.Received, m => m.Topic == Topics.Health(DeviceId));
    }

    private static int DataCount(InProcessMqttBroker broker) => broker.Received.Count(m => m.Topic != Topics.Status(DeviceId));

    private static long SeqOf(ReceivedMessage message)
    {
        using var document = JsonDocument.Parse(message.Payload);
        return document.RootElement.GetProperty("seq").GetInt64();
    }

    private static UplinkOptions Options(int port) => new()
    {
        DeviceId = DeviceId,
        Host = "127.0.0.1",
        Port = port,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(400),
        Timeout = TimeSpan.FromSeconds(5),
    };

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"condition not met within {timeout}");
            }

            await Task.Delay(20);
        }
    }
}
