using System.Device.I2c;
using Iot.Device.Sht4x;
using SmartCity.AirQuality;
using Sht4xDevice = Iot.Device.Sht4x.Sht4x;

namespace SmartCity.Edge.Sensors.Drivers.Sht4x;

/// <summary>Sensirion SHT4x (temperature, humidity) through Iot.Device.Bindings' <see cref="Sht4xDevice"/>; high repeatability.</summary>
public sealed class Sht4xSensor : BindingSensor
{
    private static readonly Quantity[] s_quantities = [Quantity.Temperature, Quantity.RelativeHumidity];
    private readonly Sht4xDevice _device;

    /// <summary>Opens the SHT4x on <paramref name="i2cDevice"/> (owned; default address 0x44).</summary>
    public Sht4xSensor(string name, I2cDevice i2cDevice)
        : base(name)
    {
        _device = new Sht4xDevice(i2cDevice);
    }

    /// <inheritdoc/>
    public override string Model => "SHT4x";

    /// <inheritdoc/>
    public override IReadOnlyList<Quantity> Quantities => s_quantities;

    /// <inheritdoc/>
    protected override bool ReadCore(DateTimeOffset timestamp, Span<SensorReading> destination, out int written)
    {
        written = 0;

        // The binding returns null for a value whose CRC failed.
        var (humidity, temperature) = _device.ReadHumidityAndTemperature(Sht4xRepeatability.High);
        if (humidity is not { } h || temperature is not { } t)
        {
            return false;
        }

        destination[0] = new SensorReading(Quantity.Temperature, t.DegreesCelsius, timestamp);
        destination[1] = new SensorReading(Quantity.RelativeHumidity, h.Percent, timestamp);
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
