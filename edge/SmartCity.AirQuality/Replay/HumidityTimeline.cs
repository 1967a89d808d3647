using SmartCity.AirQuality.Readers;

namespace SmartCity.AirQuality.Replay;

/// <summary>All relative-humidity readings of a replay, sorted, for "what was the humidity when this PM reading was taken".</summary>
internal sealed class HumidityTimeline
{
    private readonly long[] _ticks;
    private readonly double[] _values;

    private HumidityTimeline(long[] ticks, double[] values)
    {
        _ticks = ticks;
        _values = values;
    }

    /// <summary>Collects the finite, physically possible humidity readings among <paramref name="samples"/>.</summary>
    public static HumidityTimeline From(IEnumerable<AirSample> samples)
    {
        var rh = samples
            .Where(s => s.Quantity == Quantity.RelativeHumidity && double.IsFinite(s.Value) && s.Value is >= 0 and <= 100)
            .OrderBy(s => s.Time)
            .ToArray();
        return new HumidityTimeline(rh.Select(s => s.Time.UtcTicks).ToArray(), rh.Select(s => s.Value).ToArray());
    }

    /// <summary>The reading nearest to <paramref name="time"/> within <paramref name="window"/>, or null.</summary>
    public double? Nearest(DateTimeOffset time, TimeSpan window)
    {
        if (_ticks.Length == 0)
        {
            return null;
        }

        long t = time.UtcTicks;
        int i = Array.BinarySearch(_ticks, t);
        if (i >= 0)
        {
            return _values[i];
        }

        i = ~i;
        int best = -1;
        long bestGap = long.MaxValue;
        foreach (int j in (ReadOnlySpan<int>)[i - 1, i])
        {
            if (j >= 0 && j < _ticks.Length && Math.Abs(_ticks[j] - t) < bestGap)
            {
                best = j;
                bestGap = Math.Abs(_ticks[j] - t);
            }
        }

        return bestGap <= window.Ticks ? _values[best] : null;
    }
}
