namespace SmartCity.AirQuality.Limits;

/// <summary>The averaging period a limit value applies to.</summary>
public enum AveragingPeriod
{
    /// <summary>One clock hour.</summary>
    Hour,
    /// <summary>One calendar day (24 hourly means).</summary>
    Day,
    /// <summary>One calendar year.</summary>
    CalendarYear,
}
