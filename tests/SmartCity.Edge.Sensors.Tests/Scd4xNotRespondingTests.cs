using System.Device.I2c;
using SmartCity.Edge.Sensors.Drivers.Scd4x;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// Regression (smartcity-fuzz, sensors target): an SCD4x whose data-ready word never says "ready" made
/// Iot.Device.Bindings throw a plain <see cref="Exception"/> ("SCD4x not responding.") out of
/// <see cref="ISensor.TryRead"/>. It must be a reported bus fault instead.
/// </summary>
public sealed class Scd4xNotRespondingTests
{
    [Fact]
    public void A_sensor_that_is_never_ready_is_a_bus_fault_not_an_exception()
    {
        using var sensor = new Scd4xSensor("co2", new NeverReadyScd4x());
        SensorReading[] readings = new SensorReading[sensor.MaxReadings];

        bool ok = sensor.TryRead(DateTimeOffset.UtcNow, readings, out int written, out SensorFault fault);

        Assert.False(ok);
        Assert.Equal(0, written);
        Assert.Equal(SensorFault.BusError, fault);
        Assert.Equal(1, sensor.Counters.Snapshot().BusErrors);
    }

    /// <summary>Answers every data-ready query with 0x8000 (low 11 bits zero: not ready), with a valid CRC.</summary>
    private sealed class NeverReadyScd4x : I2cDevice
    {
        private readonly I2cConnectionSettings _settings = new(1, 0x62);

        public override I2cConnectionSettings ConnectionSettings => _settings;

        public override void Read(Span<byte> buffer)
        {
            for (int i = 0; i + 3 <= buffer.Length; i += 3)
            {
                SensirionCrc.WriteWord(buffer[i..], 0x8000);
            }
        }

        public override byte ReadByte() => 0x80;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
        }

        public override void WriteByte(byte value)
        {
        }

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => Read(readBuffer);
    }
}
