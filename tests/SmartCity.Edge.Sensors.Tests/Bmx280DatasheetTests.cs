using SmartCity.AirQuality;
using SmartCity.Edge.Sensors.Drivers.Bme280;
using SmartCity.Edge.Sensors.Drivers.Bmp280;
using SmartCity.Edge.Sensors.Simulation;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// The real Iot.Device.Bindings drivers against a simulated register map loaded with the datasheet's
/// calibration example. BMP280 datasheet (BST-BMP280-DS001-19) §3.12 table 16: dig_T1 27504, dig_T2 26435,
/// dig_T3 −1000, dig_P1 36477 … dig_P9 6000, adc_T 519888, adc_P 415148 → T = 25.08 °C, t_fine 128422,
/// p = 100653.27 Pa (100653 Pa with the 32-bit integer formula). The BME280 uses the same temperature and
/// pressure compensation; its humidity has no worked example, so the expected value is computed with the
/// datasheet's own 32-bit integer reference code (BME280 datasheet §4.2.3, bme280_compensate_H_int32).
/// </summary>
public sealed class Bmx280DatasheetTests
{
    private const int AdcT = 519888;
    private const int AdcP = 415148;

    [Fact]
    public void Bmp280_gives_the_datasheet_compensated_values()
    {
        var device = new SimulatedBmx280(withHumidity: false);
        device.SetRawTemperature(AdcT);
        device.SetRawPressure(AdcP);
        using var sensor = new Bmp280Sensor("baro", device);
        var readings = new SensorReading[2];
        var at = DateTimeOffset.UtcNow;

        Assert.True(sensor.TryRead(at, readings, out int written, out var fault), fault.ToString());

        Assert.Equal(2, written);
        Assert.Equal(Quantity.Temperature, readings[0].Quantity);
        Assert.Equal(25.08, readings[0].Value, 2);
        Assert.Equal("°C", readings[0].Unit);
        Assert.Equal(Quantity.Pressure, readings[1].Quantity);
        Assert.Equal(1006.5327, readings[1].Value, 4);
        Assert.Equal("hPa", readings[1].Unit);
        Assert.Equal(at, readings[1].Timestamp);
    }

    [Fact]
    public void Bme280_gives_the_datasheet_temperature_pressure_and_reference_humidity()
    {
        const int adcH = 30000;
        var device = new SimulatedBmx280(withHumidity: true);
        device.SetRawTemperature(AdcT);
        device.SetRawPressure(AdcP);
        device.SetRawHumidity(adcH);
        using var sensor = new Bme280Sensor("climate", device);
        var readings = new SensorReading[3];

        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out int written, out var fault), fault.ToString());

        Assert.Equal(3, written);
        Assert.Equal(25.08, readings[0].Value, 2);
        Assert.Equal(1006.5327, readings[2].Value, 4);

        var c = Bmx280Calibration.Datasheet;
        int tFine = ReferenceTFine(AdcT, c.T1, c.T2, c.T3);
        Assert.Equal(128422, tFine);
        double expectedHumidity = ReferenceHumidity(adcH, tFine, c.H1, c.H2, c.H3, c.H4, c.H5, c.H6) / 1024.0;
        Assert.Equal(54.997, expectedHumidity, 3);

        // The binding computes in floating point, the reference truncates at each step: they agree within the
        // sensor's humidity resolution of 0.008 %RH (BME280 datasheet table 1).
        Assert.Equal(Quantity.RelativeHumidity, readings[1].Quantity);
        Assert.Equal(expectedHumidity, readings[1].Value, 0.008);
    }

    [Theory]
    [InlineData(-12.5, 20.0, 985.0)]
    [InlineData(21.37, 55.5, 1013.25)]
    [InlineData(38.0, 88.0, 1040.0)]
    public void Simulated_environment_round_trips_through_the_real_binding(double celsius, double humidity, double hPa)
    {
        var device = new SimulatedBmx280(withHumidity: true);
        device.SetEnvironment(celsius, humidity, hPa);
        using var sensor = new Bme280Sensor("climate", device);
        var readings = new SensorReading[3];

        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out _, out _));

        // One ADC count: about 0.005 °C, 0.01 %RH and 0.002 hPa.
        Assert.Equal(celsius, readings[0].Value, 0.01);
        Assert.Equal(humidity, readings[1].Value, 0.05);
        Assert.Equal(hPa, readings[2].Value, 0.05);
    }

    [Fact]
    public void A_disconnected_device_is_a_bus_fault_not_an_exception()
    {
        var device = new SimulatedBmx280(withHumidity: true);
        device.SetEnvironment(20, 50, 1000);
        using var sensor = new Bme280Sensor("climate", device);
        device.Disconnected = true;
        var readings = new SensorReading[3];

        Assert.False(sensor.TryRead(DateTimeOffset.UtcNow, readings, out int written, out var fault));

        Assert.Equal(0, written);
        Assert.Equal(SensorFault.BusError, fault);
        Assert.Equal(1, sensor.Counters.BusErrors);
    }

    [Fact]
    public void A_missing_device_fails_to_open_with_an_io_exception()
    {
        var device = new SimulatedBmx280(withHumidity: true) { Disconnected = true };

        Assert.Throws<IOException>(() => new Bme280Sensor("climate", device));
    }

    [Fact]
    public void A_bmp280_is_not_accepted_as_a_bme280()
    {
        // Chip id 0x58 where the BME280 binding expects 0x60: the wrong part on the address is refused.
        var device = new SimulatedBmx280(withHumidity: false);

        Assert.Throws<IOException>(() => new Bme280Sensor("climate", device));
    }

    /// <summary>BMP280/BME280 datasheet, bmp280_compensate_T_int32: returns t_fine.</summary>
    private static int ReferenceTFine(int adcT, ushort t1, short t2, short t3)
    {
        int var1 = (((adcT >> 3) - (t1 << 1)) * t2) >> 11;
        int var2 = (((((adcT >> 4) - t1) * ((adcT >> 4) - t1)) >> 12) * t3) >> 14;
        return var1 + var2;
    }

    /// <summary>BME280 datasheet §4.2.3, bme280_compensate_H_int32: %RH in Q22.10.</summary>
    private static uint ReferenceHumidity(int adcH, int tFine, byte h1, short h2, byte h3, short h4, short h5, sbyte h6)
    {
        int v = tFine - 76800;
        v = ((((adcH << 14) - (h4 << 20) - (h5 * v)) + 16384) >> 15)
            * (((((((v * h6) >> 10) * (((v * h3) >> 11) + 32768)) >> 10) + 2097152) * h2 + 8192) >> 14);
        v -= ((((v >> 15) * (v >> 15)) >> 7) * h1) >> 4;
        v = v < 0 ? 0 : v;
        v = v > 419430400 ? 419430400 : v;
        return (uint)(v >> 12);
    }
}
