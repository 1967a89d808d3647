using SmartCity.AirQuality.Indices;

namespace SmartCity.Cloud.Dashboard.Alerts;

/// <summary>
/// Hourly PM2.5 means per device and sensor, kept for the last 12 hours, from which the US EPA NowCast AQI is computed
/// whenever a new interval arrives. The hour in progress counts as the most recent hour (a live dashboard cannot wait
/// for the hour to end); NowCast itself needs 2 of the 3 most recent hours.
/// </summary>
internal sealed class NowCastTracker
{
    private readonly Dictionary<(string Device, string Sensor), HourBucket[]> _hours = [];

    /// <summary>Adds an interval mean (µg/m³) and returns the NowCast AQI at the hour holding it, or null while NowCast is not valid.</summary>
    public int? Add(string device, string sensor, DateTimeOffset start, DateTimeOffset end, double pm25)
    {
        if (!double.IsFinite(pm25) || pm25 < 0 || end <= start)
        {
            return null;
        }

        if (!_hours.TryGetValue((device, sensor), out HourBucket[]? ring))
        {
            ring = new HourBucket[NowCast.WindowHours];
            _hours[(device, sensor)] = ring;
        }

        long hour = start.UtcTicks / TimeSpan.TicksPerHour;
        ref HourBucket b = ref ring[hour % NowCast.WindowHours];
        if (b.Hour != hour)
        {
            b = new HourBucket { Hour = hour };
        }

        double seconds = (end - start).TotalSeconds;
        b.WeightedSum += pm25 * seconds;
        b.Seconds += seconds;

        Span<double> recentFirst = stackalloc double[NowCast.WindowHours];
        for (int i = 0; i < recentFirst.Length; i++)
        {
            long h = hour - i;
            HourBucket x = ring[h % NowCast.WindowHours];
            recentFirst[i] = x.Hour == h && x.Seconds > 0 ? x.WeightedSum / x.Seconds : double.NaN;
        }

        return NowCast.TryComputeAqi(AqiPollutant.Pm25, recentFirst, out AqiResult aqi) ? aqi.Index : null;
    }

    private struct HourBucket
    {
        public long Hour;
        public double WeightedSum;
        public double Seconds;
    }
}
