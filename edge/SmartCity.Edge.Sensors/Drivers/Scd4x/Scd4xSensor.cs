using System.Device.I2c;
using SmartCity.AirQuality;
using Scd4xDevice = Iot.Device.Scd4x.Scd4x;

namespace SmartCity.Edge.Sensors.Drivers.Scd4x;

/// <summary>
/// Sensirion SCD40/SCD41 (CO₂ by photoacoustic NDIR, plus temperature and humidity) through Iot.Device.Bindings'
/// <see cref="Scd4xDevice"/>. Periodic measurement: a new value every 5 s, so an interval below 5 s only re-waits.
/// </summary>
public sealed class Scd4xSensor : BindingSensor
{
    /// <summary>The SCD4x's own measurement period (datasheet §3.5.1).</summary>
    public static readonly TimeSpan MeasurementPeriod = TimeSpan.FromSeconds(5);

    private static readonly Quantity[] s_quantities = [Quantity.Co2, Quantity.Temperature, Quantity.RelativeHumidity];
    private readonly Scd4xDevice _device;

    /// <summary>Opens the SCD4x on <paramref name="i2cDevice"/> (owned; address 0x62) and starts periodic measurement.</summary>
    public Scd4xSensor(string name, I2cDevice i2cDevice)
        : base(name)
    {
        _device = new Scd4xDevice(i2cDevice);
        _device.StartPeriodicMeasurements();
    }

    /// <inheritdoc/>
    public override string Model => "SCD4x";

    /// <inheritdoc/>
    public override IReadOnlyList<Quantity> Quantities => s_quantities;

    /// <inheritdoc/>
    protected override bool ReadCore(DateTimeOffset timestamp, Span<SensorReading> destination, out int written)
    {
        written = 0;

        // Waits for data-ready; a value is null when its CRC failed.
        (UnitsNet.VolumeConcentration? Co2, UnitsNet.RelativeHumidity? Humidity, UnitsNet.Temperature? Temperature) measurement;
        try
        {
            measurement = _device.ReadPeriodicMeasurement();
        }
        catch (Exception ex) when (ex.GetType() == typeof(Exception))
        {
            // Iot.Device.Bindings throws a plain Exception("SCD4x not responding.") when data-ready never comes
            // (found by smartcity-fuzz): a timeout, reported as a bus fault like any other.
            throw new TimeoutException($"{Name}: {ex.Message}", ex);
        }

        var (co2, humidity, temperature) = measurement;
        if (co2 is not { } c || humidity is not { } h || temperature is not { } t)
        {
            return false;
        }

        destination[0] = new SensorReading(Quantity.Co2, c.PartsPerMillion, timestamp);
        destination[1] = new SensorReading(Quantity.Temperature, t.DegreesCelsius, timestamp);
        destination[2] = new SensorReading(Quantity.RelativeHumidity, h.Percent, timestamp);
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
