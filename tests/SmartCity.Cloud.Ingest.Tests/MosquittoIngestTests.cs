using SmartCity.Contracts;
using SmartCity.TestServers;
using Xunit.Abstractions;

namespace SmartCity.Cloud.Ingest.Tests;

/// <summary>Ingest against Debian's Mosquitto with per-device passwords and the contract's ACL.</summary>
public sealed class MosquittoIngestTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [MosquittoFact]
    public async Task Two_nodes_on_the_shared_subscription_split_the_load_and_store_every_message_once()
    {
        string[] devices = ["dev-m1", "dev-m2", "dev-m3", "dev-m4"];
        var brokerOptions = new MosquittoServerOptions();
        foreach (var id in devices)
        {
            brokerOptions.Devices[id] = id + "-pw";
        }

        await using var broker = await MosquittoServer.StartAsync(brokerOptions);
        await using var harness = new IngestHarness(output);
        var auditor = new SeqAuditor();
        await using var a = harness.Service(Authenticated(broker, "ingest-m-a"), auditor: auditor);
        await using var b = harness.Service(Authenticated(broker, "ingest-m-b"), auditor: auditor);
        await IngestHarness.StartConnectedAsync(a);
        await IngestHarness.StartConnectedAsync(b);

        const int perDevice = 300;
        await Task.WhenAll(devices.Select(async id =>
        {
            await using var device = await TestDevice.ConnectAsync(broker.Port, id, id, id + "-pw");
            for (var seq = 1; seq <= perDevice; seq++)
            {
                Assert.Equal(MQTTnet.MqttClientPublishReasonCode.Success, await device.PublishAsync(Payloads.Traffic(id, seq)));
            }
        }));

        var total = devices.Length * perDevice;
        await Eventually.HoldsAsync(() => StoreProbe.Count(harness.Store) == total, Timeout,
            () => $"stored {StoreProbe.Count(harness.Store)} of {total}; a {a.GetStats()}; b {b.GetStats()}\n{broker.RecentLog}");
        await Eventually.HoldsAsync(() => a.GetStats().Acked + b.GetStats().Acked == total, Timeout,
            () => $"acked {a.GetStats().Acked} + {b.GetStats().Acked} of {total}");
        output.WriteLine($"node a: {a.GetStats()}");
        output.WriteLine($"node b: {b.GetStats()}");
        Assert.InRange(a.GetStats().Received, 1, total - 1);
        Assert.InRange(b.GetStats().Received, 1, total - 1);
        Assert.Equal(total, a.GetStats().Stored + b.GetStats().Stored);
        var seqs = StoreProbe.MessageSeqs(harness.Store);
        foreach (var id in devices)
        {
            Assert.Equal(Enumerable.Range(1, perDevice).Select(i => (long)i), seqs[id]);
            Assert.Empty(auditor.Snapshot(id)!.OpenGaps);
        }
    }

    [MosquittoFact]
    public async Task A_device_publishing_as_another_never_reaches_the_store()
    {
        var brokerOptions = new MosquittoServerOptions();
        brokerOptions.Devices["dev-ma"] = "a-pw";
        brokerOptions.Devices["dev-mb"] = "b-pw";
        await using var broker = await MosquittoServer.StartAsync(brokerOptions);
        await using var harness = new IngestHarness(output);
        await using var ingest = harness.Service(Authenticated(broker, "ingest-m-acl"));
        await IngestHarness.StartConnectedAsync(ingest);

        // On B's topic: the broker's ACL refuses it (a PUBACK "not authorized", or Mosquitto drops the connection).
        await using (var first = await TestDevice.ConnectAsync(broker.Port, "dev-ma", "dev-ma", "a-pw"))
        {
            try
            {
                var refused = await first.PublishAsync(Payloads.Traffic("dev-mb", 1));
                output.WriteLine($"publish on dev-mb's topic: {refused}");
                Assert.NotEqual(MQTTnet.MqttClientPublishReasonCode.Success, refused);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException ex)
            {
                output.WriteLine($"publish on dev-mb's topic: connection dropped ({ex.Message})");
            }
        }

        await using var attacker = await TestDevice.ConnectAsync(broker.Port, "dev-ma", "dev-ma", "a-pw");
        // On its own topic but claiming to be B: the broker lets it through, ingest dead-letters it.
        await attacker.PublishAsync(Topics.Traffic("dev-ma"), Payloads.TrafficBytes("dev-mb", 2));
        // Its own valid message: when this is stored, the two before it were handled.
        await attacker.PublishAsync(Payloads.Traffic("dev-ma", 1));

        await Eventually.HoldsAsync(() => StoreProbe.MessageSeqs(harness.Store).ContainsKey("dev-ma") && ingest.GetStats().DeadLettered == 1,
            Timeout, () => $"{ingest.GetStats()}\n{broker.RecentLog}");
        var seqs = StoreProbe.MessageSeqs(harness.Store);
        Assert.False(seqs.ContainsKey("dev-mb"));
        Assert.Equal([1L], seqs["dev-ma"]);
        var letter = Assert.Single(await harness.DeadLetters.ListAsync(10));
        Assert.Equal(DeadLetterReason.DeviceMismatch, letter.Reason);
        Assert.Equal("dev-ma", letter.Device);
        Assert.Equal(1, ingest.GetStats().DeadLetteredByReason[DeadLetterReason.DeviceMismatch]);
    }

    private static IngestOptions Authenticated(MosquittoServer broker, string clientId)
    {
        var options = IngestHarness.Options(broker.Port, clientId);
        options.Username = broker.IngestUser;
        options.Password = broker.IngestPassword;
        options.AllowNonSharedFallback = false;
        return options;
    }
}
