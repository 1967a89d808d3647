using SmartCity.AirQuality;
using SmartCity.Edge.Sensors.Drivers.Sht4x;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// Our <see cref="Sht4xSensor"/> (Iot.Device.Bindings' Sht4x inside) against a simulated SHT4x. Sensirion SHT4x
/// datasheet: CRC-8 §4.4 (polynomial 0x31, init 0xFF, example CRC(0xBEEF) = 0x92), commands §4.5 (0xFD = measure
/// T and RH with high precision, 6-byte answer), conversion §4.6: T = −45 + 175·S_T/65535 °C,
/// RH = −6 + 125·S_RH/65535 %RH, cropped to 0–100 %RH.
/// </summary>
public sealed class Sht4xDatasheetTests
{
    [Fact]
    public void Crc_matches_the_datasheet_example()
    {
        Assert.Equal(0x92, SensirionCrc.Of(0xBE, 0xEF));
    }

    [Theory]
    [InlineData(0x6666, 0x8000)]
    [InlineData(0x0000, 0x0C4A)]
    [InlineData(0xFFFF, 0xF333)]
    [InlineData(0x4B5A, 0x5E1F)]
    public void Gives_the_datasheet_conversion_of_the_raw_words(int temperatureTicks, int humidityTicks)
    {
        var device = new SimulatedSht4x { TemperatureTicks = (ushort)temperatureTicks, HumidityTicks = (ushort)humidityTicks };
        using var sensor = new Sht4xSensor("rh", device);
        var readings = new SensorReading[2];
        var at = DateTimeOffset.UtcNow;

        Assert.True(sensor.TryRead(at, readings, out int written, out var fault), fault.ToString());

        Assert.Equal(2, written);
        Assert.Equal(0xFD, device.LastCommand);
        Assert.Equal(Quantity.Temperature, readings[0].Quantity);
        Assert.Equal(-45 + (175.0 * temperatureTicks / 65535), readings[0].Value, 1e-9);
        Assert.Equal(Quantity.RelativeHumidity, readings[1].Quantity);
        Assert.Equal(Math.Clamp(-6 + (125.0 * humidityTicks / 65535), 0, 100), readings[1].Value, 1e-9);
        Assert.Equal(at, readings[1].Timestamp);
    }

    [Fact]
    public void Known_points_of_the_conversion()
    {
        // 0x6666 = 26214 → −45 + 175·0.4 = 25 °C; from 0xF333 up the formula passes 100 %RH and is cropped.
        var device = new SimulatedSht4x { TemperatureTicks = 0x6666, HumidityTicks = 0xFFFF };
        using var sensor = new Sht4xSensor("rh", device);
        var readings = new SensorReading[2];

        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out _));

        Assert.Equal(25.0, readings[0].Value, 1e-9);
        Assert.Equal(100.0, readings[1].Value, 1e-9);
    }

    [Fact]
    public void A_bad_crc_is_an_invalid_value_fault_not_a_number()
    {
        var device = new SimulatedSht4x { TemperatureTicks = 0x6666, HumidityTicks = 0x8000, CorruptHumidityCrc = true };
        using var sensor = new Sht4xSensor("rh", device);
        var readings = new SensorReading[2];

        Assert.False(sensor.TryRead(DateTimeOffset.UtcNow, readings, out int written, out var fault));

        Assert.Equal(0, written);
        Assert.Equal(SensorFault.InvalidValue, fault);
        Assert.Equal(1, sensor.Counters.InvalidValues);
        Assert.Equal(0, sensor.Counters.Reads);
    }

    [Fact]
    public void A_disconnected_device_is_a_bus_fault_and_the_driver_recovers_when_it_returns()
    {
        var device = new SimulatedSht4x { TemperatureTicks = 0x6666, HumidityTicks = 0x8000 };
        using var sensor = new Sht4xSensor("rh", device);
        var readings = new SensorReading[2];
        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out _));

        device.Disconnected = true;
        for (int i = 0; i < 3; i++)
        {
            Assert.False(sensor.TryRead(DateTimeOffset.UtcNow, readings, out int written, out var fault));
            Assert.Equal(0, written);
            Assert.Equal(SensorFault.BusError, fault);
        }

        device.Disconnected = false;
        device.TemperatureTicks = 0x7000;
        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out int again, out var none), none.ToString());

        Assert.Equal(2, again);
        Assert.Equal(-45 + (175.0 * 0x7000 / 65535), readings[0].Value, 1e-9);
        Assert.Equal(3, sensor.Counters.BusErrors);
        Assert.Equal(2, sensor.Counters.Reads);
    }
}
