using System.Device.I2c;
using Iot.Device.Sht3x;
using SmartCity.AirQuality;
using Sht3xDevice = Iot.Device.Sht3x.Sht3x;

namespace SmartCity.Edge.Sensors.Drivers.Sht3x;

/// <summary>Sensirion SHT3x (temperature, humidity) through Iot.Device.Bindings' <see cref="Sht3xDevice"/>; high repeatability.</summary>
public sealed class Sht3xSensor : BindingSensor
{
    private static readonly Quantity[] s_quantities = [Quantity.Temperature, Quantity.RelativeHumidity];
    private readonly Sht3xDevice _device;

    /// <summary>Opens the SHT3x on <paramref name="i2cDevice"/> (owned; address 0x44 or 0x45).</summary>
    public Sht3xSensor(string name, I2cDevice i2cDevice)
        : base(name)
    {
        _device = new Sht3xDevice(i2cDevice, Resolution.High);
    }

    /// <inheritdoc/>
    public override string Model => "SHT3x";

    /// <inheritdoc/>
    public override IReadOnlyList<Quantity> Quantities => s_quantities;

    /// <inheritdoc/>
    protected override bool ReadCore(DateTimeOffset timestamp, Span<SensorReading> destination, out int written)
    {
        // Each property triggers a single-shot measurement; the binding returns NaN on a CRC error (caught by the base).
        destination[0] = new SensorReading(Quantity.Temperature, _device.Temperature.DegreesCelsius, timestamp);
        destination[1] = new SensorReading(Quantity.RelativeHumidity, _device.Humidity.Percent, timestamp);
        written = 2;
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
