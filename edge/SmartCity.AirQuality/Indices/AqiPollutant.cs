namespace SmartCity.AirQuality.Indices;

/// <summary>
/// A column of the US AQI breakpoint table: a pollutant together with its averaging period, because the EPA
/// gives ozone and SO2 separate tables for different averages.
/// Source: US EPA, Technical Assistance Document for the Reporting of Daily Air Quality – the Air Quality
/// Index (AQI), EPA-454/B-24-002, May 2024, Table 6 "Breakpoints for the AQI".
/// </summary>
public enum AqiPollutant
{
    /// <summary>PM2.5, 24-hour mean (or NowCast), µg/m³, truncated to 0.1.</summary>
    Pm25,
    /// <summary>PM10, 24-hour mean (or NowCast), µg/m³, truncated to an integer.</summary>
    Pm10,
    /// <summary>Ozone, 8-hour mean, ppm, truncated to 0.001. Defines AQI 0–300 only.</summary>
    O3EightHour,
    /// <summary>Ozone, 1-hour mean, ppm, truncated to 0.001. Defines AQI 101–500 only.</summary>
    O3OneHour,
    /// <summary>Carbon monoxide, 8-hour mean, ppm, truncated to 0.1.</summary>
    Co,
    /// <summary>Sulphur dioxide, 1-hour mean, ppb, truncated to an integer. Defines AQI 0–200 only.</summary>
    So2OneHour,
    /// <summary>Sulphur dioxide, 24-hour mean, ppb, truncated to an integer. Defines AQI 201–500 only.</summary>
    So2TwentyFourHour,
    /// <summary>Nitrogen dioxide, 1-hour mean, ppb, truncated to an integer.</summary>
    No2,
}
