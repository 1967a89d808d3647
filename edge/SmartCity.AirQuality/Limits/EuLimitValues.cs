namespace SmartCity.AirQuality.Limits;

/// <summary>The EU limit values for the protection of human health that this library counts exceedances of.</summary>
public static class EuLimitValues
{
    private const string Directive2008 = "Directive 2008/50/EC, Annex XI";
    private const string Directive2030 = "Directive (EU) 2024/2881, Annex I, Section 1, Table 1 (to be attained by 1 January 2030)";

    /// <summary>
    /// Directive 2008/50/EC on ambient air quality and cleaner air for Europe, Annex XI (PM10, NO2, SO2) and
    /// Annex XIV (PM2.5 annual limit, stage 1): PM10 daily 50 µg/m³ ≤ 35 days, PM10 annual 40; PM2.5 annual 25;
    /// NO2 hourly 200 ≤ 18 hours, NO2 annual 40; SO2 hourly 350 ≤ 24 hours, SO2 daily 125 ≤ 3 days.
    /// </summary>
    public static IReadOnlyList<LimitValue> Current { get; } =
    [
        new(Pollutant.Pm10, AveragingPeriod.Day, 50, 35, Directive2008),
        new(Pollutant.Pm10, AveragingPeriod.CalendarYear, 40, 0, Directive2008),
        new(Pollutant.Pm25, AveragingPeriod.CalendarYear, 25, 0, "Directive 2008/50/EC, Annex XIV"),
        new(Pollutant.No2, AveragingPeriod.Hour, 200, 18, Directive2008),
        new(Pollutant.No2, AveragingPeriod.CalendarYear, 40, 0, Directive2008),
        new(Pollutant.So2, AveragingPeriod.Hour, 350, 24, Directive2008),
        new(Pollutant.So2, AveragingPeriod.Day, 125, 3, Directive2008),
    ];

    /// <summary>
    /// Directive (EU) 2024/2881 of 23 October 2024 on ambient air quality and cleaner air for Europe (recast),
    /// OJ L 2024/2881, 20.11.2024, Annex I Section 1 Table 1, limit values to be attained by 1 January 2030:
    /// PM2.5 daily 25 µg/m³ ≤ 18 days, annual 10; PM10 daily 45 ≤ 18 days, annual 20; NO2 hourly 200 ≤ 3 hours,
    /// daily 50 ≤ 18 days, annual 20; SO2 hourly 350 ≤ 3 hours, daily 50 ≤ 18 days, annual 20.
    /// </summary>
    public static IReadOnlyList<LimitValue> From2030 { get; } =
    [
        new(Pollutant.Pm25, AveragingPeriod.Day, 25, 18, Directive2030),
        new(Pollutant.Pm25, AveragingPeriod.CalendarYear, 10, 0, Directive2030),
        new(Pollutant.Pm10, AveragingPeriod.Day, 45, 18, Directive2030),
        new(Pollutant.Pm10, AveragingPeriod.CalendarYear, 20, 0, Directive2030),
        new(Pollutant.No2, AveragingPeriod.Hour, 200, 3, Directive2030),
        new(Pollutant.No2, AveragingPeriod.Day, 50, 18, Directive2030),
        new(Pollutant.No2, AveragingPeriod.CalendarYear, 20, 0, Directive2030),
        new(Pollutant.So2, AveragingPeriod.Hour, 350, 3, Directive2030),
        new(Pollutant.So2, AveragingPeriod.Day, 50, 18, Directive2030),
        new(Pollutant.So2, AveragingPeriod.CalendarYear, 20, 0, Directive2030),
    ];

    /// <summary>The daily limit for <paramref name="pollutant"/> in <paramref name="limits"/>, if there is one.</summary>
    public static LimitValue? DailyLimit(IReadOnlyList<LimitValue> limits, Pollutant pollutant)
    {
        ArgumentNullException.ThrowIfNull(limits);
        foreach (var limit in limits)
        {
            if (limit.Pollutant == pollutant && limit.Period == AveragingPeriod.Day)
            {
                return limit;
            }
        }

        return null;
    }
}
