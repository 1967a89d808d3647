using SmartCity.AirQuality;
using SmartCity.Edge.Sensors.Drivers.Bme680;

namespace SmartCity.Edge.Sensors.Tests;

/// <summary>
/// Our <see cref="Bme680Sensor"/> (Iot.Device.Bindings' Bme680 inside) against a simulated BME680 register map.
/// The BME680 datasheet (Bosch BST-BME680-DS001) gives no worked numeric example, so the expected values are
/// computed here from its own compensation code: §3.3.1 temperature, §3.3.2 pressure, §3.3.3 humidity
/// (floating-point versions), temperature cross-checked with the §3.3.1 integer version, and gas resistance
/// with the §3.4.1 integer formula and its look-up table (const_array1_int / const_array2_int). The calibration
/// set is one typical of production parts; the int8 parameters par_t3, par_p3, par_p6 and par_p7 are positive
/// there: Iot.Device.Bindings 4.2.0 reads those four as unsigned bytes, so a part with a negative one would be
/// mis-compensated, and the driver cannot see that through the binding.
/// </summary>
public sealed class Bme680DatasheetTests
{
    private static readonly Bme680Calibration s_calibration = new(
        T1: 26041, T2: 26469, T3: 3,
        P1: 36513, P2: -10380, P3: 88, P4: 7148, P5: -95, P6: 30, P7: 46, P8: -2670, P9: -3150, P10: 30,
        H1: 788, H2: 1011, H3: 0, H4: 45, H5: 20, H6: 120, H7: -100,
        G1: -30, G2: -13054, G3: 18, ResHeatRange: 1, ResHeatVal: 46, RangeSwitchingError: 5);

    private const int TemperatureAdc = 502_112;
    private const int PressureAdc = 376_560;
    private const int HumidityAdc = 22_050;

    // §3.4.1 look-up table for the integer gas-resistance formula.
    private static readonly long[] s_constArray1Int =
    [
        2147483647, 2147483647, 2147483647, 2147483647, 2147483647, 2126008810, 2147483647, 2130303777,
        2147483647, 2147483647, 2143188679, 2136746228, 2147483647, 2126008810, 2147483647, 2147483647,
    ];

    private static readonly long[] s_constArray2Int =
    [
        4096000000, 2048000000, 1024000000, 512000000, 255744255, 127110228, 64000000, 32258064,
        16016016, 8000000, 4000000, 2000000, 1000000, 500000, 250000, 125000,
    ];

    [Theory]
    [InlineData(600, 5)]
    [InlineData(812, 0)]
    [InlineData(305, 7)]
    [InlineData(1000, 11)]
    public void Gives_the_datasheet_compensated_climate_values_and_gas_resistance(int gasAdc, int gasRange)
    {
        var device = new SimulatedBme680(s_calibration);
        device.SetRawClimate(TemperatureAdc, PressureAdc, HumidityAdc);
        device.SetRawGas(gasAdc, gasRange, valid: true, heaterStable: true);
        using var sensor = new Bme680Sensor("gas", device);
        var readings = new SensorReading[4];

        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out int written, out var fault), fault.ToString());

        Assert.Equal(4, written);
        double tFine = ReferenceTFine(TemperatureAdc);
        double celsius = tFine / 5120.0;
        Assert.InRange(celsius, 15, 35);
        Assert.Equal(ReferenceTemperatureCentidegrees(TemperatureAdc) / 100.0, celsius, 0.01);
        Assert.Equal(Quantity.Temperature, readings[0].Quantity);
        Assert.Equal(celsius, readings[0].Value, 1e-9);

        double humidity = ReferenceHumidity(HumidityAdc, celsius);
        Assert.InRange(humidity, 10, 90);
        Assert.Equal(Quantity.RelativeHumidity, readings[1].Quantity);
        Assert.Equal(humidity, readings[1].Value, 1e-9);

        double pascals = ReferencePressure(PressureAdc, tFine);
        Assert.InRange(pascals, 90_000, 110_000);
        Assert.Equal(Quantity.Pressure, readings[2].Quantity);
        Assert.Equal("hPa", readings[2].Unit);
        Assert.Equal(pascals / 100, readings[2].Value, 1e-9);

        // The integer formula truncates to whole ohms and its constants are rounded: 1 Ω plus 1 ppm.
        double ohms = ReferenceGasResistance(gasAdc, gasRange, s_calibration.RangeSwitchingError);
        Assert.Equal(Quantity.GasResistance, readings[3].Quantity);
        Assert.Equal(ohms, readings[3].Value, 1 + (ohms * 1e-6));
    }

    [Fact]
    public void Starts_a_forced_measurement_with_the_heater_on_profile_one()
    {
        var device = new SimulatedBme680(s_calibration);
        device.SetRawClimate(TemperatureAdc, PressureAdc, HumidityAdc);
        using var sensor = new Bme680Sensor("gas", device);

        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, new SensorReading[4], out _, out _));

        // Datasheet §5.3 (memory map): ctrl_meas 0x74 mode<1:0> = 01 (forced); ctrl_gas_1 0x71 run_gas (bit 4) with
        // heater set-point 0 (nb_conv<3:0>); ctrl_gas_0 0x70 heat_off (bit 3) clear; gas_wait_0 0x64 holds the heating
        // time as 6-bit value × factor 1/4/16/64 in bits 7:6: 150 ms becomes 37 × 4 = 148 ms, 0b01_100101 = 0x65.
        Assert.Equal(0b01, device.Register(0x74) & 0b11);
        Assert.Equal(0x10, device.Register(0x71) & 0x1F);
        Assert.Equal(0, device.Register(0x70) & 0x08);
        Assert.Equal(0x65, device.Register(0x64));
    }

    [Fact]
    public void Gas_resistance_is_left_out_while_the_heater_is_not_stable()
    {
        var device = new SimulatedBme680(s_calibration);
        device.SetRawClimate(TemperatureAdc, PressureAdc, HumidityAdc);
        device.SetRawGas(600, 5, valid: true, heaterStable: false);
        using var sensor = new Bme680Sensor("gas", device);
        var readings = new SensorReading[4];

        Assert.True(sensor.TryRead(DateTimeOffset.UtcNow, readings, out int written, out _));

        Assert.Equal(3, written);
        Assert.Equal(Quantity.Pressure, readings[2].Quantity);
        Assert.Equal(0, sensor.Counters.InvalidValues);
    }

    [Fact]
    public void A_disconnected_bme680_is_a_bus_fault()
    {
        var device = new SimulatedBme680(s_calibration);
        device.SetRawClimate(TemperatureAdc, PressureAdc, HumidityAdc);
        using var sensor = new Bme680Sensor("gas", device);
        device.Disconnected = true;

        Assert.False(sensor.TryRead(DateTimeOffset.UtcNow, new SensorReading[4], out int written, out var fault));

        Assert.Equal(0, written);
        Assert.Equal(SensorFault.BusError, fault);
        Assert.Equal(1, sensor.Counters.BusErrors);
    }

    /// <summary>§3.3.1 floating point: t_fine = var1 + var2.</summary>
    private static double ReferenceTFine(int tempAdc)
    {
        var c = s_calibration;
        double var1 = ((tempAdc / 16384.0) - (c.T1 / 1024.0)) * c.T2;
        double x = (tempAdc / 131072.0) - (c.T1 / 8192.0);
        double var2 = x * x * (c.T3 * 16.0);
        return var1 + var2;
    }

    /// <summary>§3.3.1 integer: temperature in 0.01 °C.</summary>
    private static int ReferenceTemperatureCentidegrees(int tempAdc)
    {
        var c = s_calibration;
        int var1 = (tempAdc >> 3) - (c.T1 << 1);
        int var2 = (var1 * c.T2) >> 11;
        int var3 = ((((var1 >> 1) * (var1 >> 1)) >> 12) * (c.T3 << 4)) >> 14;
        int tFine = var2 + var3;
        return ((tFine * 5) + 128) >> 8;
    }

    /// <summary>§3.3.2 floating point: pressure in Pa.</summary>
    private static double ReferencePressure(int pressAdc, double tFine)
    {
        var c = s_calibration;
        double var1 = (tFine / 2.0) - 64000.0;
        double var2 = var1 * var1 * (c.P6 / 131072.0);
        var2 += var1 * c.P5 * 2.0;
        var2 = (var2 / 4.0) + (c.P4 * 65536.0);
        var1 = ((c.P3 * var1 * var1 / 16384.0) + (c.P2 * var1)) / 524288.0;
        var1 = (1.0 + (var1 / 32768.0)) * c.P1;
        double p = 1048576.0 - pressAdc;
        p = (p - (var2 / 4096.0)) * 6250.0 / var1;
        var1 = c.P9 * p * p / 2147483648.0;
        var2 = p * (c.P8 / 32768.0);
        double var3 = (p / 256.0) * (p / 256.0) * (p / 256.0) * (c.P10 / 131072.0);
        return p + ((var1 + var2 + var3 + (c.P7 * 128.0)) / 16.0);
    }

    /// <summary>§3.3.3 floating point: relative humidity in %, cropped to 0–100.</summary>
    private static double ReferenceHumidity(int humAdc, double tempComp)
    {
        var c = s_calibration;
        double var1 = humAdc - ((c.H1 * 16.0) + (c.H3 / 2.0 * tempComp));
        double var2 = var1 * (c.H2 / 262144.0 * (1.0 + (c.H4 / 16384.0 * tempComp) + (c.H5 / 1048576.0 * tempComp * tempComp)));
        double var3 = c.H6 / 16384.0;
        double var4 = c.H7 / 2097152.0;
        double h = var2 + ((var3 + (var4 * tempComp)) * var2 * var2);
        return Math.Clamp(h, 0, 100);
    }

    /// <summary>§3.4.1 integer: gas resistance in Ω from gas_r, gas_range and range_switching_error.</summary>
    private static double ReferenceGasResistance(int gasAdc, int gasRange, int rangeSwitchingError)
    {
        long var1 = ((1340 + (5 * (long)rangeSwitchingError)) * s_constArray1Int[gasRange]) >> 16;
        long var2 = ((long)gasAdc << 15) - 16777216 + var1;
        return (int)((((s_constArray2Int[gasRange] * var1) >> 9) + (var2 >> 1)) / var2);
    }
}
