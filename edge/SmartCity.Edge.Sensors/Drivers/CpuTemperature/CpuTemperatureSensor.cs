using System.Buffers.Text;
using SmartCity.AirQuality;
using CpuTemperatureDevice = Iot.Device.CpuTemperature.CpuTemperature;

namespace SmartCity.Edge.Sensors.Drivers.CpuTemperature;

/// <summary>
/// The processor temperature of the edge device through Iot.Device.Bindings' <see cref="CpuTemperatureDevice"/>
/// (Linux: <c>/sys/class/thermal/thermal_zone0/temp</c>), or from a named Linux thermal-zone file (millidegrees
/// Celsius as text). Reported in health so a hot enclosure explains throttling.
/// </summary>
public sealed class CpuTemperatureSensor : BindingSensor
{
    private static readonly Quantity[] s_quantities = [Quantity.CpuTemperature];
    private readonly CpuTemperatureDevice? _device;
    private readonly string? _thermalZonePath;

    /// <summary>Creates the sensor; reads fail with <see cref="SensorFault.BusError"/> where the kernel exposes no thermal zone.</summary>
    public CpuTemperatureSensor(string name)
        : base(name)
    {
        _device = new CpuTemperatureDevice();
    }

    /// <summary>
    /// Creates the sensor on the Linux thermal-zone file <paramref name="thermalZonePath"/> (for example
    /// <c>/sys/class/thermal/thermal_zone1/temp</c> on a board whose CPU is not zone 0). A missing file is a
    /// <see cref="SensorFault.BusError"/>, text that is not an integer an <see cref="SensorFault.InvalidValue"/>.
    /// </summary>
    public CpuTemperatureSensor(string name, string thermalZonePath)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(thermalZonePath);
        _thermalZonePath = thermalZonePath;
    }

    /// <inheritdoc/>
    public override string Model => "CPU";

    /// <inheritdoc/>
    public override IReadOnlyList<Quantity> Quantities => s_quantities;

    /// <inheritdoc/>
    protected override bool ReadCore(DateTimeOffset timestamp, Span<SensorReading> destination, out int written)
    {
        written = 0;
        double celsius;
        if (_thermalZonePath is not null)
        {
            if (!TryReadThermalZone(_thermalZonePath, out celsius))
            {
                return false;
            }
        }
        else
        {
            if (!_device!.IsAvailable)
            {
                throw new IOException("No CPU thermal zone is available on this machine.");
            }

            celsius = _device.Temperature.DegreesCelsius;
        }

        destination[0] = new SensorReading(Quantity.CpuTemperature, celsius, timestamp);
        written = 1;
        return true;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _device?.Dispose();
        }
    }

    /// <summary>
    /// Reads a sysfs thermal-zone file ("45678\n" = 45.678 °C) into a stack buffer; throws
    /// <see cref="IOException"/> when the file is missing, returns false when its text is not an integer.
    /// </summary>
    private static bool TryReadThermalZone(string path, out double celsius)
    {
        celsius = double.NaN;
        Span<byte> text = stackalloc byte[32];
        int length;
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read))
        {
            length = RandomAccess.Read(handle, text, 0);
        }

        var digits = text[..length].TrimEnd("\n\r \t"u8);
        if (!Utf8Parser.TryParse(digits, out int millidegrees, out int consumed) || consumed != digits.Length || digits.IsEmpty)
        {
            return false;
        }

        celsius = millidegrees / 1000.0;
        return true;
    }
}
