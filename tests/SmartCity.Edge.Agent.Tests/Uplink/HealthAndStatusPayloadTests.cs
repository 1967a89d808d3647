using SmartCity.Contracts;
using SmartCity.Edge.Agent.Uplink;
using SmartCity.Edge.Analytics;
using SmartCity.Edge.Vision.Frames;
using Xunit;

namespace SmartCity.Edge.Agent.Tests.Uplink;

public sealed class HealthAndStatusPayloadTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 15, 0, TimeSpan.Zero);
    private const string Sha = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

    private static DeviceDescription Description() =>
        DeviceDescription.Create("0.4.0", "raspios-2025-05", "demo-traffic", "3", Sha);

    [Fact]
    public void The_description_carries_firmware_model_name_version_and_sha256_within_the_name_limit()
    {
        var d = Description();
        Assert.Equal("0.4.0 (firmware raspios-2025-05)", d.AgentVersion);
        Assert.Equal("demo-traffic@3 sha256:" + Sha.ToLowerInvariant(), d.ModelVersion);

        var noFirmware = DeviceDescription.Create("0.4.0", null, "demo-traffic", null, null);
        Assert.Equal(("0.4.0", "demo-traffic"), (noFirmware.AgentVersion, noFirmware.ModelVersion));
        Assert.Null(DeviceDescription.Create("0.4.0", null, null, null, null).ModelVersion);
        Assert.True(DeviceDescription.Create("0.4.0", new string('f', 200), new string('m', 200), "1", Sha).AgentVersion.Length <= WireValidator.MaxNameLength);
    }

    [Fact]
    public void Birth_and_will_are_online_and_offline_with_the_same_birth_time_and_pass_the_validator()
    {
        var birthTs = Now.AddMinutes(-5);
        var online = StatusPayloads.Create("lamp-0042", 17, DeviceState.Online, Description(), birthTs, Now);
        var offline = StatusPayloads.Create("lamp-0042", 17, DeviceState.Offline, Description(), birthTs, Now);

        foreach (var p in new[] { online, offline })
        {
            Assert.True(WireValidator.TryValidate("lamp-0042", p, out string? reason), reason);
            Assert.Equal(0, p.IntervalS);
            Assert.Equal(birthTs, p.BirthTs);
            Assert.Equal(Description().ModelVersion, p.ModelVersion);
        }

        Assert.Equal(DeviceState.Online, online.State);
        Assert.Equal(DeviceState.Offline, offline.State);
        Assert.Contains("\"state\":\"offline\"", System.Text.Encoding.UTF8.GetString(WireOutboxWriter.Serialize(offline)), StringComparison.Ordinal);
        // A fresh outbox has handed out no seq yet: the status still carries a valid one.
        Assert.Equal(0, StatusPayloads.Create("lamp-0042", -1, DeviceState.Online, Description(), birthTs, Now).Seq);
    }

    [Fact]
    public void Health_reports_fps_inference_drops_outbox_and_cpu_temperature()
    {
        var sample = new HealthSample(Now, TimeSpan.FromSeconds(60), "north-arm", Frames: 597, InferenceMsMean: 38.54, InferenceMsP95: null,
            FramesDropped: 2, OutboxDepth: 14, OutboxDropped: 0, CpuTemperatureC: 61.53, Uptime: TimeSpan.FromSeconds(8097.6));

        var payload = HealthPayloadMapper.Map(sample, Description(), "lamp-0042", 99);

        Assert.True(WireValidator.TryValidate("lamp-0042", payload, out string? reason), reason);
        Assert.Equal((60, 99L, Now), (payload.IntervalS, payload.Seq, payload.Ts));
        var camera = Assert.Single(payload.Cameras);
        Assert.Equal(("north-arm", 9.95, 38.54, 2L), (camera.Camera, camera.Fps, camera.InferenceMsMean!.Value, camera.FramesDropped));
        Assert.Null(camera.InferenceMsP95);
        Assert.Equal((14L, 0L, 61.5, 8097L), (payload.OutboxDepth, payload.OutboxDropped, payload.CpuTemperatureC!.Value, payload.UptimeS));
        Assert.Equal("0.4.0 (firmware raspios-2025-05)", payload.AgentVersion);
    }

    [Fact]
    public void Health_of_an_idle_detector_and_a_board_without_thermal_zone_has_absent_values()
    {
        var sample = new HealthSample(Now, TimeSpan.FromSeconds(10), "cam", 0, null, null, 0, 0, 0, null, TimeSpan.FromSeconds(3));
        var payload = HealthPayloadMapper.Map(sample, Description(), "lamp-0042", 1);
        Assert.True(WireValidator.TryValidate("lamp-0042", payload, out string? reason), reason);
        Assert.Equal(0, payload.Cameras[0].Fps);
        Assert.Null(payload.Cameras[0].InferenceMsMean);
        Assert.Null(payload.CpuTemperatureC);
    }

    [Fact]
    public void Crossing_events_map_per_object_without_images_and_pass_the_validator()
    {
        CrossingEvent[] crossings =
        [
            new(Now.AddSeconds(-41.2), 5512, "north-stop", CrossingDirection.In, TrafficClass.Car, 33.44f),
            new(Now.AddSeconds(-7.9), 5520, "north-stop", CrossingDirection.Out, TrafficClass.Bicycle, float.NaN),
        ];

        var payload = CrossingEventsMapper.Map(crossings, "north-arm", Now.AddSeconds(-60), Now, "lamp-0042", 12);

        Assert.True(WireValidator.TryValidate("lamp-0042", payload, out string? reason), reason);
        Assert.Equal(60, payload.IntervalS);
        Assert.Equal((5512, "north-stop", LineDirection.In, "car", 33.4), (payload.Crossings[0].TrackId, payload.Crossings[0].Line, payload.Crossings[0].Direction, payload.Crossings[0].Class, payload.Crossings[0].SpeedKmh!.Value));
        Assert.Null(payload.Crossings[1].SpeedKmh);
        Assert.Equal("bicycle", payload.Crossings[1].Class);
    }
}
