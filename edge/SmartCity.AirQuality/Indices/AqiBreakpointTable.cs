namespace SmartCity.AirQuality.Indices;

/// <summary>
/// The US AQI breakpoints as revised with the PM NAAQS on 7 February 2024 (effective 6 May 2024):
/// US EPA, "Technical Assistance Document for the Reporting of Daily Air Quality – the Air Quality Index
/// (AQI)", EPA-454/B-24-002, May 2024, Table 6 "Breakpoints for the AQI" (also 40 CFR Part 58 Appendix G,
/// Table 2, as amended at 89 FR 16202, 6 March 2024). The 2024 revision lowered PM2.5 "Good" to 0.0–9.0 µg/m³,
/// moved the PM2.5 upper rows (55.5–125.4, 125.5–225.4, 225.5–325.4) and merged the two Hazardous rows
/// (301–400, 401–500) of every pollutant into one 301–500 row.
/// </summary>
public static class AqiBreakpointTable
{
    private static readonly AqiBreakpoint[] Pm25 =
    [
        new(0.0, 9.0, 0, 50),
        new(9.1, 35.4, 51, 100),
        new(35.5, 55.4, 101, 150),
        new(55.5, 125.4, 151, 200),
        new(125.5, 225.4, 201, 300),
        new(225.5, 325.4, 301, 500),
    ];

    private static readonly AqiBreakpoint[] Pm10 =
    [
        new(0, 54, 0, 50),
        new(55, 154, 51, 100),
        new(155, 254, 101, 150),
        new(255, 354, 151, 200),
        new(355, 424, 201, 300),
        new(425, 604, 301, 500),
    ];

    // 8-hour ozone values do not define AQI values above 300; those come from 1-hour ozone (Table 6, note).
    private static readonly AqiBreakpoint[] O3EightHour =
    [
        new(0.000, 0.054, 0, 50),
        new(0.055, 0.070, 51, 100),
        new(0.071, 0.085, 101, 150),
        new(0.086, 0.105, 151, 200),
        new(0.106, 0.200, 201, 300),
    ];

    // 1-hour ozone defines AQI from 101 only (used where it is more precautionary than the 8-hour value).
    private static readonly AqiBreakpoint[] O3OneHour =
    [
        new(0.125, 0.164, 101, 150),
        new(0.165, 0.204, 151, 200),
        new(0.205, 0.404, 201, 300),
        new(0.405, 0.604, 301, 500),
    ];

    private static readonly AqiBreakpoint[] Co =
    [
        new(0.0, 4.4, 0, 50),
        new(4.5, 9.4, 51, 100),
        new(9.5, 12.4, 101, 150),
        new(12.5, 15.4, 151, 200),
        new(15.5, 30.4, 201, 300),
        new(30.5, 50.4, 301, 500),
    ];

    // 1-hour SO2 defines AQI up to 200; above 304 ppb the AQI comes from the 24-hour mean (Table 6, note).
    private static readonly AqiBreakpoint[] So2OneHour =
    [
        new(0, 35, 0, 50),
        new(36, 75, 51, 100),
        new(76, 185, 101, 150),
        new(186, 304, 151, 200),
    ];

    private static readonly AqiBreakpoint[] So2TwentyFourHour =
    [
        new(305, 604, 201, 300),
        new(605, 1004, 301, 500),
    ];

    private static readonly AqiBreakpoint[] No2 =
    [
        new(0, 53, 0, 50),
        new(54, 100, 51, 100),
        new(101, 360, 101, 150),
        new(361, 649, 151, 200),
        new(650, 1249, 201, 300),
        new(1250, 2049, 301, 500),
    ];

    /// <summary>The rows for <paramref name="pollutant"/>, lowest first.</summary>
    public static ReadOnlySpan<AqiBreakpoint> For(AqiPollutant pollutant) => pollutant switch
    {
        AqiPollutant.Pm25 => Pm25,
        AqiPollutant.Pm10 => Pm10,
        AqiPollutant.O3EightHour => O3EightHour,
        AqiPollutant.O3OneHour => O3OneHour,
        AqiPollutant.Co => Co,
        AqiPollutant.So2OneHour => So2OneHour,
        AqiPollutant.So2TwentyFourHour => So2TwentyFourHour,
        AqiPollutant.No2 => No2,
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, "Unknown AQI pollutant."),
    };

    /// <summary>
    /// Decimal places the concentration is truncated to before the table is applied (TAD 2024, section IV:
    /// O3 0.001 ppm, PM2.5 0.1 µg/m³, PM10 1 µg/m³, CO 0.1 ppm, SO2 1 ppb, NO2 1 ppb).
    /// </summary>
    public static int TruncationDecimals(AqiPollutant pollutant) => pollutant switch
    {
        AqiPollutant.Pm25 or AqiPollutant.Co => 1,
        AqiPollutant.Pm10 or AqiPollutant.So2OneHour or AqiPollutant.So2TwentyFourHour or AqiPollutant.No2 => 0,
        AqiPollutant.O3EightHour or AqiPollutant.O3OneHour => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, "Unknown AQI pollutant."),
    };

    /// <summary>The unit the table is written in: "µg/m³", "ppm" or "ppb".</summary>
    public static string Unit(AqiPollutant pollutant) => pollutant switch
    {
        AqiPollutant.Pm25 or AqiPollutant.Pm10 => "µg/m³",
        AqiPollutant.O3EightHour or AqiPollutant.O3OneHour or AqiPollutant.Co => "ppm",
        AqiPollutant.So2OneHour or AqiPollutant.So2TwentyFourHour or AqiPollutant.No2 => "ppb",
        _ => throw new ArgumentOutOfRangeException(nameof(pollutant), pollutant, "Unknown AQI pollutant."),
    };

    /// <summary>
    /// True when concentrations above the top row are reported "beyond the AQI" by extending the top row;
    /// false when the table stops because another averaging period takes over (8-hour O3, 1-hour SO2).
    /// </summary>
    public static bool ExtendsBeyondTop(AqiPollutant pollutant) =>
        pollutant is not (AqiPollutant.O3EightHour or AqiPollutant.So2OneHour);
}
