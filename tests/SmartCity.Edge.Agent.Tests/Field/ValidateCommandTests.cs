using Xunit;
using SmartCity.Edge.Agent.Commands;

namespace SmartCity.Edge.Agent.Tests.Field;

/// <summary>validate: schema, loader and hardware rules on shipped and broken configurations.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly FieldTestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Schema => Path.Combine(TestData.RepositoryRoot, "firmware-configs", "schema", "device-config.schema.json");

    private static (int Code, string Output) Validate(string file, string? cmdline = null)
    {
        var output = new StringWriter();
        int code = ValidateCommand.Run([file], Schema, output, cmdline);
        return (code, output.ToString());
    }

    [Fact]
    public void Shipped_device_configurations_are_valid()
    {
        var files = Directory.GetFiles(Path.Combine(TestData.RepositoryRoot, "firmware-configs", "devices"), "*.json");
        Assert.NotEmpty(files);
        var output = new StringWriter();

        int code = ValidateCommand.Run(files, Schema, output, cmdlinePath: null);

        Assert.True(code == 0, output.ToString());
    }

    [Theory]
    [InlineData("simulated.json")]
    [InlineData("pi-camera-air.json")]
    [InlineData("usb-camera-pms5003.json")]
    public void Shipped_templates_render_to_valid_configurations(string template)
    {
        foreach (string pem in new[] { "ca.pem", "c.pem", "k.pem" })
        {
            _folder.Write(pem, "placeholder");
        }

        var values = new Dictionary<string, string>
        {
            ["device_id"] = "pole-0042", ["site"] = "junction 12", ["broker_host"] = "mqtt.city.example", ["broker_port"] = "8883",
            ["ca_certificate"] = Path.Combine(_folder.Path, "ca.pem"), ["client_certificate"] = Path.Combine(_folder.Path, "c.pem"), ["client_key"] = Path.Combine(_folder.Path, "k.pem"),
        };
        string text = SmartCity.Edge.Provisioning.DeviceConfigTemplate.Render(
            File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "firmware-configs", "templates", template)), values, template);
        // Paths the templates name for the device itself.
        text = text.Replace("/var/lib/smartcity/models/current", TestData.DemoModel, StringComparison.Ordinal)
                   .Replace("/var/lib/smartcity/outbox", Path.Combine(_folder.Path, "outbox"), StringComparison.Ordinal);

        var (code, output) = Validate(_folder.Write("rendered.json", text));

        Assert.True(code == 0, output);
    }

    [Fact]
    public void Two_sensors_on_one_i2c_address_are_refused()
    {
        string file = _folder.Config("""
            [
              { "type": "sht3x", "name": "climate-a", "bus": 1, "address": 68 },
              { "type": "sht4x", "name": "climate-b", "bus": 1, "address": 68 }
            ]
            """);

        var (code, output) = Validate(file);

        Assert.Equal(CliErrors.Failed, code);
        Assert.Contains("I2C bus 1 address 0x44 is already used by 'climate-a'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void One_uart_under_two_names_is_refused()
    {
        string file = _folder.Config("""
            [
              { "type": "sds011", "name": "pm-a", "port": "/dev/serial0" },
              { "type": "pms5003", "name": "pm-b", "port": "/dev/ttyAMA0" }
            ]
            """);

        var (code, output) = Validate(file);

        Assert.Equal(CliErrors.Failed, code);
        Assert.Contains("Sensors:pm-b:Port: '/dev/ttyAMA0' is the same UART (/dev/serial0) as sensor 'pm-a'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_serial_path_twice_is_refused()
    {
        string file = _folder.Config("""
            [
              { "type": "sds011", "name": "pm-a", "port": "/dev/ttyUSB0" },
              { "type": "mhz19b", "name": "co2", "port": "/dev/ttyUSB0" }
            ]
            """);

        var (code, output) = Validate(file);

        Assert.Equal(CliErrors.Failed, code);
        Assert.Contains("'/dev/ttyUSB0' is already used by 'pm-a'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensor_on_the_console_uart_is_refused()
    {
        string file = _folder.Config("""[ { "type": "pms5003", "name": "pm", "port": "/dev/ttyS0" } ]""");
        string cmdline = _folder.Write("cmdline.txt", "console=serial0,115200 console=tty1 root=PARTUUID=1234-02 rootwait\n");

        var (code, output) = Validate(file, cmdline);

        Assert.Equal(CliErrors.Failed, code);
        Assert.Contains("also carries the kernel console (console=serial0,115200", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_problem_names_the_json_pointer()
    {
        string file = _folder.Config("""[ { "type": "bme280", "name": "climate", "address": "0x76" } ]""");

        var (code, output) = Validate(file);

        Assert.Equal(CliErrors.Failed, code);
        Assert.Contains("schema /sensors/items/0/address", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Uart_sensor_with_an_i2c_address_is_refused_by_schema_and_loader()
    {
        string file = _folder.Config("""[ { "type": "sds011", "name": "pm", "port": "/dev/ttyUSB0", "address": 118 } ]""");

        var (code, output) = Validate(file);

        Assert.Equal(CliErrors.Failed, code);
        Assert.Contains("schema /sensors/items/0", output, StringComparison.Ordinal);
        Assert.Contains("is a UART sensor", output, StringComparison.Ordinal);
    }
}
