namespace SmartCity.AirQuality;

/// <summary>
/// Humidity corrections for optical particulate sensors. Results go into a separate field: the raw
/// reading is never overwritten, so a later, better correction can be applied to the same data.
/// </summary>
public static class HumidityCorrection
{
    /// <summary>
    /// US EPA nationwide correction for PurpleAir (Plantower PMS5003) PM2.5:
    /// PM2.5 = 0.524 · PM_cf1 − 0.0862 · RH + 5.75 (µg/m³, RH in %).
    /// Source: Barkjohn, Gantt, Clements, "Development and application of a United States-wide correction for
    /// PM2.5 data collected with the PurpleAir sensor", Atmos. Meas. Tech. 14, 4617–4637 (2021).
    /// Fitted for 24-h data below about 250 µg/m³ on the PMS5003's CF=1 channel; on an SDS011 it is an estimate.
    /// </summary>
    /// <param name="pmCf1">Raw PM2.5 on the sensor's CF=1 channel, µg/m³.</param>
    /// <param name="rh">Relative humidity, %.</param>
    public static double EpaPm25(double pmCf1, double rh) => 0.524 * pmCf1 - 0.0862 * rh + 5.75;

    /// <summary>
    /// <see cref="EpaPm25"/> clamped at 0: the linear fit goes negative in very clean, humid air, and a negative
    /// concentration cannot be reported.
    /// </summary>
    public static double EpaPm25NonNegative(double pmCf1, double rh) => Math.Max(0.0, EpaPm25(pmCf1, rh));
}
