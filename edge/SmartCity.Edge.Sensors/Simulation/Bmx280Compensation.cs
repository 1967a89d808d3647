namespace SmartCity.Edge.Sensors.Simulation;

/// <summary>
/// The BMP280/BME280 compensation formulas in floating point (BMP280 datasheet §8.1, BME280 datasheet §8.1)
/// and their inverses, used by <see cref="SimulatedBmx280"/> to turn a wanted value into raw ADC counts.
/// All three are monotonic in the raw value, so bisection finds the count.
/// </summary>
internal static class Bmx280Compensation
{
    public static double TemperatureFine(Bmx280Calibration c, int adcT)
    {
        double var1 = ((adcT / 16384.0) - (c.T1 / 1024.0)) * c.T2;
        double d = (adcT / 131072.0) - (c.T1 / 8192.0);
        double var2 = d * d * c.T3;
        return var1 + var2;
    }

    public static double Temperature(Bmx280Calibration c, int adcT) => TemperatureFine(c, adcT) / 5120.0;

    public static double Pressure(Bmx280Calibration c, double tFine, int adcP)
    {
        double var1 = (tFine / 2.0) - 64000.0;
        double var2 = var1 * var1 * c.P6 / 32768.0;
        var2 += var1 * c.P5 * 2.0;
        var2 = (var2 / 4.0) + (c.P4 * 65536.0);
        var1 = ((c.P3 * var1 * var1 / 524288.0) + (c.P2 * var1)) / 524288.0;
        var1 = (1.0 + (var1 / 32768.0)) * c.P1;
        if (var1 == 0)
        {
            return 0;
        }

        double p = 1048576.0 - adcP;
        p = (p - (var2 / 4096.0)) * 6250.0 / var1;
        var1 = c.P9 * p * p / 2147483648.0;
        var2 = p * c.P8 / 32768.0;
        return p + ((var1 + var2 + c.P7) / 16.0);
    }

    public static double Humidity(Bmx280Calibration c, double tFine, int adcH)
    {
        double h = tFine - 76800.0;
        h = (adcH - ((c.H4 * 64.0) + (c.H5 / 16384.0 * h)))
            * (c.H2 / 65536.0 * (1.0 + (c.H6 / 67108864.0 * h * (1.0 + (c.H3 / 67108864.0 * h)))));
        h *= 1.0 - (c.H1 * h / 524288.0);
        return Math.Clamp(h, 0, 100);
    }

    public static int InvertTemperature(Bmx280Calibration c, double celsius) =>
        Bisect(0, (1 << 20) - 1, adc => Temperature(c, adc) < celsius);

    public static int InvertPressure(Bmx280Calibration c, double tFine, double pascals) =>
        Bisect(0, (1 << 20) - 1, adc => Pressure(c, tFine, adc) > pascals);

    public static int InvertHumidity(Bmx280Calibration c, double tFine, double percent) =>
        Bisect(0, 65535, adc => Humidity(c, tFine, adc) < percent);

    /// <summary>Smallest value in [lo, hi] for which <paramref name="below"/> is false.</summary>
    private static int Bisect(int lo, int hi, Func<int, bool> below)
    {
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            if (below(mid))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
