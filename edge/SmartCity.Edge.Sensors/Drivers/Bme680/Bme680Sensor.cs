using System.Device.I2c;
using SmartCity.AirQuality;
using Bme680Device = Iot.Device.Bmxx80.Bme680;

namespace SmartCity.Edge.Sensors.Drivers.Bme680;

/// <summary>
/// Bosch BME680 (temperature, humidity, pressure, metal-oxide gas resistance) through Iot.Device.Bindings'
/// <see cref="Bme680Device"/>. Each read is a forced measurement with the default heater profile
/// (320 °C for 150 ms), which the binding waits for.
/// </summary>
public sealed class Bme680Sensor : BindingSensor
{
    private static readonly Quantity[] s_quantities =
        [Quantity.Temperature, Quantity.RelativeHumidity, Quantity.Pressure, Quantity.GasResistance];

    private readonly Bme680Device _device;

    /// <summary>Opens the BME680 on <paramref name="i2cDevice"/> (owned); throws <see cref="IOException"/> when absent.</summary>
    public Bme680Sensor(string name, I2cDevice i2cDevice)
        : base(name)
    {
        _device = new Bme680Device(i2cDevice);
    }

    /// <inheritdoc/>
    public override string Model => "BME680";

    /// <inheritdoc/>
    public override IReadOnlyList<Quantity> Quantities => s_quantities;

    /// <inheritdoc/>
    protected override bool ReadCore(DateTimeOffset timestamp, Span<SensorReading> destination, out int written)
    {
        written = 0;
        var result = _device.Read();
        if (result.Temperature is not { } t || result.Humidity is not { } h || result.Pressure is not { } p)
        {
            return false;
        }

        destination[0] = new SensorReading(Quantity.Temperature, t.DegreesCelsius, timestamp);
        destination[1] = new SensorReading(Quantity.RelativeHumidity, h.Percent, timestamp);
        destination[2] = new SensorReading(Quantity.Pressure, p.Hectopascals, timestamp);
        written = 3;

        // Gas resistance is missing while the heater has not reached its target: the climate values still count.
        if (result.GasResistance is { } gas)
        {
            destination[3] = new SensorReading(Quantity.GasResistance, gas.Ohms, timestamp);
            written = 4;
        }

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
