using Microsoft.Extensions.Logging;
using SmartCity.Edge.Sensors.Configuration;
using SmartCity.Edge.Sensors.Drivers.Serial;
using SmartCity.Edge.Sensors.Sampling;

namespace SmartCity.Edge.Sensors.Simulation;

/// <summary>
/// Simulated sensor sets for the demo: each device gets a BME280 (climate), a PMS5003 and an SDS011 side by
/// side (so the A/B check and the EPA correction run), and an SCD41, all through the real drivers over
/// simulated buses, each device with its own seeded environment.
/// </summary>
public static class SimulatedSensorFleet
{
    /// <summary>The sensors section of one demo device (every entry <c>simulated: true</c>).</summary>
    public static SensorsConfiguration DemoConfiguration(TimeSpan? summaryInterval = null) => new()
    {
        SummaryInterval = summaryInterval ?? TimeSpan.FromSeconds(60),
        Items =
        [
            new SensorDefinition { Type = SensorType.Bme280, Name = "climate", Bus = 1, Address = 0x76, Simulated = true },
            new SensorDefinition { Type = SensorType.Pms5003, Name = "pm-a", Port = "/dev/ttyAMA0", Simulated = true },
            new SensorDefinition
            {
                Type = SensorType.Sds011,
                Name = "pm-b",
                Port = "/dev/ttyUSB0",
                Simulated = true,
                Options = new SensorOptions { Mode = ParticulateReportingMode.Query },
            },
            new SensorDefinition { Type = SensorType.Scd4x, Name = "co2", Bus = 1, Address = 0x62, Interval = TimeSpan.FromSeconds(5), Simulated = true },
        ],
    };

    /// <summary>The environment of demo device <paramref name="deviceIndex"/>: sites differ in temperature and pollution.</summary>
    public static AmbientProfile ProfileFor(int deviceIndex) =>
        new(seed: 1000 + deviceIndex, baseTemperature: 9 + (deviceIndex % 5), basePm25: 4 + (2 * (deviceIndex % 7)));

    /// <summary>A hub (not started) for demo device <paramref name="deviceIndex"/>.</summary>
    public static SensorHub CreateHub(int deviceIndex, SensorsConfiguration? config = null, ILoggerFactory? loggers = null) =>
        SensorFactory.CreateHub(config ?? DemoConfiguration(), loggers, ProfileFor(deviceIndex), deviceIndex);

    /// <summary>Hubs (not started) for <paramref name="count"/> demo devices.</summary>
    public static IReadOnlyList<SensorHub> CreateHubs(int count, SensorsConfiguration? config = null, ILoggerFactory? loggers = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var hubs = new SensorHub[count];
        for (int i = 0; i < count; i++)
        {
            hubs[i] = CreateHub(i, config, loggers);
        }

        return hubs;
    }
}
