using System.Text.Json;
using SmartCity.Edge.Sensors.Configuration;
using SmartCity.Edge.Sensors.Drivers.Serial;

namespace SmartCity.Edge.Sensors.Tests;

public sealed class SensorConfigurationTests
{
    private const string Valid = """
        {
          "summaryInterval": "00:01:00",
          "items": [
            { "type": "bme280", "name": "climate", "bus": 1, "address": 118 },
            { "type": "sds011", "name": "pm-north", "port": "/dev/ttyUSB0", "interval": "00:01:00",
              "options": { "mode": "query", "warmUp": "00:00:30", "sleepBetweenReadings": true } },
            { "type": "pms5003", "name": "pm-south", "port": "/dev/ttyAMA0", "baudRate": 9600 },
            { "type": "scd4x", "name": "co2", "interval": "00:00:05" },
            { "type": "cpuTemperature", "name": "cpu", "interval": "00:00:10" }
          ]
        }
        """;

    [Fact]
    public void Parses_camel_case_json_with_string_enums_and_time_spans()
    {
        var config = Parse(Valid);

        SensorConfigurationValidator.Validate(config);
        Assert.Equal(5, config.Items.Count);
        var pm = config.Items[1];
        Assert.Equal(SensorType.Sds011, pm.Type);
        Assert.Equal(ParticulateReportingMode.Query, pm.Options.Mode);
        Assert.True(pm.Options.SleepBetweenReadings);
        Assert.Equal(TimeSpan.FromMinutes(1), pm.Interval);
        Assert.Equal(0x76, config.Items[0].Address);
        Assert.Equal(TimeSpan.FromSeconds(1), config.Items[2].Interval);
    }

    [Fact]
    public void Unknown_keys_are_refused()
    {
        var ex = Assert.Throws<JsonException>(() => Parse("""{ "items": [ { "type": "bme280", "name": "a", "adress": 118 } ] }"""));
        Assert.Contains("adress", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "items": [ { "type": "bme280", "name": "a", "address": 119 }, { "type": "bmp280", "name": "b", "address": 119 } ] }""", "Sensors:b:Address", "already used by 'a'")]
    [InlineData("""{ "items": [ { "type": "sds011", "name": "pm-a", "port": "/dev/ttyUSB0" }, { "type": "pms5003", "name": "pm-b", "port": "/dev/ttyUSB0" } ] }""", "Sensors:pm-b:Port", "already used by 'pm-a'")]
    [InlineData("""{ "items": [ { "type": "bme280", "name": "a", "address": 80 } ] }""", "Sensors:a:Address", "0x76, 0x77")]
    [InlineData("""{ "items": [ { "type": "sds011", "name": "pm-north" } ] }""", "Sensors:pm-north:Port", "required")]
    [InlineData("""{ "items": [ { "type": "sds011", "name": "pm-north", "port": "/dev/ttyS0", "address": 118 } ] }""", "Sensors:pm-north:Address", "UART")]
    [InlineData("""{ "items": [ { "type": "scd4x", "name": "co2", "interval": "00:00:01" } ] }""", "Sensors:co2:Interval", "measurement period")]
    [InlineData("""{ "items": [ { "type": "bme280", "name": "a", "options": { "mode": "query" } } ] }""", "Sensors:a:Options:Mode", "SDS011")]
    [InlineData("""{ "items": [ { "type": "sds011", "name": "p", "port": "/dev/x", "interval": "00:00:20", "options": { "sleepBetweenReadings": true } } ] }""", "Sensors:p:Options:SleepBetweenReadings", "warm-up")]
    [InlineData("""{ "items": [ { "type": "bme680", "name": "gas", "simulated": true } ] }""", "Sensors:gas:Simulated", "no simulated")]
    [InlineData("""{ "items": [ { "type": "bme280", "name": "Bad Name" } ] }""", "Sensors:Bad Name:Name", "lower-case")]
    [InlineData("""{ "items": [ { "type": "bme280", "name": "a", "address": 118 }, { "type": "bmp280", "name": "a", "address": 119 } ] }""", "Sensors:a:Name", "unique")]
    [InlineData("""{ "summaryInterval": "00:00:00.5", "items": [] }""", "Sensors:SummaryInterval", "1 s")]
    public void Invalid_configurations_are_refused_naming_the_key(string json, string key, string reason)
    {
        var config = Parse(json);

        var ex = Assert.Throws<ArgumentException>(() => SensorConfigurationValidator.Validate(config));

        Assert.StartsWith(key + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_address_on_different_buses_is_allowed()
    {
        var config = Parse("""{ "items": [ { "type": "bme280", "name": "a", "bus": 1, "address": 118 }, { "type": "bme280", "name": "b", "bus": 3, "address": 118 } ] }""");

        SensorConfigurationValidator.Validate(config);
    }

    [Fact]
    public void The_demo_configuration_is_valid()
    {
        SensorConfigurationValidator.Validate(Simulation.SimulatedSensorFleet.DemoConfiguration());
    }

    private static SensorsConfiguration Parse(string json) =>
        JsonSerializer.Deserialize(json, SensorsConfigurationJsonContext.Default.SensorsConfiguration)!;
}
