using SmartCity.Edge.Agent.Configuration;
using Xunit;

namespace SmartCity.Edge.Agent.Tests.Uplink;

public sealed class UplinkConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("smartcity-uplink-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        string path = Path.Combine(_dir, "device.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static AgentConfiguration Load(string path) =>
        AgentConfigurationLoader.Load(path, EdgeDevice.CreateSourceFactory(() => new SyntheticSourceSettings()));

    [Fact]
    public void The_uplink_section_loads_with_every_field()
    {
        string ca = Path.Combine(_dir, "ca.pem");
        File.WriteAllText(ca, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        var config = Load(Write($$"""
            {
              "device": { "id": "lamp-0042" },
              "uplink": {
                "host": "mqtt.city.example", "port": 8883, "tls": true, "caCertificate": "{{ca}}",
                "username": "lamp-0042", "password": "s3cret", "outboxDirectory": "/var/lib/smartcity/outbox",
                "outboxQuotaBytes": 33554432, "sessionExpiry": "1.00:00:00", "healthPeriod": "00:00:30",
                "crossingEvents": true, "firmware": "raspios-2025-05"
              }
            }
            """));

        var u = Assert.IsType<UplinkSettings>(config.Uplink);
        Assert.Equal(("mqtt.city.example", 8883, true, ca), (u.Host, u.Port, u.Tls, u.CaCertificate));
        Assert.Equal(("lamp-0042", "s3cret"), (u.Username, u.Password));
        Assert.Equal("/var/lib/smartcity/outbox", u.ResolveOutboxDirectory("lamp-0042"));
        Assert.Equal(32L * 1024 * 1024, u.OutboxQuotaBytes);
        Assert.Equal((TimeSpan.FromDays(1), TimeSpan.FromSeconds(30)), (u.SessionExpiry, u.HealthPeriod));
        Assert.True(u.CrossingEvents);
        Assert.Equal("raspios-2025-05", u.Firmware);
    }

    [Fact]
    public void Without_the_section_nothing_is_sent_and_defaults_are_sane()
    {
        var config = Load(Write("""{ "device": { "id": "lamp-0042" } }"""));
        Assert.Null(config.Uplink);
        var defaults = new UplinkSettings();
        Assert.Equal(Path.GetFullPath(Path.Combine("outbox", "lamp-0042")), defaults.ResolveOutboxDirectory("lamp-0042"));
        Assert.False(defaults.CrossingEvents);
        defaults.Validate("Uplink");
    }

    [Fact]
    public void The_shipped_device_configurations_with_an_uplink_load()
    {
        string devices = Path.Combine(AgentConfigurationTests.RepositoryRoot(), "firmware-configs", "devices");
        var demo = Load(Path.Combine(devices, "demo-uplink.json"));
        Assert.Equal(("127.0.0.1", 1883, "demo-edge-02"), (demo.Uplink!.Host, demo.Uplink.Port, demo.Uplink.Username));
        Assert.Equal(demo.Device.Id, demo.Uplink.Username);
    }

    [Theory]
    [InlineData("""{ "uplink": { "hots": "x" } }""", "hots")]
    [InlineData("""{ "uplink": { "host": "" } }""", "Uplink:Host")]
    [InlineData("""{ "uplink": { "host": "mqtt://broker" } }""", "Uplink:Host")]
    [InlineData("""{ "uplink": { "port": 70000 } }""", "Uplink:Port")]
    [InlineData("""{ "uplink": { "caCertificate": "/no/ca.pem" } }""", "Uplink:Tls")]
    [InlineData("""{ "uplink": { "tls": true, "caCertificate": "/no/such/ca.pem" } }""", "Uplink:CaCertificate")]
    [InlineData("""{ "uplink": { "tls": true, "clientCertificate": "/no/cert.pem" } }""", "Uplink:ClientKey")]
    [InlineData("""{ "uplink": { "password": "x" } }""", "Uplink:Password")]
    [InlineData("""{ "uplink": { "outboxQuotaBytes": 1000 } }""", "Uplink:OutboxQuotaBytes")]
    [InlineData("""{ "uplink": { "sessionExpiry": "-00:00:01" } }""", "Uplink:SessionExpiry")]
    [InlineData("""{ "uplink": { "healthPeriod": "00:00:00.500" } }""", "Uplink:HealthPeriod")]
    [InlineData("""{ "uplink": { "firmware": "" } }""", "Uplink:Firmware")]
    [InlineData("""{ "uplink": { "port": "one" } }""", "uplink.port")]
    public void Bad_uplink_settings_are_refused_naming_the_file_and_field(string json, string key)
    {
        string path = Write(json);
        var ex = Assert.Throws<AgentConfigurationException>(() => Load(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(key, ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
