namespace SmartCity.AirQuality.Indices;

/// <summary>
/// The EPA NowCast for particulate matter: a weighted mean of the last 12 hourly concentrations that leans on
/// the recent hours when air quality is changing. Sources: EPA-454/B-24-002 (May 2024), section IV "How the
/// NowCast is calculated"; AirNow, "Technical information: the NowCast" / "Computing the NowCast"
/// (weight factor w = c_min / c_max, at least 0.5 for PM; NowCast = Σ wⁱ·cᵢ / Σ wⁱ with i hours ago; valid
/// only when at least 2 of the 3 most recent hours are present; hourly inputs are used untruncated and the
/// NowCast is truncated like any PM concentration, 0.1 µg/m³ for PM2.5 and 1 µg/m³ for PM10).
/// </summary>
public static class NowCast
{
    /// <summary>Hours in the NowCast window.</summary>
    public const int WindowHours = 12;

    /// <summary>Smallest weight factor for particulate matter (approximates a 3-hour mean at the fastest).</summary>
    public const double MinimumWeightFactor = 0.5;

    /// <summary>
    /// Computes the PM NowCast from hourly means, most recent first (index 0 is the hour just ended, 1 the
    /// hour before, …; only the first 12 are used). Missing or invalid hours are NaN: they are skipped but keep
    /// their place, so the weights still follow the hours elapsed. The result is truncated per
    /// <see cref="AqiBreakpointTable.TruncationDecimals"/>.
    /// </summary>
    /// <returns>False when fewer than 2 of the 3 most recent hours are present, or the pollutant is not PM.</returns>
    public static bool TryCompute(AqiPollutant pollutant, ReadOnlySpan<double> hourlyMostRecentFirst, out double nowCast)
    {
        nowCast = double.NaN;
        if (pollutant is not (AqiPollutant.Pm25 or AqiPollutant.Pm10))
        {
            return false;
        }

        var window = hourlyMostRecentFirst.Length > WindowHours ? hourlyMostRecentFirst[..WindowHours] : hourlyMostRecentFirst;
        int recentPresent = 0;
        for (int i = 0; i < Math.Min(3, window.Length); i++)
        {
            if (IsPresent(window[i]))
            {
                recentPresent++;
            }
        }

        if (recentPresent < 2)
        {
            return false;
        }

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var c in window)
        {
            if (IsPresent(c))
            {
                min = Math.Min(min, c);
                max = Math.Max(max, c);
            }
        }

        // max == 0 means every hour was 0: no change, equal weights (and a NowCast of 0).
        double w = max > 0 ? Math.Max(min / max, MinimumWeightFactor) : 1.0;
        double numerator = 0, denominator = 0, weight = 1;
        foreach (var c in window)
        {
            if (IsPresent(c))
            {
                numerator += weight * c;
                denominator += weight;
            }

            weight *= w;
        }

        nowCast = UsAqi.Truncate(pollutant, numerator / denominator);
        return true;
    }

    /// <summary>The NowCast's AQI, or false when the NowCast is not valid.</summary>
    public static bool TryComputeAqi(AqiPollutant pollutant, ReadOnlySpan<double> hourlyMostRecentFirst, out AqiResult aqi)
    {
        aqi = default;
        return TryCompute(pollutant, hourlyMostRecentFirst, out var nowCast)
            && UsAqi.TryCalculate(pollutant, nowCast, out aqi, out _);
    }

    // A negative hourly mean is not a concentration; treat it as missing rather than let it flip the weights.
    private static bool IsPresent(double c) => double.IsFinite(c) && c >= 0;
}
