using System.Net;
using System.Net.Sockets;
using SmartCity.Contracts;
using SmartCity.Edge.Agent.Configuration;
using SmartCity.Edge.Uplink.Outbox;
using SmartCity.Edge.Vision.Sources;
using Xunit;

namespace SmartCity.Edge.Agent.Tests.Uplink;

/// <summary>A device whose broker is down keeps counting: the outbox absorbs every summary, nothing blocks.</summary>
public sealed class EdgeDeviceOfflineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("smartcity-device-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task With_the_broker_down_the_pipeline_runs_on_and_the_outbox_keeps_every_summary_in_seq_order()
    {
        var config = new AgentConfiguration
        {
            Device = new DeviceIdentity { Id = "lamp-0042", Site = "test-site" },
            Source = new FrameSourceOptions { Type = FrameSourceTypes.Synthetic, RealTime = false },
            Synthetic = new SyntheticSourceSettings { Scenario = "light" },
            Detector = new DetectorSettings { Model = TestData.DemoModel },
            Uplink = new UplinkSettings
            {
                Host = "127.0.0.1",
                Port = ClosedPort(),
                Username = "lamp-0042",
                OutboxDirectory = _dir,
                HealthPeriod = TimeSpan.FromSeconds(1),
            },
        };
        var device = new EdgeDevice(config, new EdgeDeviceOptions
        {
            SummaryInterval = TimeSpan.FromSeconds(5),
            DrainTimeout = TimeSpan.FromMilliseconds(200),
        });

        using var stop = new CancellationTokenSource();
        var run = device.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        EdgeDeviceCounters c;
        while ((c = device.GetCounters()) is { TrafficIntervals: < 3 } or { HealthMessages: < 2 } or { AirIntervals: < 1 })
        {
            Assert.True(DateTime.UtcNow < deadline, $"no summaries within 90 s: {c}");
            if (run.IsCompleted)
            {
                await run; // surfaces the failure
                Assert.Fail("the device stopped on its own");
            }

            await Task.Delay(100);
        }

        long framesBefore = c.Frames;
        await Task.Delay(500);
        Assert.True(device.GetCounters().Frames > framesBefore, "the pipeline stalled while the broker is down");
        Assert.False(c.Connected);
        Assert.Equal(0, c.AckedSeq);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        var final = device.GetCounters();
        Assert.Equal(0, final.Refused);
        Assert.Equal(final.LastSeq, final.OutboxDepth);
        Assert.Equal(final.TrafficIntervals + final.AirIntervals + final.HealthMessages, final.LastSeq);

        // Everything waits on disk, in seq order, each payload valid and stamped with its record's seq.
        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _dir });
        var records = outbox.ReadFrom(0, maxRecords: 10_000);
        Assert.Equal(Enumerable.Range(1, (int)final.LastSeq).Select(i => (long)i), records.Select(r => r.Seq));
        var kinds = new HashSet<MessageKind>();
        foreach (var record in records)
        {
            Assert.True(Topics.TryParse(record.Topic, out string id, out var kind, out _), record.Topic);
            Assert.True(WireJson.TryDeserialize(record.Payload.Span, kind, out var payload, out string? error), error);
            Assert.True(WireValidator.TryValidate(id, payload, out string? reason), reason);
            Assert.Equal(record.Seq, payload.Seq);
            kinds.Add(kind);
            if (payload is HealthPayload h && h.Cameras is [{ InferenceMsMean: not null } camera])
            {
                Assert.NotNull(camera.InferenceMsP95);
                Assert.True(camera.Fps > 0);
            }

            if (payload is TrafficSummaryPayload t && t.Status != TrafficIntervalStatus.NoData)
            {
                Assert.Equal("lamp-0042-cam", t.Camera);
                Assert.Equal(5, t.IntervalS);
                Assert.NotNull(t.Lines);
            }
        }

        Assert.Superset(new HashSet<MessageKind> { MessageKind.Traffic, MessageKind.Air, MessageKind.Health }, kinds);
        Assert.DoesNotContain(MessageKind.Events, kinds); // not opted in
    }

    [Fact]
    public async Task Crossing_events_are_sent_only_when_the_device_opts_in()
    {
        var config = new AgentConfiguration
        {
            Device = new DeviceIdentity { Id = "lamp-0043", Site = "test-site" },
            // Paced like a camera: unpaced, the scene renders ~100 simulated seconds per second and the drop-oldest
            // channel hands the detector one frame in a hundred or more, too far apart to track anything across a line.
            Source = new FrameSourceOptions { Type = FrameSourceTypes.Synthetic, RealTime = true },
            Synthetic = new SyntheticSourceSettings { Scenario = "road" },
            Detector = new DetectorSettings { Model = TestData.DemoModel },
            Uplink = new UplinkSettings { Host = "127.0.0.1", Port = ClosedPort(), OutboxDirectory = _dir, CrossingEvents = true },
        };
        var device = new EdgeDevice(config, new EdgeDeviceOptions { SummaryInterval = TimeSpan.FromSeconds(5), DrainTimeout = TimeSpan.FromMilliseconds(200) });
        using var stop = new CancellationTokenSource();
        var run = device.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (device.GetCounters() is { EventMessages: < 1 } c)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no crossing events within 90 s: {c}");
            if (run.IsCompleted)
            {
                await run;
                Assert.Fail("the device stopped on its own");
            }

            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        using var outbox = DiskOutbox.Open(new DiskOutboxOptions { Directory = _dir });
        var events = outbox.ReadFrom(0, maxRecords: 10_000).Where(r => r.Topic == Topics.Events("lamp-0043")).ToList();
        Assert.NotEmpty(events);
        int crossings = 0;
        foreach (var record in events)
        {
            Assert.True(WireJson.TryDeserialize(record.Payload.Span, MessageKind.Events, out var payload, out string? error), error);
            Assert.True(WireValidator.TryValidate("lamp-0043", payload, out string? reason), reason);
            var e = Assert.IsType<CrossingEventsPayload>(payload);
            Assert.Equal("lamp-0043-cam", e.Camera);
            Assert.All(e.Crossings, x => Assert.EndsWith("-count", x.Line, StringComparison.Ordinal));
            crossings += e.Crossings.Count;
        }

        Assert.True(crossings > 0);
    }

    [Fact]
    public void A_configuration_without_uplink_cannot_make_a_device()
    {
        var ex = Assert.Throws<AgentConfigurationException>(() => new EdgeDevice(new AgentConfiguration()));
        Assert.Contains("Uplink", ex.Message, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
