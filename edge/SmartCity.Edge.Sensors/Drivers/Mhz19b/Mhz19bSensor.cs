using SmartCity.AirQuality;
using Mhz19bDevice = Iot.Device.Mhz19b.Mhz19b;

namespace SmartCity.Edge.Sensors.Drivers.Mhz19b;

/// <summary>
/// Winsen MH-Z19B NDIR CO₂ sensor on a UART (9600 8N1) through Iot.Device.Bindings' <see cref="Mhz19bDevice"/>:
/// command <c>FF 01 86 …</c>, 9-byte answer with the concentration in bytes 2–3. The binding throws on a
/// timeout or a bad checksum; the base class turns that into a fault.
/// </summary>
public sealed class Mhz19bSensor : BindingSensor
{
    private static readonly Quantity[] s_quantities = [Quantity.Co2];
    private readonly Mhz19bDevice _device;

    /// <summary>Opens the sensor on the serial device <paramref name="portName"/>.</summary>
    public Mhz19bSensor(string name, string portName)
        : base(name)
    {
        _device = new Mhz19bDevice(portName);
    }

    /// <summary>Uses an already open serial stream (owned), e.g. a pseudo-terminal in tests.</summary>
    public Mhz19bSensor(string name, Stream stream)
        : base(name)
    {
        _device = new Mhz19bDevice(stream, shouldDispose: true);
    }

    /// <inheritdoc/>
    public override string Model => "MH-Z19B";

    /// <inheritdoc/>
    public override IReadOnlyList<Quantity> Quantities => s_quantities;

    /// <inheritdoc/>
    protected override bool ReadCore(DateTimeOffset timestamp, Span<SensorReading> destination, out int written)
    {
        destination[0] = new SensorReading(Quantity.Co2, _device.GetCo2Reading().PartsPerMillion, timestamp);
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
