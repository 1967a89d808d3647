using System.Device.I2c;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCity.Edge.Sensors.Configuration;
using SmartCity.Edge.Sensors.Drivers.Bme280;
using SmartCity.Edge.Sensors.Drivers.Bme680;
using SmartCity.Edge.Sensors.Drivers.Bmp280;
using SmartCity.Edge.Sensors.Drivers.CpuTemperature;
using SmartCity.Edge.Sensors.Drivers.Mhz19b;
using SmartCity.Edge.Sensors.Drivers.Pms5003;
using SmartCity.Edge.Sensors.Drivers.Scd4x;
using SmartCity.Edge.Sensors.Drivers.Sds011;
using SmartCity.Edge.Sensors.Drivers.Serial;
using SmartCity.Edge.Sensors.Drivers.Sht3x;
using SmartCity.Edge.Sensors.Drivers.Sht4x;
using SmartCity.Edge.Sensors.Sampling;
using SmartCity.Edge.Sensors.Simulation;

namespace SmartCity.Edge.Sensors;

/// <summary>
/// Turns the <c>sensors</c> configuration into opened drivers and a <see cref="SensorHub"/>. Hardware is opened
/// lazily by the hub (and re-opened after failures), so a missing device shows up in health instead of
/// stopping the agent.
/// </summary>
public static class SensorFactory
{
    /// <summary>Validates <paramref name="config"/> and builds a hub (not started).</summary>
    /// <param name="config">The sensors section.</param>
    /// <param name="loggers">Logging; null = none.</param>
    /// <param name="profile">The simulated environment for sensors marked <c>simulated</c>; null = a profile seeded with <paramref name="seed"/>.</param>
    /// <param name="seed">Seed for simulated devices (per device, so a fleet differs).</param>
    public static SensorHub CreateHub(SensorsConfiguration config, ILoggerFactory? loggers = null, AmbientProfile? profile = null, int seed = 0)
    {
        SensorConfigurationValidator.Validate(config);
        var registrations = CreateRegistrations(config, profile ?? new AmbientProfile(seed), seed);
        var options = new SensorHubOptions
        {
            SummaryInterval = config.SummaryInterval,
            MaxBackoff = config.MaxBackoff,
            HumidityCorrection = config.HumidityCorrection,
        };
        return new SensorHub(registrations, options, (loggers ?? NullLoggerFactory.Instance).CreateLogger<SensorHub>());
    }

    /// <summary>One registration per configured sensor.</summary>
    public static IReadOnlyList<SensorRegistration> CreateRegistrations(SensorsConfiguration config, AmbientProfile profile, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        var list = new List<SensorRegistration>(config.Items.Count);
        for (int i = 0; i < config.Items.Count; i++)
        {
            list.Add(CreateRegistration(config.Items[i], profile, seed * 31 + i));
        }

        return list;
    }

    /// <summary>The registration of one sensor: how to open it, interval, warm-up, sleep policy.</summary>
    public static SensorRegistration CreateRegistration(SensorDefinition definition, AmbientProfile profile, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var options = definition.Options ?? new SensorOptions();
        return new SensorRegistration(definition.Name, ModelName(definition.Type), () => Open(definition, profile, seed), definition.Interval)
        {
            WarmUp = options.WarmUp ?? SensorModels.DefaultWarmUp(definition.Type),
            SleepBetweenReadings = options.SleepBetweenReadings,
            PmMaxHumidity = SensorModels.MaxHumidityOf(definition.Type),
        };
    }

    /// <summary>Opens the device of <paramref name="definition"/>; throws <see cref="IOException"/> when it is absent.</summary>
    public static ISensor Open(SensorDefinition definition, AmbientProfile profile, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(profile);
        var options = definition.Options ?? new SensorOptions();
        var serialOptions = new SerialParticulateOptions
        {
            Mode = options.Mode,
            WarmUp = options.WarmUp ?? SensorModels.DefaultWarmUp(definition.Type),
            ReadTimeout = options.ReadTimeout ?? TimeSpan.FromSeconds(3),
        };
        string name = definition.Name;
        return SensorModels.BusOf(definition.Type) switch
        {
            SensorBusKind.I2c => OpenI2c(definition, profile),
            SensorBusKind.Serial when definition.Type == SensorType.Mhz19b => new Mhz19bSensor(name, Port(definition)),
            SensorBusKind.Serial => definition.Type == SensorType.Sds011
                ? new Sds011Sensor(name, OpenLink(definition, profile, seed), serialOptions)
                : new Pms5003Sensor(name, OpenLink(definition, profile, seed), serialOptions),
            _ => new CpuTemperatureSensor(name),
        };
    }

    /// <summary>The model name shown in health.</summary>
    public static string ModelName(SensorType type) => type switch
    {
        SensorType.Mhz19b => "MH-Z19B",
        SensorType.CpuTemperature => "CPU",
        SensorType.Sht4x or SensorType.Sht3x or SensorType.Scd4x => type.ToString(),
        _ => type.ToString().ToUpperInvariant(),
    };

    private static ISerialLink OpenLink(SensorDefinition d, AmbientProfile profile, int seed) =>
        d.Simulated
            ? new SimulatedParticulateLink(d.Type == SensorType.Pms5003, profile, seed, d.Port ?? $"sim:{d.Name}")
            {
                GarbageProbability = SimulatedLineNoise,
                ChecksumErrorProbability = SimulatedLineNoise / 2,
            }
            : new SerialPortLink(Port(d), d.BaudRate ?? 9600);

    /// <summary>Share of simulated UART frames preceded by garbage (half as many get a bad checksum), so the demo's health counters move.</summary>
    public static double SimulatedLineNoise { get; set; } = 0.01;

    private static string Port(SensorDefinition d) =>
        d.Port ?? throw new ArgumentException($"Sensors:{d.Name}:Port: a serial device path is required.");

    private static ISensor OpenI2c(SensorDefinition d, AmbientProfile profile)
    {
        int address = d.Address ?? SensorModels.AddressesOf(d.Type)[0];
        var settings = new I2cConnectionSettings(d.Bus ?? 1, address);
        I2cDevice device = d.Simulated
            ? d.Type switch
            {
                SensorType.Bme280 => new SimulatedBmx280(true, settings: settings) { Profile = profile },
                SensorType.Bmp280 => new SimulatedBmx280(false, settings: settings) { Profile = profile },
                SensorType.Scd4x => new SimulatedScd4x(profile, settings),
                _ => throw new ArgumentException($"Sensors:{d.Name}:Simulated: there is no simulated {d.Type}."),
            }
            : I2cDevice.Create(settings);
        try
        {
            return d.Type switch
            {
                SensorType.Bme280 => new Bme280Sensor(d.Name, device),
                SensorType.Bmp280 => new Bmp280Sensor(d.Name, device),
                SensorType.Bme680 => new Bme680Sensor(d.Name, device),
                SensorType.Sht4x => new Sht4xSensor(d.Name, device),
                SensorType.Sht3x => new Sht3xSensor(d.Name, device),
                _ => new Scd4xSensor(d.Name, device),
            };
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }
}
