using System.Device.I2c;
using BoschSampling = Iot.Device.Bmxx80.Sampling;
using Iot.Device.Bmxx80.PowerMode;
using SmartCity.AirQuality;
using Bmp280Device = Iot.Device.Bmxx80.Bmp280;

namespace SmartCity.Edge.Sensors.Drivers.Bmp280;

/// <summary>Bosch BMP280 (temperature, pressure; no humidity) through Iot.Device.Bindings' <see cref="Bmp280Device"/>.</summary>
public sealed class Bmp280Sensor : BindingSensor
{
    private static readonly Quantity[] s_quantities = [Quantity.Temperature, Quantity.Pressure];
    private readonly Bmp280Device _device;

    /// <summary>Opens the BMP280 on <paramref name="i2cDevice"/> (owned); throws <see cref="IOException"/> when absent.</summary>
    public Bmp280Sensor(string name, I2cDevice i2cDevice)
        : base(name)
    {
        _device = new Bmp280Device(i2cDevice)
        {
            TemperatureSampling = BoschSampling.HighResolution,
            PressureSampling = BoschSampling.HighResolution,
        };
        _device.SetPowerMode(Bmx280PowerMode.Normal);
    }

    /// <inheritdoc/>
    public override string Model => "BMP280";

    /// <inheritdoc/>
    public override IReadOnlyList<Quantity> Quantities => s_quantities;

    /// <summary>The binding.</summary>
    public Bmp280Device Device => _device;

    /// <inheritdoc/>
    protected override bool ReadCore(DateTimeOffset timestamp, Span<SensorReading> destination, out int written)
    {
        written = 0;
        if (!_device.TryReadTemperature(out var temperature) || !_device.TryReadPressure(out var pressure))
        {
            return false;
        }

        destination[0] = new SensorReading(Quantity.Temperature, temperature.DegreesCelsius, timestamp);
        destination[1] = new SensorReading(Quantity.Pressure, pressure.Hectopascals, timestamp);
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
