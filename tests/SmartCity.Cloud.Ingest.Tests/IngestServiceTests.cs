using SmartCity.Contracts;
using SmartCity.TestServers;
using Xunit.Abstractions;

namespace SmartCity.Cloud.Ingest.Tests;

public sealed class IngestServiceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stores_every_message_once_and_acknowledges_each_after_its_batch()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(persistentSessions: true);
        await using var harness = new IngestHarness(output);
        await using var ingest = harness.Service(IngestHarness.Options(broker.Port));
        var live = new List<WirePayload>();
        ingest.BatchStored += (_, e) =>
        {
            lock (live)
            {
                live.AddRange(e.Payloads);
            }
        };
        await IngestHarness.StartConnectedAsync(ingest);

        await using var device = await TestDevice.ConnectAsync(broker.Port, "dev-a1");
        const int count = 500;
        for (var seq = 1; seq <= count; seq++)
        {
            Assert.Equal(MQTTnet.MqttClientPublishReasonCode.Success, await device.PublishAsync(Payloads.Traffic("dev-a1", seq)));
        }

        await Eventually.HoldsAsync(() => ingest.GetStats().Acked == count, Timeout, () => $"acked {ingest.GetStats().Acked} of {count}");
        var stats = ingest.GetStats();
        output.WriteLine(stats.ToString());
        Assert.Equal(count, stats.Received);
        Assert.Equal(count, stats.Stored);
        Assert.Equal(0, stats.Duplicates);
        Assert.Equal(0, stats.DeadLettered);
        Assert.InRange(stats.Batches, 1, count);
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), StoreProbe.MessageSeqs(harness.Store)["dev-a1"]);
        var (rows, distinct) = StoreProbe.TrafficRows(harness.Store);
        Assert.Equal(count, rows);
        Assert.Equal(rows, distinct);
        lock (live)
        {
            Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), live.Select(p => p.Seq));
        }

        var audit = ingest.Auditor.Snapshot("dev-a1")!;
        Assert.Equal(count, audit.Watermark);
        Assert.Empty(audit.OpenGaps);
    }

    [Fact]
    public async Task A_store_outage_acknowledges_nothing_and_the_broker_redelivers_after_it()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(persistentSessions: true);
        await using var harness = new IngestHarness(output);
        var (store, outage) = SwitchableStore.Wrap(harness.Store);
        outage.Down = true;
        var options = IngestHarness.Options(broker.Port, "ingest-outage");
        var first = harness.Service(options, store);
        await IngestHarness.StartConnectedAsync(first);

        await using var device = await TestDevice.ConnectAsync(broker.Port, "dev-b1");
        const int count = 300;
        for (var seq = 1; seq <= count; seq++)
        {
            await device.PublishAsync(Payloads.Traffic("dev-b1", seq));
        }

        // The node has every message and keeps failing to store it: nothing may be acknowledged.
        // (The store fails before the node counts the retry: wait for the node's counter, not the store's.)
        await Eventually.HoldsAsync(() => first.GetStats().Received == count && first.GetStats().StoreRetries >= 3, Timeout,
            () => $"received {first.GetStats().Received}, failed writes {outage.FailedWrites}, store retries {first.GetStats().StoreRetries}");
        Assert.Equal(0, first.GetStats().Acked);
        Assert.Equal(0, StoreProbe.Count(harness.Store));

        // The node goes away without acknowledging; the broker keeps the messages in its persistent session.
        await first.DisposeAsync();
        outage.Down = false;
        await using var second = harness.Service(options, store);
        await IngestHarness.StartConnectedAsync(second);
        await Eventually.HoldsAsync(() => StoreProbe.Count(harness.Store) == count, Timeout,
            () => $"stored {StoreProbe.Count(harness.Store)} of {count}");
        await Eventually.HoldsAsync(() => second.GetStats().Acked >= count, Timeout, () => $"acked {second.GetStats().Acked}");

        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), StoreProbe.MessageSeqs(harness.Store)["dev-b1"]);
        var (rows, distinct) = StoreProbe.TrafficRows(harness.Store);
        Assert.Equal(count, rows);
        Assert.Equal(rows, distinct);
        output.WriteLine($"first: {first.GetStats()}");
        output.WriteLine($"second: {second.GetStats()}");
    }

    [Fact]
    public async Task A_store_that_recovers_while_connected_gets_every_message_once()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(persistentSessions: true);
        await using var harness = new IngestHarness(output);
        var (store, outage) = SwitchableStore.Wrap(harness.Store);
        outage.Down = true;
        await using var ingest = harness.Service(IngestHarness.Options(broker.Port), store);
        await IngestHarness.StartConnectedAsync(ingest);
        await using var device = await TestDevice.ConnectAsync(broker.Port, "dev-b2");
        for (var seq = 1; seq <= 100; seq++)
        {
            await device.PublishAsync(Payloads.Traffic("dev-b2", seq));
        }

        await Eventually.HoldsAsync(() => outage.FailedWrites >= 2, Timeout, () => "store never failed");
        Assert.Equal(0, ingest.GetStats().Acked);
        outage.Down = false;
        await Eventually.HoldsAsync(() => ingest.GetStats().Acked == 100, Timeout, () => $"acked {ingest.GetStats().Acked}");
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), StoreProbe.MessageSeqs(harness.Store)["dev-b2"]);
        Assert.Equal(100, ingest.GetStats().Stored);
    }

    [Fact]
    public async Task A_broker_restart_and_a_throwing_event_handler_do_not_stop_ingest()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(persistentSessions: true);
        await using var harness = new IngestHarness(output);
        await using var ingest = harness.Service(IngestHarness.Options(broker.Port));
        ingest.BatchStored += (_, _) => throw new InvalidOperationException("dashboard handler bug (test)");
        await IngestHarness.StartConnectedAsync(ingest);
        await using (var device = await TestDevice.ConnectAsync(broker.Port, "dev-r1"))
        {
            for (var seq = 1; seq <= 50; seq++)
            {
                await device.PublishAsync(Payloads.Traffic("dev-r1", seq));
            }
        }

        await Eventually.HoldsAsync(() => ingest.GetStats().Acked == 50, Timeout, () => ingest.GetStats().ToString());
        await broker.StopAsync();
        await Eventually.HoldsAsync(() => !ingest.GetStats().Connected, Timeout, () => "ingest did not notice the broker stop");
        await broker.StartAgainAsync();
        await Eventually.HoldsAsync(() => ingest.GetStats() is { Connected: true, Reconnects: >= 1 }, Timeout, () => ingest.GetStats().ToString());
        await using (var device = await TestDevice.ConnectAsync(broker.Port, "dev-r1"))
        {
            for (var seq = 51; seq <= 100; seq++)
            {
                await device.PublishAsync(Payloads.Traffic("dev-r1", seq));
            }
        }

        await Eventually.HoldsAsync(() => StoreProbe.Count(harness.Store) == 100, Timeout, () => ingest.GetStats().ToString());
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), StoreProbe.MessageSeqs(harness.Store)["dev-r1"]);
    }

    [Fact]
    public async Task Redelivered_messages_and_a_seq_going_backwards_are_counted_and_stored_once()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(persistentSessions: true);
        await using var harness = new IngestHarness(output);
        await using var ingest = harness.Service(IngestHarness.Options(broker.Port));
        await IngestHarness.StartConnectedAsync(ingest);
        await using var device = await TestDevice.ConnectAsync(broker.Port, "dev-c1");

        long[] order = [.. Enumerable.Range(1, 10).Select(i => (long)i), 20, 15, 16, 17, 18, 19, 11, 12, 13, 14, 5, 6, 20];
        foreach (var seq in order)
        {
            await device.PublishAsync(Payloads.Traffic("dev-c1", seq));
        }

        await Eventually.HoldsAsync(() => ingest.GetStats().Acked == order.Length, Timeout, () => $"acked {ingest.GetStats().Acked}");
        var stats = ingest.GetStats();
        Assert.Equal(20, stats.Stored);
        Assert.Equal(3, stats.Duplicates);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), StoreProbe.MessageSeqs(harness.Store)["dev-c1"]);
        var audit = ingest.Auditor.Snapshot("dev-c1")!;
        Assert.Equal(20, audit.Watermark);
        Assert.Equal(3, audit.Duplicates);
        Assert.Equal(9, audit.Reordered);
        Assert.Empty(audit.OpenGaps);
        Assert.Equal(audit.GapsOpened, audit.GapsClosed);
        Assert.True(audit.GapsOpened >= 1);
    }

    [Fact]
    public async Task Messages_the_store_refuses_for_good_are_dead_lettered_not_retried_and_the_rest_of_their_batch_is_stored()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(persistentSessions: true);
        await using var harness = new IngestHarness(output);
        var (store, refusing) = SwitchableStore.Wrap(harness.Store);
        refusing.Refuse = p => p.Seq is 7 or 42;
        await using var ingest = harness.Service(IngestHarness.Options(broker.Port, "ingest-refused"), store);
        await IngestHarness.StartConnectedAsync(ingest);
        await using var device = await TestDevice.ConnectAsync(broker.Port, "dev-p1");
        const int count = 100;
        for (var seq = 1; seq <= count; seq++)
        {
            await device.PublishAsync(Payloads.Traffic("dev-p1", seq));
        }

        await Eventually.HoldsAsync(() => ingest.GetStats().Acked == count, Timeout, () => $"acked {ingest.GetStats().Acked} of {count}");
        var stats = ingest.GetStats();
        output.WriteLine(stats.ToString());
        output.WriteLine($"refused writes: {refusing.RefusedWrites}");
        Assert.Equal(count - 2, stats.Stored);
        Assert.Equal(2, stats.DeadLettered);
        Assert.Equal(2, stats.DeadLetteredByReason[DeadLetterReason.StoreRejected]);
        Assert.Equal(0, stats.StoreRetries);
        Assert.InRange(refusing.RefusedWrites, 2, 40); // halving, not one write per message
        Assert.Equal(Enumerable.Range(1, count).Where(i => i is not (7 or 42)).Select(i => (long)i), StoreProbe.MessageSeqs(harness.Store)["dev-p1"]);

        var letters = await harness.DeadLetters.ListAsync(10);
        Assert.Equal(2, letters.Count);
        Assert.All(letters, l => Assert.Equal(DeadLetterReason.StoreRejected, l.Reason));
        Assert.All(letters, l => Assert.Equal("dev-p1", l.Device));
        Assert.Equal([7L, 42L], letters.Select(l => WireJson.TryDeserialize(Convert.FromBase64String(l.PayloadBase64), MessageKind.Traffic, out var p, out _) ? p!.Seq : -1).Order());
        Assert.All(letters, l => Assert.Contains("field type conflict", l.Detail, StringComparison.Ordinal));

        // The refused seqs are kept (as dead letters), not lost: no gap, no resend request for them.
        var audit = ingest.Auditor.Snapshot("dev-p1")!;
        Assert.Equal(count, audit.Watermark);
        Assert.Empty(audit.OpenGaps);
    }

    [Fact]
    public async Task Bad_input_is_dead_lettered_with_its_reason_acknowledged_and_loses_no_other_message()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(persistentSessions: true);
        await using var harness = new IngestHarness(output);
        await using var ingest = harness.Service(IngestHarness.Options(broker.Port));
        await IngestHarness.StartConnectedAsync(ingest);
        await using var device = await TestDevice.ConnectAsync(broker.Port, "dev-d1");

        var good = Payloads.Traffic("dev-d1", 1);
        var schema2 = System.Text.Encoding.UTF8.GetString(WireJson.Serialize(good)).Replace("\"schema\":1", "\"schema\":2", StringComparison.Ordinal);
        var oversized = new byte[WireJson.MaxPayloadBytes + 1000];
        oversized.AsSpan().Fill((byte)' ');
        WireJson.Serialize(good).CopyTo(oversized, 0);
        (string Topic, byte[] Payload, DeadLetterReason Reason)[] bad =
        [
            ("smartcity/v1/dev-d1/traffic", "{\"schema\":1,\"device\":"u8.ToArray(), DeadLetterReason.MalformedJson),
            ("smartcity/v1/dev-d1/traffic", System.Text.Encoding.UTF8.GetBytes(schema2), DeadLetterReason.UnsupportedSchema),
            ("smartcity/v1/dev-d1/traffic", oversized, DeadLetterReason.Oversized),
            ("smartcity/v1/dev-d1/traffic", Payloads.TrafficBytes("dev-zz", 2), DeadLetterReason.DeviceMismatch),
            ("smartcity/v1/dev-d1/air", Payloads.TrafficBytes("dev-d1", 3), DeadLetterReason.KindMismatch),
            ("smartcity/v1/dev-d1/traffic", WireJson.Serialize(good with { Seq = 4 }).AsSpan().ToArray() is var b ? Negative(b) : b, DeadLetterReason.InvalidPayload),
            ("smartcity/v1/Not_A_Device/traffic", Payloads.TrafficBytes("dev-d1", 5), DeadLetterReason.InvalidTopic),
        ];
        foreach (var (topic, payload, _) in bad)
        {
            await device.PublishAsync(topic, payload);
        }

        await device.PublishAsync(good);
        var total = bad.Length + 1;
        await Eventually.HoldsAsync(() => ingest.GetStats().Acked == total, Timeout, () => $"acked {ingest.GetStats().Acked} of {total}");

        var stats = ingest.GetStats();
        Assert.Equal(bad.Length, stats.DeadLettered);
        Assert.Equal(1, stats.Stored);
        foreach (var reason in Enum.GetValues<DeadLetterReason>())
        {
            Assert.Equal(bad.Count(x => x.Reason == reason), stats.DeadLetteredByReason[reason]);
        }

        Assert.Equal(bad.Length, harness.DeadLetters.Count);
        var letters = await harness.DeadLetters.ListAsync(100);
        Assert.Equal(bad.Select(x => x.Reason), letters.Select(l => l.Reason));
        for (var i = 0; i < bad.Length; i++)
        {
            output.WriteLine($"{letters[i].Reason}: {letters[i].Detail}");
            Assert.Equal(bad[i].Topic, letters[i].Topic);
            Assert.False(string.IsNullOrWhiteSpace(letters[i].Detail));
            var kept = Convert.FromBase64String(letters[i].PayloadBase64);
            Assert.Equal(bad[i].Payload.Length, letters[i].PayloadBytes);
            Assert.Equal(bad[i].Payload.AsSpan(0, Math.Min(bad[i].Payload.Length, WireJson.MaxPayloadBytes)).ToArray(), kept);
        }

        Assert.Equal("dev-d1", letters[0].Device);
        Assert.Null(letters[^1].Device);
        Assert.True(letters[2].PayloadTruncated);
        Assert.Contains("dev-zz", letters[3].Detail, StringComparison.Ordinal);
        Assert.Equal([1L], StoreProbe.MessageSeqs(harness.Store)["dev-d1"]);
    }

    [Fact]
    public async Task Two_nodes_on_a_broker_without_shared_subscriptions_both_receive_everything_and_the_store_keeps_it_once()
    {
        // MQTTnet's embedded server refuses $share: the nodes fall back to the plain filter (logged), each gets every
        // message, and the (device, seq) dedupe keeps one copy. The split itself is tested against Mosquitto.
        await using var broker = await InProcessMqttBroker.StartAsync(persistentSessions: true);
        await using var harness = new IngestHarness(output);
        var auditor = new SeqAuditor();
        await using var a = harness.Service(IngestHarness.Options(broker.Port, "ingest-node-a"), auditor: auditor);
        await using var b = harness.Service(IngestHarness.Options(broker.Port, "ingest-node-b"), auditor: auditor);
        await IngestHarness.StartConnectedAsync(a);
        await IngestHarness.StartConnectedAsync(b);

        string[] devices = ["dev-e1", "dev-e2"];
        const int perDevice = 200;
        await Task.WhenAll(devices.Select(async id =>
        {
            await using var device = await TestDevice.ConnectAsync(broker.Port, id);
            for (var seq = 1; seq <= perDevice; seq++)
            {
                await device.PublishAsync(Payloads.Traffic(id, seq));
            }
        }));

        var total = devices.Length * perDevice;
        await Eventually.HoldsAsync(() => a.GetStats().Acked == total && b.GetStats().Acked == total, Timeout,
            () => $"acked {a.GetStats().Acked} + {b.GetStats().Acked}, each should be {total}");
        Assert.Equal(total, a.GetStats().Stored + b.GetStats().Stored);
        Assert.Equal(total, a.GetStats().Duplicates + b.GetStats().Duplicates);
        var seqs = StoreProbe.MessageSeqs(harness.Store);
        foreach (var id in devices)
        {
            Assert.Equal(Enumerable.Range(1, perDevice).Select(i => (long)i), seqs[id]);
            var audit = auditor.Snapshot(id)!;
            Assert.Empty(audit.OpenGaps);
            Assert.Equal(perDevice, audit.Stored);
            Assert.Equal(perDevice, audit.Duplicates);
        }
    }

    /// <summary>Turns the first line count negative: valid JSON, valid shape, refused by the validator.</summary>
    private static byte[] Negative(byte[] json) =>
        System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(json).Replace("\"count\":3", "\"count\":-3", StringComparison.Ordinal));
}
