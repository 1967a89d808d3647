using SmartCity.Contracts;
using SmartCity.Edge.Uplink.Mqtt;
using SmartCity.Edge.Uplink.Outbox;
using SmartCity.TestServers;
using Xunit.Abstractions;

namespace SmartCity.Cloud.Ingest.Tests;

/// <summary>The real thing: Mosquitto killed with SIGKILL under load (it saves nothing, so what it had acknowledged to
/// the device but not yet delivered is gone, and so is the ingest's session), then restarted. The edge outbox, the
/// ingest's seq audit and the resend command together still store every record once.</summary>
public sealed class MosquittoGapFillTests(ITestOutputHelper output)
{
    private const string DeviceId = "dev-kill-01";

    [MosquittoFact]
    public async Task A_broker_killed_under_load_loses_nothing_and_duplicates_nothing_in_the_store()
    {
        var brokerOptions = new MosquittoServerOptions();
        brokerOptions.Devices[DeviceId] = "kill-pw";
        await using var broker = await MosquittoServer.StartAsync(brokerOptions);
        await using var harness = new IngestHarness(output);
        var options = IngestHarness.Options(broker.Port, "ingest-kill");
        options.Username = broker.IngestUser;
        options.Password = broker.IngestPassword;
        options.AllowNonSharedFallback = false;
        options.GapGrace = TimeSpan.FromMilliseconds(500);
        options.ResendMinInterval = TimeSpan.FromSeconds(1);
        await using var ingest = harness.Service(options);
        await IngestHarness.StartConnectedAsync(ingest);

        using var folder = new TempFolder();
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = folder.Path });
        var pump = new MqttPublisherPump(outbox, new UplinkOptions
        {
            DeviceId = DeviceId,
            Host = MosquittoServer.Host,
            Port = broker.Port,
            Username = DeviceId,
            Password = "kill-pw",
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        }, WireJson.Serialize(Status(DeviceState.Online)), WireJson.Serialize(Status(DeviceState.Offline)), new TestLogger<MqttPublisherPump>(output));
        using var stop = new CancellationTokenSource();
        var run = pump.RunAsync(stop.Token);
        const int count = 1500;
        try
        {
            var producer = Task.Run(async () =>
            {
                for (var i = 0; i < count; i++)
                {
                    outbox.Append(Topics.Traffic(DeviceId), 0, static (seq, _, destination) =>
                        Assert.True(WireJson.TrySerialize(Payloads.Traffic(DeviceId, seq), destination, out int _, out string? _)));
                    outbox.Flush();
                    await Task.Delay(3);
                }
            });

            for (var kill = 1; kill <= 2; kill++)
            {
                await Eventually.HoldsAsync(() => outbox.Checkpoint >= kill * count / 3, TimeSpan.FromSeconds(60), () => $"checkpoint {outbox.Checkpoint}");
                broker.Kill();
                output.WriteLine($"kill {kill}: device checkpoint {outbox.Checkpoint}, stored {StoreProbe.Count(harness.Store)}");
                await Task.Delay(200);
                await broker.RestartAsync();
            }

            await producer;
            await Eventually.HoldsAsync(() =>
            {
                var stored = DeviceSeqs(harness);
                var last = outbox.DurableSeq;
                return outbox.Checkpoint == last && stored.Count == last && stored[^1] == last;
            }, TimeSpan.FromSeconds(120), () =>
            {
                var stored = DeviceSeqs(harness);
                var missing = Enumerable.Range(1, (int)outbox.DurableSeq).Select(i => (long)i).Except(stored).Take(20);
                return $"stored {stored.Count} of {outbox.DurableSeq}, checkpoint {outbox.Checkpoint}; missing {string.Join(',', missing)}; {ingest.GetStats()}";
            });
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        var stats = ingest.GetStats();
        output.WriteLine($"after 2 kills: {stats}; pump resend requests {pump.ResendRequests}, replayed {pump.ReplayedRecords}, device resent {pump.GetHealth().Resent}");
        Assert.Equal(Enumerable.Range(1, (int)outbox.DurableSeq).Select(i => (long)i), DeviceSeqs(harness));
        var (rows, distinct) = StoreProbe.TrafficRows(harness.Store);
        Assert.Equal(count, rows);
        Assert.Equal(rows, distinct);
        Assert.Empty(ingest.Auditor.Snapshot(DeviceId)!.OpenGaps);
        Assert.True(stats.Reconnects >= 2);
    }

    private static List<long> DeviceSeqs(IngestHarness harness) =>
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
