using SmartCity.AirQuality;
using CpuTemperatureDevice = Iot.Device.CpuTemperature.CpuTemperature;

namespace SmartCity.Edge.Sensors.Drivers.CpuTemperature;

/// <summary>
/// The processor temperature of the edge device through Iot.Device.Bindings' <see cref="CpuTemperatureDevice"/>
/// (Linux: <c>/sys/class/thermal/thermal_zone0/temp</c>). Reported in health so a hot enclosure explains throttling.
/// </summary>
public sealed class CpuTemperatureSensor : BindingSensor
{
    private static readonly Quantity[] s_quantities = [Quantity.CpuTemperature];
    private readonly CpuTemperatureDevice _device = new();

    /// <summary>Creates the sensor; reads fail with <see cref="SensorFault.BusError"/> where the kernel exposes no thermal zone.</summary>
    public CpuTemperatureSensor(string name)
        : base(name)
    {
    }

    /// <inheritdoc/>
    public override string Model => "CPU";

    /// <inheritdoc/>
    public override IReadOnlyList<Quantity> Quantities => s_quantities;

    /// <inheritdoc/>
    protected override bool ReadCore(DateTimeOffset timestamp, Span<SensorReading> destination, out int written)
    {
        if (!_device.IsAvailable)
        {
            throw new IOException("No CPU thermal zone is available on this machine.");
        }

        destination[0] = new SensorReading(Quantity.CpuTemperature, _device.Temperature.DegreesCelsius, timestamp);
        written = 1;
        return true;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _device.Dispose();
        }
    }
}
