using Xunit;
using System.Diagnostics;
using SmartCity.Edge.Agent.Commands;

namespace SmartCity.Edge.Agent.Tests.Field;

/// <summary>doctor on a simulated device: real sensor drivers over simulated buses, the synthetic camera, the demo model.</summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly FieldTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string SimulatedSensors = """
        [
          { "type": "bme280", "name": "climate", "bus": 1, "address": 118, "interval": "00:00:05", "simulated": true },
          { "type": "sds011", "name": "pm", "port": "/dev/ttyUSB7", "interval": "00:00:05", "simulated": true }
        ]
        """;

    [Fact]
    public async Task Healthy_simulated_device_passes_within_ten_seconds()
    {
        string config = _folder.Config(SimulatedSensors, """{ "host": "127.0.0.1", "port": 1, "outboxDirectory": "OUTBOX" }""".Replace("OUTBOX", Path.Combine(_folder.Path, "outbox"), StringComparison.Ordinal));
        // The broker is deliberately absent here; it is left out so that the rest can pass.
        var output = new StringWriter();
        var clock = Stopwatch.StartNew();

        int code = await DoctorCommand.RunAsync(config, null, TimeSpan.FromSeconds(10), ["broker"], output, CancellationToken.None);

        clock.Stop();
        string text = output.ToString();
        Assert.True(code == 0, text);
        Assert.Matches(@"PASS\s+sensor climate\s+Bme280 at I2C bus 1 address 0x76, simulated: [\d.]+ °C", text);
        Assert.Matches(@"PASS\s+sensor pm\s+Sds011", text);
        Assert.Matches(@"PASS\s+camera\s+synthetic", text);
        Assert.Matches(@"PASS\s+model\s+.*demo-traffic.*loaded and ran", text);
        Assert.Matches(@"PASS\s+outbox", text);
        Assert.Matches(@"SKIP\s+broker\s+skipped", text);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 10.5);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "outbox")), "doctor creates nothing");
    }

    [Fact]
    public async Task Unreachable_broker_fails_with_a_hint_and_exit_code_1()
    {
        string config = _folder.Config(uplinkJson: """{ "host": "127.0.0.1", "port": 9 }""");
        var output = new StringWriter();

        int code = await DoctorCommand.RunAsync(config, null, TimeSpan.FromSeconds(10), ["model", "camera"], output, CancellationToken.None);

        string text = output.ToString();
        Assert.Equal(CliErrors.Failed, code);
        Assert.Matches(@"FAIL\s+broker\s+cannot connect to 127.0.0.1:9", text);
        Assert.Contains("hint: check the broker address", text, StringComparison.Ordinal);
        Assert.Matches(@"\d+ checks: \d+ passed, 1 failed", text);
    }

    [Fact]
    public async Task Missing_serial_sensor_fails_naming_the_port()
    {
        string config = _folder.Config("""[ { "type": "pms5003", "name": "pm", "port": "/dev/ttyNOPE42", "interval": "00:00:05" } ]""");
        var output = new StringWriter();

        int code = await DoctorCommand.RunAsync(config, null, TimeSpan.FromSeconds(10), ["model", "camera", "clock"], output, CancellationToken.None);

        string text = output.ToString();
        Assert.Equal(CliErrors.Failed, code);
        Assert.Matches(@"FAIL\s+sensor pm\s+Pms5003 at /dev/ttyNOPE42", text);
        Assert.Contains("hint: check the port", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_model_fails_the_model_check()
    {
        string model = Path.Combine(_folder.Path, "broken-model");
        Directory.CreateDirectory(model);
        foreach (string f in Directory.GetFiles(TestData.DemoModel))
        {
            File.Copy(f, Path.Combine(model, Path.GetFileName(f)));
        }

        File.WriteAllBytes(Path.Combine(model, "model.onnx"), new byte[1000]);
        string config = _folder.Config().Replace(TestData.DemoModel, model, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder.Path, "device.json"), File.ReadAllText(Path.Combine(_folder.Path, "device.json")).Replace(TestData.DemoModel, model, StringComparison.Ordinal));
        var output = new StringWriter();

        int code = await DoctorCommand.RunAsync(config, null, TimeSpan.FromSeconds(10), ["camera", "clock"], output, CancellationToken.None);

        Assert.Equal(CliErrors.Failed, code);
        Assert.Matches(@"FAIL\s+model\s+.*sha256 mismatch", output.ToString());
    }

    [Fact]
    public async Task Unloadable_configuration_fails_naming_the_key()
    {
        string config = _folder.Write("bad.json", """{ "device": { "id": "Bad Id" }, "source": { "type": "synthetic" } }""");
        var output = new StringWriter();

        int code = await DoctorCommand.RunAsync(config, null, TimeSpan.FromSeconds(10), [], output, CancellationToken.None);

        Assert.Equal(CliErrors.Failed, code);
        Assert.Matches(@"FAIL\s+config\s+.*Device:Id", output.ToString());
    }
}
