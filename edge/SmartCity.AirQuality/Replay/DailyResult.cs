using SmartCity.AirQuality.Indices;
using SmartCity.AirQuality.Limits;

namespace SmartCity.AirQuality.Replay;

/// <summary>One UTC calendar day of one series.</summary>
/// <param name="Date">The day.</param>
/// <param name="Mean">Mean of the day's valid hourly means.</param>
/// <param name="ValidHours">Valid hourly means that day.</param>
/// <param name="IsValid">At least <see cref="CoverageRules.MinimumHoursPerDay"/> valid hours.</param>
/// <param name="MaxHourlyMean">Highest valid hourly mean of the day.</param>
/// <param name="MaxHourStart">When that hour started.</param>
/// <param name="Aqi">PM only, valid days only: US AQI of the 24-hour mean.</param>
/// <param name="DailyLimit">PM only: the EU daily limit applied, if the chosen set has one for the pollutant.</param>
/// <param name="ExceedsDailyLimit">True when the day is valid and its mean is above <paramref name="DailyLimit"/>.</param>
public sealed record DailyResult(
    DateOnly Date,
    double Mean,
    int ValidHours,
    bool IsValid,
    double MaxHourlyMean,
    DateTimeOffset? MaxHourStart,
    AqiResult? Aqi,
    LimitValue? DailyLimit,
    bool ExceedsDailyLimit);
