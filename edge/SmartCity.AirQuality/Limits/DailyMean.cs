namespace SmartCity.AirQuality.Limits;

/// <summary>A calendar day's mean of valid hourly means.</summary>
/// <param name="Date">The UTC calendar day.</param>
/// <param name="Mean">Mean of the valid hourly means (NaN when there are none).</param>
/// <param name="ValidHours">Number of valid hourly means that day.</param>
/// <param name="IsValid">True when <paramref name="ValidHours"/> meets <see cref="CoverageRules.MinimumHoursPerDay"/>.</param>
public readonly record struct DailyMean(DateOnly Date, double Mean, int ValidHours, bool IsValid);
