namespace SmartCity.AirQuality.Limits;

/// <summary>
/// An EU limit value: the mean of <see cref="Pollutant"/> over <see cref="Period"/> may exceed
/// <see cref="Value"/> (µg/m³) at most <see cref="AllowedExceedances"/> times per calendar year
/// (0 for annual limits).
/// </summary>
/// <param name="Pollutant">The pollutant.</param>
/// <param name="Period">The averaging period.</param>
/// <param name="Value">The limit, µg/m³. A mean strictly greater than the value is an exceedance.</param>
/// <param name="AllowedExceedances">Exceedances tolerated per calendar year.</param>
/// <param name="Source">The legal text, e.g. "Directive 2008/50/EC, Annex XI".</param>
public sealed record LimitValue(Pollutant Pollutant, AveragingPeriod Period, double Value, int AllowedExceedances, string Source)
{
    /// <summary>A short label such as "PM10 daily 50 µg/m³ (≤ 35/yr)".</summary>
    public string Label => Period == AveragingPeriod.CalendarYear
        ? $"{PollutantName} annual {Value:0.#} µg/m³"
        : $"{PollutantName} {(Period == AveragingPeriod.Hour ? "hourly" : "daily")} {Value:0.#} µg/m³ (≤ {AllowedExceedances}/yr)";

    private string PollutantName => Pollutant switch
    {
        Pollutant.Pm25 => "PM2.5",
        Pollutant.Pm10 => "PM10",
        Pollutant.No2 => "NO2",
        Pollutant.O3 => "O3",
        Pollutant.So2 => "SO2",
        Pollutant.Co => "CO",
        _ => Pollutant.ToString(),
    };
}
