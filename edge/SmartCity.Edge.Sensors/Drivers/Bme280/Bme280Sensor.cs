using System.Device.I2c;
using BoschSampling = Iot.Device.Bmxx80.Sampling;
using Iot.Device.Bmxx80.PowerMode;
using SmartCity.AirQuality;
using Bme280Device = Iot.Device.Bmxx80.Bme280;

namespace SmartCity.Edge.Sensors.Drivers.Bme280;

/// <summary>
/// Bosch BME280 (temperature, humidity, pressure) through Iot.Device.Bindings' <see cref="Bme280Device"/>.
/// The chip runs in normal mode (a measurement every standby period), so a read is three register reads, no wait.
/// </summary>
public sealed class Bme280Sensor : BindingSensor
{
    private static readonly Quantity[] s_quantities = [Quantity.Temperature, Quantity.RelativeHumidity, Quantity.Pressure];
    private readonly Bme280Device _device;

    /// <summary>Opens the BME280 on <paramref name="i2cDevice"/> (owned); throws <see cref="IOException"/> when the chip id is wrong or absent.</summary>
    public Bme280Sensor(string name, I2cDevice i2cDevice)
        : base(name)
    {
        _device = new Bme280Device(i2cDevice)
        {
            TemperatureSampling = BoschSampling.Standard,
            PressureSampling = BoschSampling.Standard,
            HumiditySampling = BoschSampling.Standard,
        };
        _device.SetPowerMode(Bmx280PowerMode.Normal);
    }

    /// <inheritdoc/>
    public override string Model => "BME280";

    /// <inheritdoc/>
    public override IReadOnlyList<Quantity> Quantities => s_quantities;

    /// <summary>The binding, for settings this wrapper does not expose (filter, standby time).</summary>
    public Bme280Device Device => _device;

    /// <inheritdoc/>
    protected override bool ReadCore(DateTimeOffset timestamp, Span<SensorReading> destination, out int written)
    {
        written = 0;
        if (!_device.TryReadTemperature(out var temperature)
            || !_device.TryReadHumidity(out var humidity)
            || !_device.TryReadPressure(out var pressure))
        {
            return false;
        }

        destination[0] = new SensorReading(Quantity.Temperature, temperature.DegreesCelsius, timestamp);
        destination[1] = new SensorReading(Quantity.RelativeHumidity, humidity.Percent, timestamp);
        destination[2] = new SensorReading(Quantity.Pressure, pressure.Hectopascals, timestamp);
        written = 3;
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
