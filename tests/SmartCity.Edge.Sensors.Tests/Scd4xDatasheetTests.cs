using SmartCity.AirQuality;
using SmartCity.Edge.Sensors.Drivers.Scd4x;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// Our <see cref="Scd4xSensor"/> (Iot.Device.Bindings' Scd4x inside) against a device answering raw words.
/// Sensirion SCD4x datasheet §3.6.2 read_measurement (0xEC05): CO₂ = word ppm, T = −45 + 175·word/65535 °C,
/// RH = 100·word/65535 %; CRC-8 §3.11. The binding waits one full 5 s measurement period after starting before it
/// even asks data-ready (it times that wait on Environment.TickCount), so this cannot be made faster than ~5.5 s;
/// both cases therefore run in one test on two devices side by side.
/// </summary>
public sealed class Scd4xDatasheetTests
{
    [Fact]
    public async Task Converts_the_datasheet_words_and_reports_a_bad_crc_as_a_fault()
    {
        var good = new ScriptedScd4x { Co2Word = 0x01F4, TemperatureWord = 0x6667, HumidityWord = 0x5EB9 };
        var corrupt = new ScriptedScd4x
        {
            Co2Word = 0x01F4, TemperatureWord = 0x6667, HumidityWord = 0x5EB9, CorruptTemperatureCrc = true,
        };
        using var goodSensor = new Scd4xSensor("co2", good);
        using var corruptSensor = new Scd4xSensor("co2-b", corrupt);
        var readings = new SensorReading[3];
        var at = DateTimeOffset.UtcNow;

        var corruptRead = Task.Run(() =>
        {
            bool ok = corruptSensor.TryRead(at, new SensorReading[3], out int n, out var f);
            return (ok, n, f);
        });
        Assert.True(goodSensor.TryRead(at, readings, out int written, out var fault), fault.ToString());
        var (corruptOk, corruptWritten, corruptFault) = await corruptRead;

        // The datasheet example words: 0x01F4 = 500 ppm, 0x6667 → 25.0 °C, 0x5EB9 → 37.0 %RH.
        Assert.Equal(3, written);
        Assert.Equal(Quantity.Co2, readings[0].Quantity);
        Assert.Equal(500.0, readings[0].Value);
        Assert.Equal(Quantity.Temperature, readings[1].Quantity);
        Assert.Equal(-45 + (175.0 * 0x6667 / 65535), readings[1].Value, 1e-9);
        Assert.Equal(25.0, readings[1].Value, 0.01);
        Assert.Equal(Quantity.RelativeHumidity, readings[2].Quantity);
        Assert.Equal(100.0 * 0x5EB9 / 65535, readings[2].Value, 1e-9);
        Assert.Equal(37.0, readings[2].Value, 0.01);

        // The sensor was started, asked for data-ready, then read (commands of §3.5–3.6, in that order).
        Assert.Equal([0x3F86, 0x3646, 0x21B1, 0xE4B8, 0xEC05], good.Commands);

        Assert.False(corruptOk);
        Assert.Equal(0, corruptWritten);
        Assert.Equal(SensorFault.InvalidValue, corruptFault);
        Assert.Equal(1, corruptSensor.Counters.InvalidValues);
    }
}
