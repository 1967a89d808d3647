using System.Text.RegularExpressions;
using SmartCity.Edge.Sensors.Drivers.Serial;

namespace SmartCity.Edge.Sensors.Configuration;

/// <summary>
/// Checks the <c>sensors</c> section. Every refusal is an <see cref="ArgumentException"/> whose message starts
/// with the key, e.g. <c>Sensors:pm-north:Address: …</c>, so the agent can prefix the file name.
/// </summary>
public static partial class SensorConfigurationValidator
{
    /// <summary>Validates values and hardware rules; throws on the first problem.</summary>
    public static void Validate(SensorsConfiguration config, string section = "Sensors")
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.SummaryInterval < TimeSpan.FromSeconds(1) || config.SummaryInterval > TimeSpan.FromHours(24))
        {
            throw new ArgumentException($"{section}:SummaryInterval: {config.SummaryInterval} must be between 1 s and 24 h.");
        }

        if (config.MaxBackoff < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"{section}:MaxBackoff: {config.MaxBackoff} must be at least 1 s.");
        }

        if (config.Items is null)
        {
            throw new ArgumentException($"{section}:Items: a list is required (it may be empty).");
        }

        for (int i = 0; i < config.Items.Count; i++)
        {
            var sensor = config.Items[i] ?? throw new ArgumentException($"{section}:Items:{i}: an entry is null.");
            ValidateSensor(sensor, config, KeyOf(section, sensor, i));
        }

        ValidateHardware(config.Items, section);
    }

    /// <summary>
    /// Hardware rules: names unique, no two sensors on one I2C bus and address, no serial port used twice
    /// (simulated sensors included: the demo configuration must also be valid on a real device).
    /// </summary>
    public static void ValidateHardware(IReadOnlyList<SensorDefinition> sensors, string section = "Sensors")
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var addresses = new Dictionary<(int Bus, int Address), string>();
        var ports = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < sensors.Count; i++)
        {
            var s = sensors[i];
            string key = KeyOf(section, s, i);
            if (!string.IsNullOrEmpty(s.Name) && !names.TryAdd(s.Name, i))
            {
                throw new ArgumentException($"{key}:Name: '{s.Name}' is used by another sensor; names must be unique.");
            }

            switch (SensorModels.BusOf(s.Type))
            {
                case SensorBusKind.I2c:
                    var slot = (s.Bus ?? 1, s.Address ?? SensorModels.AddressesOf(s.Type)[0]);
                    if (!addresses.TryAdd(slot, s.Name))
                    {
                        throw new ArgumentException(
                            $"{key}:Address: I2C bus {slot.Item1} address 0x{slot.Item2:X2} is already used by '{addresses[slot]}'.");
                    }

                    break;

                case SensorBusKind.Serial when s.Port is { } port:
                    if (!ports.TryAdd(port, s.Name))
                    {
                        throw new ArgumentException($"{key}:Port: '{port}' is already used by '{ports[port]}'; a UART carries one sensor.");
                    }

                    break;
            }
        }
    }

    private static void ValidateSensor(SensorDefinition s, SensorsConfiguration config, string key)
    {
        if (!NamePattern().IsMatch(s.Name ?? ""))
        {
            throw new ArgumentException($"{key}:Name: '{s.Name}' must be 1–40 lower-case letters, digits or dashes.");
        }

        if (!Enum.IsDefined(s.Type))
        {
            throw new ArgumentException($"{key}:Type: '{s.Type}' is not a known sensor type; known: {string.Join(", ", Enum.GetNames<SensorType>())}.");
        }

        var bus = SensorModels.BusOf(s.Type);
        if (bus == SensorBusKind.I2c)
        {
            if (s.Port is not null || s.BaudRate is not null)
            {
                throw new ArgumentException($"{key}:Port: {s.Type} is an I2C sensor; give Bus and Address, not a serial port.");
            }

            if (s.Bus is < 0 or > 255)
            {
                throw new ArgumentException($"{key}:Bus: {s.Bus} is not an I2C bus id (0–255).");
            }

            var allowed = SensorModels.AddressesOf(s.Type);
            if (s.Address is { } address && !allowed.Contains(address))
            {
                throw new ArgumentException($"{key}:Address: 0x{address:X2} is not an address a {s.Type} can have (allowed: {Hex(allowed)}).");
            }
        }
        else if (bus == SensorBusKind.Serial)
        {
            if (s.Bus is not null || s.Address is not null)
            {
                throw new ArgumentException($"{key}:Address: {s.Type} is a UART sensor; give Port, not an I2C bus or address.");
            }

            if (!s.Simulated && string.IsNullOrWhiteSpace(s.Port))
            {
                throw new ArgumentException($"{key}:Port: a serial device path (e.g. /dev/ttyUSB0) is required for {s.Type}.");
            }

            if (s.BaudRate is { } baud && baud is not (1200 or 2400 or 4800 or 9600 or 19200 or 38400 or 57600 or 115200))
            {
                throw new ArgumentException($"{key}:BaudRate: {baud} is not a standard baud rate (the sensor uses 9600).");
            }
        }
        else if (s.Bus is not null || s.Address is not null || s.Port is not null)
        {
            throw new ArgumentException($"{key}:Address: {s.Type} is not on a bus; remove Bus, Address and Port.");
        }

        if (s.Simulated && s.Type is not (SensorType.Bme280 or SensorType.Bmp280 or SensorType.Scd4x or SensorType.Sds011 or SensorType.Pms5003))
        {
            throw new ArgumentException($"{key}:Simulated: there is no simulated {s.Type} (simulated: Bme280, Bmp280, Scd4x, Sds011, Pms5003).");
        }

        var minimum = SensorModels.MinimumInterval(s.Type);
        if (s.Interval < minimum || s.Interval > config.SummaryInterval)
        {
            throw new ArgumentException(
                $"{key}:Interval: {s.Interval} must be between {minimum} (the {s.Type}'s measurement period) and the summary interval {config.SummaryInterval}.");
        }

        var o = s.Options ?? throw new ArgumentException($"{key}:Options: must be an object.");
        if (o.Mode == ParticulateReportingMode.Query && !SensorModels.IsParticulate(s.Type))
        {
            throw new ArgumentException($"{key}:Options:Mode: query mode exists only on SDS011 and PMS5003.");
        }

        if (o.WarmUp is { } warm && (warm < TimeSpan.Zero || warm > TimeSpan.FromMinutes(10)))
        {
            throw new ArgumentException($"{key}:Options:WarmUp: {warm} must be between 0 and 10 minutes.");
        }

        if (o.ReadTimeout is { } timeout && (timeout < TimeSpan.FromMilliseconds(100) || timeout > TimeSpan.FromSeconds(30)))
        {
            throw new ArgumentException($"{key}:Options:ReadTimeout: {timeout} must be between 100 ms and 30 s.");
        }

        if (o.SleepBetweenReadings)
        {
            if (!SensorModels.CanSleep(s.Type))
            {
                throw new ArgumentException($"{key}:Options:SleepBetweenReadings: {s.Type} has no sleep command.");
            }

            var warmUp = o.WarmUp ?? SensorModels.DefaultWarmUp(s.Type);
            if (s.Interval <= warmUp + TimeSpan.FromSeconds(5))
            {
                throw new ArgumentException(
                    $"{key}:Options:SleepBetweenReadings: the interval {s.Interval} leaves no time asleep after a warm-up of {warmUp}; use an interval above {warmUp + TimeSpan.FromSeconds(5)}.");
            }
        }
    }

    private static string KeyOf(string section, SensorDefinition? sensor, int index) =>
        string.IsNullOrWhiteSpace(sensor?.Name) ? $"{section}:{index}" : $"{section}:{sensor.Name}";

    private static string Hex(ReadOnlySpan<int> addresses)
    {
        var parts = new string[addresses.Length];
        for (int i = 0; i < addresses.Length; i++)
        {
            parts[i] = $"0x{addresses[i]:X2}";
        }

        return string.Join(", ", parts);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();
}
