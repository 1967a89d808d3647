using System.Device.I2c;
using SmartCity.AirQuality;
using SmartCity.Edge.Sensors.Drivers.Sht3x;
using SmartCity.Edge.Sensors;
using Xunit;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// SHT3x through our own single-shot driver against a simulated device (SHT3x-DIS datasheet v6: command 0x2400
/// table 9, conversion section 4.13, CRC section 4.12).
/// </summary>
public class Sht3xDatasheetTests
{
    [Theory]
    [InlineData((ushort)0x6666, (ushort)0x8000)] // 25.0 °C, 50.0 %RH
    [InlineData((ushort)0x0000, (ushort)0x0000)] // -45 °C, 0 %RH: the ends of the scale
    [InlineData((ushort)0xFFFF, (ushort)0xFFFF)] // 130 °C, 100 %RH
    public void Raw_words_convert_with_the_datasheet_formulas(ushort temperatureTicks, ushort humidityTicks)
    {
        var device = new SimulatedSht3x { TemperatureTicks = temperatureTicks, HumidityTicks = humidityTicks };
        using var sensor = new Sht3xSensor("climate", device);
        Span<SensorReading> readings = stackalloc SensorReading[2];

        Assert.True(sensor.TryRead(DateTimeOffset.UnixEpoch, readings, out int written, out var fault), fault.ToString());

        Assert.Equal(2, written);
        Assert.Equal(new byte[] { 0x24, 0x00 }, device.LastCommand);
        Assert.Equal(Quantity.Temperature, readings[0].Quantity);
        Assert.Equal(-45 + (175.0 * temperatureTicks / 65535), readings[0].Value, 9);
        Assert.Equal(Quantity.RelativeHumidity, readings[1].Quantity);
        Assert.Equal(100.0 * humidityTicks / 65535, readings[1].Value, 9);
    }

    [Fact]
    public void A_corrupted_word_is_a_fault_not_a_stale_value()
    {
        var device = new SimulatedSht3x { TemperatureTicks = 0x6666, HumidityTicks = 0x8000 };
        using var sensor = new Sht3xSensor("climate", device);
        Span<SensorReading> readings = stackalloc SensorReading[2];
        Assert.True(sensor.TryRead(DateTimeOffset.UnixEpoch, readings, out _, out _));

        device.CorruptTemperatureCrc = true;
        Assert.False(sensor.TryRead(DateTimeOffset.UnixEpoch, readings, out int written, out var fault));
        Assert.Equal(0, written);
        Assert.Equal(SensorFault.InvalidValue, fault);
        Assert.Equal(1, sensor.Counters.InvalidValues);
    }

    [Fact]
    public void An_unplugged_device_is_a_bus_error_and_reading_resumes_when_it_returns()
    {
        var device = new SimulatedSht3x { TemperatureTicks = 0x6666, HumidityTicks = 0x8000, Disconnected = true };
        using var sensor = new Sht3xSensor("climate", device);
        Span<SensorReading> readings = stackalloc SensorReading[2];
        Assert.False(sensor.TryRead(DateTimeOffset.UnixEpoch, readings, out _, out var fault));
        Assert.Equal(SensorFault.BusError, fault);

        device.Disconnected = false;
        Assert.True(sensor.TryRead(DateTimeOffset.UnixEpoch, readings, out _, out _));
        Assert.Equal(25.0, readings[0].Value, 3);
    }

    private sealed class SimulatedSht3x : I2cDevice
    {
        private readonly byte[] _answer = new byte[6];

        public ushort TemperatureTicks { get; set; }

        public ushort HumidityTicks { get; set; }

        public bool CorruptTemperatureCrc { get; set; }

        public bool Disconnected { get; set; }

        public byte[] LastCommand { get; private set; } = [];

        public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x44);

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Check();
            LastCommand = buffer.ToArray();
            SensirionCrc.WriteWord(_answer, TemperatureTicks);
            SensirionCrc.WriteWord(_answer.AsSpan(3), HumidityTicks);
            if (CorruptTemperatureCrc)
            {
                _answer[2] ^= 0x01;
            }
        }

        public override void WriteByte(byte value) => Write([value]);

        public override void Read(Span<byte> buffer)
        {
            Check();
            _answer.AsSpan(0, Math.Min(buffer.Length, _answer.Length)).CopyTo(buffer);
        }

        public override byte ReadByte() => throw new NotSupportedException("The SHT3x answers 6-byte reads only.");

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
        {
            Write(writeBuffer);
            Read(readBuffer);
        }

        private void Check()
        {
            if (Disconnected)
            {
                throw new IOException("Error 121 performing I2C data transfer.");
            }
        }
    }
}
