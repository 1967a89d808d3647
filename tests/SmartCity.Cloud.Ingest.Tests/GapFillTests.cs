using SmartCity.Contracts;
using SmartCity.Edge.Uplink.Mqtt;
using SmartCity.Edge.Uplink.Outbox;
using SmartCity.TestServers;
using Xunit.Abstractions;

namespace SmartCity.Cloud.Ingest.Tests;

/// <summary>End to end: a real edge outbox and publisher pump, a broker that acknowledges some publishes and then
/// loses them (what a broker killed before persisting does), and the ingest node that notices the holes and asks the
/// device to resend them.</summary>
public sealed class GapFillTests(ITestOutputHelper output)
{
    private const string DeviceId = "dev-gap-01";

    [Fact]
    public async Task Holes_left_by_a_lossy_broker_are_filled_by_resend_requests_with_nothing_lost_or_duplicated()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(persistentSessions: true);
        long trafficPublishes = 0;
        // Every 50th traffic publish of the device is acknowledged to it and then dropped, resends included.
        broker.DropPublish = (clientId, topic) => clientId == DeviceId && topic.EndsWith("/traffic", StringComparison.Ordinal)
            && Interlocked.Increment(ref trafficPublishes) % 50 == 0;

        await using var harness = new IngestHarness(output);
        var options = IngestHarness.Options(broker.Port);
        options.GapGrace = TimeSpan.FromMilliseconds(300);
        options.ResendMinInterval = TimeSpan.FromMilliseconds(800);
        await using var ingest = harness.Service(options);
        await IngestHarness.StartConnectedAsync(ingest);

        using var folder = new TempFolder();
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = folder.Path });
        const int count = 600;
        for (var i = 0; i < count; i++)
        {
            outbox.Append(Topics.Traffic(DeviceId), 0, static (seq, _, destination) =>
                Assert.True(WireJson.TrySerialize(Payloads.Traffic(DeviceId, seq), destination, out int _, out string? _)));
        }

        outbox.Flush();
        var birth = WireJson.Serialize(Status(DeviceState.Online));
        var will = WireJson.Serialize(Status(DeviceState.Offline));
        var pump = new MqttPublisherPump(outbox, new UplinkOptions
        {
            DeviceId = DeviceId,
            Host = "127.0.0.1",
            Port = broker.Port,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        }, birth, will, new TestLogger<MqttPublisherPump>(output));
        using var stop = new CancellationTokenSource();
        var run = pump.RunAsync(stop.Token);
        try
        {
            // Done when the store holds every seq the outbox handed out (traffic and the pump's cmd-results) and the
            // outbox has nothing pending.
            await Eventually.HoldsAsync(() =>
            {
                var stored = OutboxSeqs(harness);
                var last = outbox.DurableSeq;
                return last >= count && outbox.Checkpoint == last && stored.Count == last && stored[^1] == last;
            }, TimeSpan.FromSeconds(120), () =>
            {
                var stored = OutboxSeqs(harness);
                var missing = Enumerable.Range(1, (int)outbox.DurableSeq).Select(i => (long)i).Except(stored).Take(20);
                return $"stored {stored.Count} of {outbox.DurableSeq}; missing {string.Join(',', missing)}; dropped {broker.Dropped}; {ingest.GetStats()}";
            });
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        var stats = ingest.GetStats();
        output.WriteLine($"dropped by broker {broker.Dropped}; resend requests {stats.ResendRequests}; replayed {pump.ReplayedRecords}; {stats}");
        Assert.True(broker.Dropped >= count / 50, $"the broker dropped only {broker.Dropped}");
        Assert.True(stats.ResendRequests >= 1);
        Assert.True(pump.ReplayedRecords >= broker.Dropped);
        var seqs = OutboxSeqs(harness);
        Assert.Equal(Enumerable.Range(1, (int)outbox.DurableSeq).Select(i => (long)i), seqs);
        var (rows, distinct) = StoreProbe.TrafficRows(harness.Store);
        Assert.Equal(count, rows);
        Assert.Equal(rows, distinct);
        var audit = ingest.Auditor.Snapshot(DeviceId)!;
        Assert.Empty(audit.OpenGaps);
        Assert.Equal(outbox.DurableSeq, audit.Watermark);
        // Every gap was closed by a record that came late. Not ">= broker.Dropped": a resend is a publish too, so the
        // broker can drop a resend and the seq comes back on the next one (one seq, two drops; seen in a full run).
        Assert.True(audit.GapsClosed >= 1);
        Assert.True(audit.Reordered >= audit.GapsClosed, $"reordered {audit.Reordered}, gaps closed {audit.GapsClosed}");
    }

    [Fact]
    public async Task A_lost_tail_that_no_later_seq_reveals_is_recovered_by_a_tail_probe()
    {
        await using var broker = await InProcessMqttBroker.StartAsync(persistentSessions: true);
        const int count = 200;
        long trafficPublishes = 0;
        // The last 5 publishes of the first pass are acknowledged to the device and then lost; no later seq follows.
        broker.DropPublish = (clientId, topic) => clientId == DeviceId && topic.EndsWith("/traffic", StringComparison.Ordinal)
            && Interlocked.Increment(ref trafficPublishes) is > count - 5 and <= count;

        await using var harness = new IngestHarness(output);
        var options = IngestHarness.Options(broker.Port);
        options.GapGrace = TimeSpan.FromMilliseconds(300);
        options.ResendMinInterval = TimeSpan.FromMilliseconds(300);
        options.TailProbeAfter = TimeSpan.FromSeconds(1);
        await using var ingest = harness.Service(options);
        await IngestHarness.StartConnectedAsync(ingest);

        using var folder = new TempFolder();
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = folder.Path });
        for (var i = 0; i < count; i++)
        {
            outbox.Append(Topics.Traffic(DeviceId), 0, static (seq, _, destination) =>
                Assert.True(WireJson.TrySerialize(Payloads.Traffic(DeviceId, seq), destination, out int _, out string? _)));
        }

        outbox.Flush();
        var pump = new MqttPublisherPump(outbox, new UplinkOptions
        {
            DeviceId = DeviceId,
            Host = "127.0.0.1",
            Port = broker.Port,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        }, WireJson.Serialize(Status(DeviceState.Online)), WireJson.Serialize(Status(DeviceState.Offline)), new TestLogger<MqttPublisherPump>(output));
        using var stop = new CancellationTokenSource();
        var run = pump.RunAsync(stop.Token);
        try
        {
            // The probe's answer (a cmd-result) takes seq count + 1 and is stored once the tail is back.
            await Eventually.HoldsAsync(() =>
            {
                var stored = OutboxSeqs(harness);
                var last = outbox.DurableSeq;
                return last > count && outbox.Checkpoint == last && stored.Count == last && stored[^1] == last;
            }, TimeSpan.FromSeconds(60), () =>
            {
                var stored = OutboxSeqs(harness);
                var missing = Enumerable.Range(1, (int)outbox.DurableSeq).Select(i => (long)i).Except(stored).Take(20);
                return $"stored {stored.Count} of {outbox.DurableSeq}; missing {string.Join(',', missing)}; dropped {broker.Dropped}; {ingest.GetStats()}";
            });
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(5, broker.Dropped);
        Assert.True(pump.ReplayedRecords >= 5, $"replayed {pump.ReplayedRecords}");
        Assert.Equal(Enumerable.Range(1, (int)outbox.DurableSeq).Select(i => (long)i), OutboxSeqs(harness));
        var (rows, distinct) = StoreProbe.TrafficRows(harness.Store);
        Assert.Equal(count, rows);
        Assert.Equal(rows, distinct);
        var audit = ingest.Auditor.Snapshot(DeviceId)!;
        Assert.Empty(audit.OpenGaps);
        Assert.Equal(outbox.DurableSeq, audit.Watermark);
    }

    /// <summary>Stored seqs of the device from its outbox (seq ≥ 1); the retained status travels outside the outbox with seq 0.</summary>
    private static List<long> OutboxSeqs(IngestHarness harness) =>
        [.. (StoreProbe.MessageSeqs(harness.Store).GetValueOrDefault(DeviceId) ?? []).Where(s => s > 0)];

    private static StatusPayload Status(DeviceState state) => new()
    {
        Device = DeviceId,
        Seq = 0,
        Ts = Payloads.Start,
        IntervalS = 0,
        State = state,
        AgentVersion = "test",
        BirthTs = Payloads.Start,
    };
}
