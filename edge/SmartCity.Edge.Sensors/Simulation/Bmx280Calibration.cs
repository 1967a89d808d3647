namespace SmartCity.Edge.Sensors.Simulation;

/// <summary>
/// Trimming parameters of a BMP280/BME280 as stored in its NVM (registers 0x88–0xA1, 0xE1–0xE7).
/// <see cref="Datasheet"/> is the worked example of the BMP280 datasheet (BST-BMP280-DS001, §3.12, table 16),
/// which the BME280 shares for temperature and pressure.
/// </summary>
public sealed record Bmx280Calibration(
    ushort T1, short T2, short T3,
    ushort P1, short P2, short P3, short P4, short P5, short P6, short P7, short P8, short P9,
    byte H1 = 0, short H2 = 0, byte H3 = 0, short H4 = 0, short H5 = 0, sbyte H6 = 0)
{
    /// <summary>
    /// The datasheet example: T1 27504, T2 26435, T3 −1000, P1 36477, P2 −10685, P3 3024, P4 2855, P5 140, P6 −7,
    /// P7 15500, P8 −14600, P9 6000 (adc_T 519888 → 25.08 °C, adc_P 415148 → 100653.27 Pa). The humidity trimming
    /// values (no worked example exists in the BME280 datasheet) are those of a production BME280.
    /// </summary>
    public static Bmx280Calibration Datasheet { get; } = new(
        27504, 26435, -1000,
        36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
        H1: 75, H2: 362, H3: 0, H4: 313, H5: 50, H6: 30);
}
