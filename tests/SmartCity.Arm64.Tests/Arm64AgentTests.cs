using System.Globalization;
using SmartCity.TestServers;
using Xunit;
using Xunit.Abstractions;

namespace SmartCity.Arm64.Tests;

/// <summary>
/// The documented edge build (<c>dotnet publish -r linux-arm64 --self-contained</c>) builds, yields an ELF aarch64
/// apphost, and the parts of the agent that need no ONNX Runtime run under qemu-aarch64-static: <c>--help</c>,
/// <c>validate</c> (schema and hardware rules), and <c>doctor</c> without a model — simulated BME280/SDS011/SCD4x
/// sensors, the synthetic camera, the broker probe against a real Mosquitto on loopback, the outbox disk check.
/// ONNX Runtime's native library segfaults under plain qemu-user (it parses the host's x86 /proc/cpuinfo); with an arm64
/// /proc/cpuinfo bound over it in a private mount namespace the model self-test runs too.
/// </summary>
[Trait("Category", "Arm64")]
[Collection(Arm64Collection.Name)]
public sealed class Arm64AgentTests(Arm64PublishFixture publish, ITestOutputHelper output)
{
    [Fact]
    public void Publish_yields_a_self_contained_elf_aarch64_apphost()
    {
        PublishResult result = publish.Result;
        output.WriteLine($"dotnet publish -r linux-arm64 --self-contained: {result.Elapsed.TotalSeconds:F0} s");

        byte[] header = new byte[20];
        using (var file = File.OpenRead(result.Binary))
        {
            file.ReadExactly(header);
        }

        Assert.Equal("\u007FELF"u8.ToArray(), header[..4]);
        Assert.Equal(2, header[4]); // ELFCLASS64
        Assert.Equal(1, header[5]); // little-endian
        Assert.Equal(0xB7, header[18] | (header[19] << 8)); // e_machine EM_AARCH64
        // Self-contained: the runtime travels with the app, and its native parts are arm64 too.
        string runtime = Path.Combine(result.Folder, "libcoreclr.so");
        Assert.True(File.Exists(runtime), "libcoreclr.so is missing: not self-contained");
        Assert.Equal(0xB7, Machine(runtime));
    }

    [QemuFact]
    public void Help_runs_under_qemu()
    {
        ProcessResult run = Qemu.Run(publish.Result.Binary, publish.Root, Qemu.Timeout, "--help");
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("doctor", run.Output, StringComparison.Ordinal);
        Assert.Contains("validate", run.Output, StringComparison.Ordinal);
    }

    [QemuFact]
    public void Validate_accepts_the_demo_configs_and_refuses_a_hardware_conflict_under_qemu()
    {
        string root = Arm64PublishFixture.RepositoryRoot;
        ProcessResult good = Qemu.Run(publish.Result.Binary, root, Qemu.Timeout, "validate",
            Path.Combine(root, "firmware-configs", "devices", "demo-intersection.json"),
            Path.Combine(root, "firmware-configs", "devices", "demo-uplink.json"));
        output.WriteLine(good.Output);
        Assert.True(good.ExitCode == 0, good.Output);
        Assert.Contains("valid", good.Output, StringComparison.Ordinal);

        // Two sensors on one I2C address: the hardware rules must refuse it, with exit code 1.
        string bad = Path.Combine(publish.Root, "two-on-0x76.json");
        Directory.CreateDirectory(publish.Root);
        File.WriteAllText(bad, DeviceConfig(sensors: """
            { "type": "bme280", "name": "a", "bus": 1, "address": 118, "interval": "00:00:05", "simulated": true },
            { "type": "bmp280", "name": "b", "bus": 1, "address": 118, "interval": "00:00:05", "simulated": true }
            """, uplink: ""));
        ProcessResult refused = Qemu.Run(publish.Result.Binary, root, Qemu.Timeout, "validate", bad);
        output.WriteLine(refused.Output);
        Assert.True(refused.ExitCode == 1, refused.Output);
        Assert.Contains("0x76", refused.Output, StringComparison.OrdinalIgnoreCase);
    }

    [QemuFact]
    public async Task Doctor_without_a_model_passes_sensors_camera_broker_and_outbox_under_qemu()
    {
        const string device = "arm64-smoke-01";
        var options = new MosquittoServerOptions();
        options.Devices[device] = "arm64-secret";
        await using MosquittoServer broker = await MosquittoServer.StartAsync(options);

        Directory.CreateDirectory(publish.Root);
        string config = Path.Combine(publish.Root, "doctor.json");
        string outbox = Path.Combine(publish.Root, "outbox").Replace("\\", "/", StringComparison.Ordinal);
        File.WriteAllText(config, DeviceConfig(
            sensors: """
                { "type": "bme280", "name": "climate", "bus": 1, "address": 118, "interval": "00:00:05", "simulated": true },
                { "type": "sds011", "name": "pm", "port": "/dev/ttyUSB0", "interval": "00:00:05", "simulated": true },
                { "type": "scd4x", "name": "co2", "bus": 1, "address": 98, "interval": "00:00:05", "simulated": true }
                """,
            uplink: string.Create(CultureInfo.InvariantCulture, $$"""
                , "uplink": { "host": "{{MosquittoServer.Host}}", "port": {{broker.Port}}, "tls": false, "username": "{{device}}", "password": "arm64-secret", "outboxDirectory": "{{outbox}}" }
                """)));

        ProcessResult run = Qemu.Run(publish.Result.Binary, publish.Root, Qemu.Timeout, "doctor", "--config", config, "--skip", "model", "clock", "--timeout", "150");
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.Output + "\nbroker log:\n" + broker.RecentLog);
        foreach (string check in new[] { "sensor climate", "sensor pm", "sensor co2", "camera", "broker", "outbox" })
        {
            Assert.Matches($@"PASS\s+{check}\b", run.Output);
        }

        Assert.Contains("0 failed", run.Output, StringComparison.Ordinal);
    }

    [QemuFact]
    public void Model_self_test_runs_under_qemu_when_proc_cpuinfo_describes_an_arm64_cpu()
    {
        // ONNX Runtime's cpuinfo parses /proc/cpuinfo; qemu-user (7.2) passes the host's x86 one through, and ORT
        // segfaults on it. Qemu.RunAs binds an arm64 one over it, and the detector loads and runs its self-test.
        Directory.CreateDirectory(publish.Root);
        string config = Path.Combine(publish.Root, "model.json");
        string model = Path.Combine(Arm64PublishFixture.RepositoryRoot, "models", "demo-traffic").Replace("\\", "/", StringComparison.Ordinal);
        File.WriteAllText(config, DeviceConfig(sensors: "", uplink: "").Replace("models/not-used-under-qemu", model, StringComparison.Ordinal));

        ProcessResult run = Qemu.RunAs(
            ArmCpu.CortexA72, publish.Result.Binary, publish.Root, Qemu.Timeout,
            "doctor", "--config", config, "--skip", "sensors", "camera", "broker", "clock", "outbox", "--timeout", "200");
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode} (unshare -m needs root or CAP_SYS_ADMIN):\n{run.Output}");
        Assert.Matches(@"PASS\s+model\s.*loaded and ran", run.Output);
    }

    private static string DeviceConfig(string sensors, string uplink) => $$"""
        {
          "device": { "id": "arm64-smoke-01", "site": "qemu" },
          "source": { "type": "synthetic", "realTime": false },
          "synthetic": { "scenario": "light" },
          "detector": { "model": "models/not-used-under-qemu" },
          "sensors": { "summaryInterval": "00:01:00", "items": [ {{sensors}} ] }
          {{uplink}}
        }
        """;

    private static int Machine(string elf)
    {
        byte[] header = new byte[20];
        using var file = File.OpenRead(elf);
        file.ReadExactly(header);
        return header[18] | (header[19] << 8);
    }
}
